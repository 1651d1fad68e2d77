import { z } from 'zod';

// Settings of the proactive alert pipeline: the `monitoring` key of ai4k8s.yaml.
// Every field has a default, so `monitoring: {}` (or no key at all) runs the pipeline as designed.

const seconds = (min: number, max: number, value: number) =>
  z.number().int().min(min).max(max).default(value);

export const monitoringConfigSchema = z.strictObject({
  /** Runs the collector, analyzers and alert delivery. */
  enabled: z.boolean().default(true),
  collector: z
    .strictObject({
      /** How often pod and node usage is read from metrics.k8s.io. */
      intervalSeconds: seconds(5, 3600, 30),
      /** Raw samples are kept this long... */
      rawRetentionHours: z
        .number()
        .int()
        .min(1)
        .max(7 * 24)
        .default(6),
      /** ...and 5-minute rollups (average and maximum) this long. */
      rollupRetentionDays: z.number().int().min(1).max(400).default(8),
      /** The open hour of every series is written to the database this often (a crash loses at most this much). */
      flushIntervalSeconds: seconds(10, 3600, 300),
    })
    .prefault({}),
  analyzers: z
    .strictObject({
      /** Full re-evaluation of every object (watch events are handled at once; this is the safety net). */
      intervalSeconds: seconds(5, 3600, 30),
      /** A container in CrashLoopBackOff counts as crash-looping from this many restarts on. */
      crashLoopMinRestarts: z.number().int().min(0).max(100).default(1),
      /** A crash loop or OOM kill stays active until the container has run this long without one. */
      crashLoopClearMinutes: z
        .number()
        .int()
        .min(1)
        .max(24 * 60)
        .default(10),
      /** A pod Pending longer than this is a problem. */
      pendingMinutes: z
        .number()
        .int()
        .min(1)
        .max(24 * 60)
        .default(5),
      /** A deployment with unavailable replicas for longer than this is a problem. */
      unavailableMinutes: z
        .number()
        .int()
        .min(1)
        .max(24 * 60)
        .default(5),
      /** This many restarts within the window is a restart burst. */
      restartBurstCount: z.number().int().min(2).max(1000).default(3),
      restartBurstWindowMinutes: z
        .number()
        .int()
        .min(1)
        .max(24 * 60)
        .default(15),
      /** Lines of the previous container's log attached to an alert. */
      evidenceLogLines: z.number().int().min(0).max(500).default(20),
      /** Recent events attached to an alert. */
      evidenceEvents: z.number().int().min(0).max(100).default(8),
    })
    .prefault({}),
  alerts: z
    .strictObject({
      /** A condition must stay clear this long before its alert resolves (absorbs status jitter). */
      resolveAfterSeconds: seconds(0, 24 * 3600, 60),
      /** The same problem again within this time after resolving reopens the old incident. */
      cooldownMinutes: z
        .number()
        .int()
        .min(0)
        .max(7 * 24 * 60)
        .default(30),
      /** This many reopenings within the flap window mark an incident as flapping... */
      flapReopenCount: z.number().int().min(1).max(100).default(3),
      flapWindowMinutes: z
        .number()
        .int()
        .min(1)
        .max(7 * 24 * 60)
        .default(60),
      /** ...which then resolves only after staying clear this long, without notifying in between. */
      flapHoldMinutes: z
        .number()
        .int()
        .min(1)
        .max(7 * 24 * 60)
        .default(30),
      /** Resolved alerts are deleted after this many days. */
      retentionDays: z.number().int().min(1).max(3650).default(30),
    })
    .prefault({}),
  delivery: z
    .strictObject({
      /** Attempts per notification before it is marked failed. */
      attempts: z.number().int().min(1).max(100).default(10),
      /** First retry delay; doubles per attempt up to the maximum. */
      backoffSeconds: z.number().min(0.01).max(3600).default(2),
      maxBackoffSeconds: z
        .number()
        .min(0.01)
        .max(24 * 3600)
        .default(600),
      /** A notifier call that takes longer than this is abandoned and retried. */
      timeoutSeconds: z.number().min(0.01).max(600).default(30),
      /** How often the sweeper re-enqueues notifications left undelivered. */
      sweepIntervalSeconds: seconds(1, 3600, 60),
    })
    .prefault({}),
});

export type MonitoringConfig = z.infer<typeof monitoringConfigSchema>;
export type MonitoringConfigInput = z.input<typeof monitoringConfigSchema>;

/** The defaults, for callers (tests, the demo) that have no config file. */
export function defaultMonitoringConfig(overrides: MonitoringConfigInput = {}): MonitoringConfig {
  return monitoringConfigSchema.parse(overrides);
}
