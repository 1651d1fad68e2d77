import { z } from 'zod';
import { monitoringConfigSchema } from '../monitor/config.js';
import { forecastConfigSchema } from '../monitor/predict/forecast-settings.js';

// One schema for the whole configuration. Every object is strict: an unknown key is an error,
// so a typo in ai4k8s.yaml is reported instead of silently ignored.

const role = z.enum(['viewer', 'operator', 'admin']);
const logLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);
const platform = z.enum(['slack', 'discord', 'web', 'cli', 'mcp']);

const clusterSchema = z
  .strictObject({
    name: z.string().regex(/^[a-z0-9]([-a-z0-9_.]*[a-z0-9])?$/i, 'use letters, digits, -, _ and .'),
    kubeconfig: z.string().min(1).optional(),
    context: z.string().min(1).optional(),
    inCluster: z.boolean().default(false),
  })
  .refine((c) => c.inCluster || c.kubeconfig !== undefined || c.context !== undefined, {
    message: 'give kubeconfig and/or context, or inCluster: true',
  });

const userBinding = z.strictObject({
  platform,
  id: z.string().min(1),
  role,
});

const channelBinding = z.strictObject({
  platform,
  channel: z.string().min(1),
  cluster: z.string().optional(),
  role: role.optional(),
  namespaces: z.array(z.string()).optional(),
  minSeverity: z.enum(['info', 'warning', 'critical']).default('warning'),
  alertKinds: z.array(z.string()).optional(),
  alerts: z.boolean().default(false),
});

export const configSchema = z.strictObject({
  port: z.number().int().min(0).max(65535).default(3000),
  host: z.string().default('127.0.0.1'),
  log: z.strictObject({ level: logLevel.default('info') }).prefault({}),
  database: z.strictObject({ path: z.string().min(1).default('./data/ai4k8s.db') }).prefault({}),
  redis: z.strictObject({ url: z.string().url().optional() }).prefault({}),
  /** Signs sessions and encrypts stored credentials. Set by AI4K8S_SECRET_KEY or generated. */
  secretKey: z
    .string()
    .min(32, 'use at least 32 characters (e.g. `openssl rand -hex 32`)')
    .optional(),
  kubeconfig: z.string().optional(),
  clusters: z.array(clusterSchema).default([]),
  kubectl: z
    .strictObject({
      path: z.string().optional(),
      timeoutSeconds: z.number().int().min(1).max(600).default(30),
      maxOutputBytes: z.number().int().min(1024).default(1_000_000),
    })
    .prefault({}),
  tools: z
    .strictObject({
      outputBudgetTokens: z.number().int().min(200).default(2000),
      maxOutputBudgetTokens: z.number().int().min(200).default(8000),
    })
    .prefault({}),
  approvals: z
    .strictObject({
      ttlMinutes: z
        .number()
        .int()
        .min(1)
        .max(24 * 60)
        .default(15),
      allowSelf: z.boolean().default(false),
    })
    .prefault({}),
  roles: z
    .strictObject({
      defaultRole: z.enum(['viewer', 'operator', 'admin', 'none']).default('viewer'),
      users: z.array(userBinding).default([]),
      channels: z.array(channelBinding).default([]),
    })
    .prefault({}),
  cli: z.strictObject({ role: role.default('admin') }).prefault({}),
  mcp: z
    .strictObject({
      stdioRole: role.default('viewer'),
      allowWrites: z.boolean().default(false),
      allowedOrigins: z.array(z.string()).default([]),
    })
    .prefault({}),
  anthropic: z
    .strictObject({
      apiKey: z.string().min(1).optional(),
      baseUrl: z.string().url().optional(),
      model: z.string().default('claude-sonnet-5-5'),
      maxSteps: z.number().int().min(1).max(50).default(8),
      tokensPerQuestion: z.number().int().min(1000).default(60_000),
      tokensPerUserPerDay: z.number().int().min(1000).default(500_000),
    })
    .prefault({}),
  slack: z
    .strictObject({
      botToken: z.string().min(1).optional(),
      signingSecret: z.string().min(1).optional(),
      appToken: z.string().min(1).optional(),
      apiUrl: z.string().url().optional(),
      command: z
        .string()
        .regex(/^\/[a-z0-9_-]+$/, 'a slash command such as /k8s')
        .default('/k8s'),
    })
    .prefault({}),
  discord: z
    .strictObject({
      token: z.string().min(1).optional(),
      applicationId: z.string().min(1).optional(),
    })
    .prefault({}),
  web: z.strictObject({ trustProxy: z.boolean().default(false) }).prefault({}),
  monitoring: monitoringConfigSchema
    .extend({
      forecast: forecastConfigSchema.prefault({}),
      anomaly: z
        .strictObject({
          /** Raise `AnomalousCPU` / `AnomalousMemory` from the streaming detector. */
          enabled: z.boolean().default(true),
          /** Pod usage series watched at most (about 40 kB of state each). */
          maxSeries: z.number().int().min(1).max(100_000).default(2000),
        })
        .prefault({}),
    })
    .prefault({}),
});

export type Config = z.infer<typeof configSchema>;
export type ConfigInput = z.input<typeof configSchema>;

/** Dotted paths whose values are secrets: never logged, never printed by `config check`. */
export const secretPaths = [
  'secretKey',
  'anthropic.apiKey',
  'slack.botToken',
  'slack.signingSecret',
  'slack.appToken',
  'discord.token',
] as const;
