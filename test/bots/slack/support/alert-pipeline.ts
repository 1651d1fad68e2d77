// The back half of the alert pipeline, from a finding to Slack, with the real parts: the
// lifecycle writes the incident and its outbox rows in one transaction, the in-process `notify`
// queue delivers each row through OutboxDelivery and the bot's SlackNotifier, retrying as the
// notifier's errors ask. Findings are given by the test, so each step's Slack fault is exact
// (alert-pipeline.test.ts runs the analyzers too).
import type { V1Pod } from '@kubernetes/client-node';
import type { Finding } from '../../../../src/core/alerts/alert.js';
import { AlertLifecycle } from '../../../../src/core/alerts/lifecycle/alert-lifecycle.js';
import type { Notifier } from '../../../../src/core/alerts/notifier.js';
import { registerNotifyQueue } from '../../../../src/core/alerts/outbox/notify-queue.js';
import {
  OutboxDelivery,
  exponentialBackoff,
} from '../../../../src/core/alerts/outbox/outbox-delivery.js';
import { AlertRouter } from '../../../../src/core/alerts/routing/alert-router.js';
import { SilenceRepo } from '../../../../src/core/alerts/silences/silence-repo.js';
import { Silences } from '../../../../src/core/alerts/silences/silences.js';
import { InProcessScheduler } from '../../../../src/core/jobs/in-process-scheduler.js';
import type { Cluster } from '../../../../src/core/kube/cluster.js';
import type { Logger } from '../../../../src/core/log/logger.js';
import { defaultMonitoringConfig } from '../../../../src/core/monitor/config.js';
import type { Database } from '../../../../src/core/store/database.js';

export interface AlertPipeline {
  lifecycle: AlertLifecycle;
  delivery: OutboxDelivery;
  silences: Silences;
  silenceRepo: SilenceRepo;
  now: () => Date;
  /** The alert clock, moved by hand (resolution waits `resolveAfterSeconds`). */
  clock: { ms: number };
  stop(): Promise<void>;
}

export async function startAlertPipeline(options: {
  db: Database;
  notifier: Notifier;
  channel: string;
  logger: Logger;
}): Promise<AlertPipeline> {
  const settings = defaultMonitoringConfig({ alerts: { resolveAfterSeconds: 60 } });
  const clock = { ms: Date.now() };
  const now = () => new Date(clock.ms);
  const scheduler = new InProcessScheduler({ logger: options.logger });
  const backoffMs = exponentialBackoff(50, 400);
  const delivery = new OutboxDelivery({
    db: options.db,
    notifiers: [options.notifier],
    maxAttempts: 8,
    backoffMs,
    timeoutMs: 5000,
    logger: options.logger,
  });
  const queue = registerNotifyQueue({
    scheduler,
    delivery,
    attempts: 8,
    backoffMs,
    logger: options.logger,
  });
  const silenceRepo = new SilenceRepo(options.db);
  const silences = new Silences(silenceRepo, now);
  const lifecycle = new AlertLifecycle({
    db: options.db,
    now,
    settings: settings.alerts,
    router: new AlertRouter({
      bindings: [
        { platform: 'slack', channel: options.channel, alerts: true, minSeverity: 'info' },
      ],
      platforms: new Set(['slack']),
    }),
    silences,
    onNotifications: (ids) => {
      for (const id of ids) void queue.enqueue(id);
    },
    logger: options.logger,
  });
  await scheduler.start();
  return { lifecycle, delivery, silences, silenceRepo, now, clock, stop: () => scheduler.stop() };
}

/**
 * What the crash-loop analyzer reports for a deployment whose pods are in CrashLoopBackOff,
 * read from the cluster cache, with the crashed container's last log lines as evidence.
 */
export function crashLoopFinding(
  cluster: Cluster,
  namespace: string,
  deployment: string,
): Finding | undefined {
  const pods = cluster.cache
    .list('pods', namespace)
    .filter((p) => p.metadata?.name?.startsWith(`${deployment}-`));
  const crashing = pods.filter(isCrashLooping);
  if (crashing.length === 0) return undefined;
  const first = crashing[0] as V1Pod;
  const pod = first.metadata?.name as string;
  const container = first.status?.containerStatuses?.[0]?.name ?? 'main';
  return {
    subject: { cluster: cluster.name, kind: 'Deployment', namespace, name: deployment },
    reason: 'CrashLoopBackOff',
    severity: 'warning',
    summary: `${crashing.length} of ${pods.length} pods of ${deployment} keep crashing`,
    facts: { crashing: `${crashing.length}/${pods.length}` },
    gatherEvidence: async () => {
      const log = await cluster.core.readNamespacedPodLog({
        name: pod,
        namespace,
        container,
        previous: true,
        tailLines: 20,
      });
      return {
        owner: `Deployment ${namespace}/${deployment}`,
        pods: crashing.map((p) => p.metadata?.name as string),
        logs: {
          pod,
          container,
          lines: String(log)
            .split('\n')
            .filter((l) => l.length > 0),
        },
        events: [],
      };
    },
  };
}

function isCrashLooping(pod: V1Pod): boolean {
  return (pod.status?.containerStatuses ?? []).some(
    (c) => c.state?.waiting?.reason === 'CrashLoopBackOff',
  );
}
