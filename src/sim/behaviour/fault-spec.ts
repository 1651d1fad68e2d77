// What a fault is, as scenarios and the control API describe it (validated with zod).
import { z } from 'zod';
import { parseDuration } from '../util/duration.js';
import { parseQuantity } from '../util/quantity.js';

export const FAULT_TYPES = [
  'crashloop',
  'oomkill',
  'imagepull',
  'pending',
  'node-notready',
  'unready',
  'memory-leak',
  'cpu-spike',
] as const;
export type FaultType = (typeof FAULT_TYPES)[number];

const duration = z.union([z.string(), z.number()]).refine(
  (v) => {
    try {
      parseDuration(v);
      return true;
    } catch {
      return false;
    }
  },
  { message: 'must be a duration such as "30s", "90m", "1h30m" or a number of seconds' },
);
const quantity = z.union([z.string(), z.number()]).refine(
  (v) => {
    try {
      parseQuantity(v);
      return true;
    } catch {
      return false;
    }
  },
  { message: 'must be a quantity such as "250m", "2", "512Mi"' },
);

export const faultSpecSchema = z
  .object({
    type: z.enum(FAULT_TYPES),
    namespace: z.string().optional(),
    deployment: z.string().optional(),
    statefulset: z.string().optional(),
    daemonset: z.string().optional(),
    pod: z.string().optional(),
    node: z.string().optional(),
    container: z.string().optional(),
    /** Only the first N pods (by name) of the target workload. */
    count: z.number().int().positive().optional(),
    /** Start, relative to the fault anchor (scenario) or to now (control API). May be negative. */
    at: duration.optional(),
    /** Absolute start time (control API). */
    startAt: z.string().datetime({ offset: true }).optional(),
    /** Clears itself after this long. */
    duration: duration.optional(),
    exitCode: z.number().int().min(0).max(255).optional(),
    runFor: duration.optional(),
    logs: z.array(z.string()).optional(),
    image: z.string().optional(),
    cpu: quantity.optional(),
    memory: quantity.optional(),
    /** oomkill: time from container start until memory reaches the limit. */
    after: duration.optional(),
    /** memory-leak: growth per hour. */
    perHour: quantity.optional(),
    message: z.string().optional(),
  })
  .strict()
  .superRefine((f, ctx) => {
    const needsWorkload = f.type !== 'node-notready';
    if (f.type === 'node-notready' && !f.node)
      ctx.addIssue({ code: 'custom', message: 'node-notready needs "node"' });
    if (needsWorkload && !f.deployment && !f.statefulset && !f.daemonset && !f.pod) {
      ctx.addIssue({
        code: 'custom',
        message: `${f.type} needs a target: "deployment", "statefulset", "daemonset" or "pod" (with "namespace")`,
      });
    }
    if (needsWorkload && !f.namespace)
      ctx.addIssue({ code: 'custom', message: `${f.type} needs "namespace"` });
    if (
      (f.type === 'imagepull' || f.type === 'pending') &&
      !f.deployment &&
      !f.statefulset &&
      !f.pod
    ) {
      ctx.addIssue({
        code: 'custom',
        message: `${f.type} targets a deployment, statefulset or pod`,
      });
    }
  });

export type FaultSpec = z.infer<typeof faultSpecSchema>;

/** Parses a fault spec; throws an Error whose message lists every problem. */
export function parseFaultSpec(input: unknown): FaultSpec {
  const result = faultSpecSchema.safeParse(input);
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) =>
    i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message,
  );
  throw new Error(`invalid fault: ${problems.join('; ')}`);
}
