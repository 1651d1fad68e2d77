// The scenario file format (YAML): nodes, namespaces with workloads, usage models, log
// templates and faults. Quantities and durations stay strings here; build.ts converts them.
import { z } from 'zod';
import { faultSpecSchema } from '../behaviour/fault-spec.js';

const quantity = z.union([z.string(), z.number()]);
const duration = z.union([z.string(), z.number()]);

const usageModel = z.discriminatedUnion('model', [
  z
    .object({
      model: z.literal('constant'),
      value: quantity,
      noise: z.number().min(0).max(1).optional(),
    })
    .strict(),
  z
    .object({
      model: z.literal('daily'),
      base: quantity,
      amplitude: quantity,
      peakHour: z.number().min(0).max(24).optional(),
      noise: z.number().min(0).max(1).optional(),
    })
    .strict(),
  z
    .object({
      model: z.literal('linear'),
      from: quantity,
      perHour: quantity,
      /** Growth begins here (relative to the fault anchor); before, usage stays at `from`. */
      startAt: duration.optional(),
      max: quantity.optional(),
      noise: z.number().min(0).max(1).optional(),
    })
    .strict(),
  z
    .object({
      model: z.literal('step'),
      before: quantity,
      after: quantity,
      at: duration,
      noise: z.number().min(0).max(1).optional(),
    })
    .strict(),
  z
    .object({
      model: z.literal('spikes'),
      base: quantity,
      spike: quantity,
      every: duration,
      duration,
      offset: duration.optional(),
      noise: z.number().min(0).max(1).optional(),
    })
    .strict(),
]);

const resources = z.object({ cpu: quantity.optional(), memory: quantity.optional() }).strict();

const containerSchema = z
  .object({
    name: z.string().regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'must be a DNS-1123 label'),
    image: z.string().min(1),
    port: z.number().int().positive().optional(),
    command: z.array(z.string()).optional(),
    args: z.array(z.string()).optional(),
    env: z.record(z.string(), z.string()).optional(),
    requests: resources.optional(),
    limits: resources.optional(),
    readiness: z
      .union([
        z.boolean(),
        z
          .object({
            path: z.string().optional(),
            port: z.number().optional(),
            initialDelay: z.number().optional(),
          })
          .strict(),
      ])
      .optional(),
    usage: z
      .object({ cpu: usageModel.optional(), memory: usageModel.optional() })
      .strict()
      .optional(),
    logs: z
      .object({
        every: duration.optional(),
        startup: z.array(z.string()).optional(),
        lines: z.array(z.string()).optional(),
      })
      .strict()
      .optional(),
    files: z.record(z.string(), z.string()).optional(),
  })
  .strict();

const serviceSchema = z
  .object({
    name: z.string().optional(),
    port: z.number().int().positive(),
    targetPort: z.number().int().positive().optional(),
    type: z.enum(['ClusterIP', 'NodePort', 'LoadBalancer']).optional(),
    portName: z.string().optional(),
  })
  .strict();

const workloadSchema = z
  .object({
    name: z.string().regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'must be a DNS-1123 label'),
    kind: z.enum(['Deployment', 'StatefulSet', 'DaemonSet', 'Pod']).optional(),
    replicas: z.number().int().min(0).optional(),
    age: duration.optional(),
    labels: z.record(z.string(), z.string()).optional(),
    /** Pin a bare Pod to a node (static pods of the control plane). */
    node: z.string().optional(),
    priorityClassName: z.string().optional(),
    tolerateControlPlane: z.boolean().optional(),
    containers: z.array(containerSchema).min(1),
    service: serviceSchema.optional(),
  })
  .strict();

const nodeSchema = z
  .object({
    name: z.string().optional(),
    namePrefix: z.string().optional(),
    count: z.number().int().positive().optional(),
    role: z.enum(['control-plane', 'worker']).optional(),
    cpu: quantity,
    memory: quantity,
    pods: z.number().int().positive().optional(),
    zone: z.string().optional(),
    instanceType: z.string().optional(),
    labels: z.record(z.string(), z.string()).optional(),
  })
  .strict()
  .refine((n) => n.name || n.namePrefix, {
    message: 'a node needs "name" or "namePrefix" (with "count")',
  });

const namespaceSchema = z
  .object({
    name: z.string().regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'must be a DNS-1123 label'),
    labels: z.record(z.string(), z.string()).optional(),
    workloads: z.array(workloadSchema).optional(),
    configMaps: z
      .array(z.object({ name: z.string(), data: z.record(z.string(), z.string()) }).strict())
      .optional(),
    secrets: z
      .array(
        z
          .object({
            name: z.string(),
            type: z.string().optional(),
            data: z.record(z.string(), z.string()),
          })
          .strict(),
      )
      .optional(),
  })
  .strict();

export const scenarioSchema = z
  .object({
    name: z.string(),
    description: z.string().optional(),
    seed: z.string().optional(),
    /** Add kube-system (static control-plane pods, CoreDNS, kube-proxy, metrics-server); default true. */
    system: z.boolean().optional(),
    nodes: z.array(nodeSchema).min(1),
    namespaces: z.array(namespaceSchema),
    faults: z.array(faultSpecSchema).optional(),
  })
  .strict();

export type Scenario = z.infer<typeof scenarioSchema>;
export type ScenarioWorkload = z.infer<typeof workloadSchema>;
export type ScenarioContainer = z.infer<typeof containerSchema>;
export type ScenarioUsageModel = z.infer<typeof usageModel>;
export type ScenarioNode = z.infer<typeof nodeSchema>;
