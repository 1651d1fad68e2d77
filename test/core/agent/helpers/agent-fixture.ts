import Anthropic from '@anthropic-ai/sdk';
import { join } from 'node:path';
import { Agent, type AgentOptions } from '../../../../src/core/agent/agent.js';
import type { ChatRequest } from '../../../../src/core/agent/chat-request.js';
import { configSchema, type Config, type ConfigInput } from '../../../../src/core/config/schema.js';
import { ClusterRegistry } from '../../../../src/core/kube/cluster-registry.js';
import { ProcessKubectlRunner } from '../../../../src/core/kubectl/runner.js';
import type { CoreMessage } from '../../../../src/core/messages/core-message.js';
import { renderPlainTextAll } from '../../../../src/core/messages/render-plain-text.js';
import type { Database } from '../../../../src/core/store/database.js';
import { openStore } from '../../../../src/core/store/open-store.js';
import { AuditRepo } from '../../../../src/core/store/repos/audit.js';
import { allTools } from '../../../../src/core/tools/index.js';
import { createToolRegistry } from '../../../../src/core/tools/registry/create-tool-registry.js';
import type { ToolRegistry } from '../../../../src/core/tools/registry/tool-registry.js';
import { kubeConfigFromString, type SimTestCluster } from '../../../support/sim.js';

/** Chat identities with each role, as the config binds them. */
export const users = {
  viewer: { userId: 'U_VIEWER', userName: 'vera' },
  operator: { userId: 'U_OP', userName: 'otto' },
  operator2: { userId: 'U_OP2', userName: 'olga' },
  admin: { userId: 'U_ADMIN', userName: 'ada' },
  admin2: { userId: 'U_ADMIN2', userName: 'alan' },
  stranger: { userId: 'U_STRANGER', userName: 'sam' },
} as const;

export type UserKey = keyof typeof users;

export interface AgentFixtureOptions {
  config?: Partial<ConfigInput>;
  /** A fake Messages API: the agent's SDK client points at it. */
  anthropicUrl?: string;
  maxRetries?: number;
  /** Per model request, in milliseconds. */
  timeoutMs?: number;
  llm?: AgentOptions['llm'];
  /** More cluster names, all on the same sim (for `use CLUSTER`). */
  extraClusters?: string[];
  /** Cluster names whose API server does not answer (a closed port). */
  brokenClusters?: string[];
  /** Chat commands other modules would register (the extension point). */
  commands?: AgentOptions['commands'];
}

export interface AgentFixture {
  agent: Agent;
  registry: ToolRegistry;
  db: Database;
  audit: AuditRepo;
  config: Config;
  /** Moves the agent's and the registry's clock (approval expiry). */
  clock: { offsetMs: number };
  ask(text: string, who?: UserKey, where?: Partial<ChatRequest>): Promise<CoreMessage[]>;
  text(messages: CoreMessage[]): string;
  close(): Promise<void>;
}

// Port 1 on loopback: nothing listens, so every request is refused at once.
const deadKubeconfig = `apiVersion: v1
kind: Config
clusters: [{ name: dead, cluster: { server: "http://127.0.0.1:1" } }]
users: [{ name: dead, user: { token: x } }]
contexts: [{ name: dead, context: { cluster: dead, user: dead } }]
current-context: dead
`;

export async function createAgentFixture(
  sim: SimTestCluster,
  dir: string,
  options: AgentFixtureOptions = {},
): Promise<AgentFixture> {
  const config = configSchema.parse({
    ...options.config,
    database: { path: join(dir, 'ai4k8s.db') },
    // The schema's default model is one the SDK warns about as deprecated on every call.
    anthropic: { model: 'claude-sonnet-5-5', ...options.config?.anthropic },
    roles: {
      defaultRole: 'viewer',
      ...options.config?.roles,
      users: [
        { platform: 'slack', id: users.viewer.userId, role: 'viewer' },
        { platform: 'slack', id: users.operator.userId, role: 'operator' },
        { platform: 'slack', id: users.operator2.userId, role: 'operator' },
        { platform: 'slack', id: users.admin.userId, role: 'admin' },
        { platform: 'slack', id: users.admin2.userId, role: 'admin' },
      ],
    },
  });
  const db = await openStore(config.database.path);
  const clock = { offsetMs: 0 };
  const now = () => Date.now() + clock.offsetMs;
  const extra = options.extraClusters ?? [];
  const broken = options.brokenClusters ?? [];
  const clusters =
    extra.length + broken.length === 0
      ? sim.registry
      : new ClusterRegistry({
          sources: [
            ...['sim', ...extra].map((name) => ({
              name,
              loadKubeConfig: () => kubeConfigFromString(sim.sim.kubeconfig),
            })),
            ...broken.map((name) => ({
              name,
              loadKubeConfig: () => kubeConfigFromString(deadKubeconfig),
            })),
          ],
          logger: sim.logger,
          readyTimeoutMs: 3_000,
        });
  const kubectl = new ProcessKubectlRunner({
    logger: sim.logger,
    timeoutSeconds: 20,
    maxOutputBytes: 1_000_000,
  });
  const registry = createToolRegistry({
    db,
    tools: allTools,
    clusters,
    logger: sim.logger,
    config,
    services: { kubectl },
    now,
  });
  const anthropic = options.anthropicUrl
    ? new Anthropic({
        apiKey: 'sk-ant-test',
        baseURL: options.anthropicUrl,
        maxRetries: options.maxRetries ?? 2,
        timeout: options.timeoutMs ?? 10_000,
      })
    : undefined;
  const agent = new Agent({
    config,
    tools: registry,
    approvals: registry.approvals,
    clusters,
    db,
    logger: sim.logger,
    now,
    ...(anthropic ? { anthropic } : {}),
    ...(options.commands ? { commands: options.commands } : {}),
    llm: { retryDelayMs: 5, ...options.llm },
  });
  return {
    agent,
    registry,
    db,
    audit: new AuditRepo(db),
    config,
    clock,
    ask: (text, who = 'admin', where = {}) =>
      agent.handle({ platform: 'slack', channelId: 'C_OPS', ...users[who], text, ...where }),
    text: renderPlainTextAll,
    async close() {
      if (clusters !== sim.registry) clusters.stop();
      await kubectl.close();
      await db.close();
    },
  };
}
