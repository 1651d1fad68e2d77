import type { V1Deployment, V1Pod } from '@kubernetes/client-node';
import type { Finding } from '../../alerts/alert.js';
import { fingerprintOf } from '../../alerts/fingerprint.js';
import type { Cluster } from '../../kube/cluster.js';
import type { AnalyzerSettings } from './analyzer-settings.js';
import { eventTime, gatherEvidence, ownerLabel } from './evidence.js';
import { nodeIsDown } from './node-findings.js';
import { podProblems, type PodProblem, type PodReason } from './pod-problems.js';
import type { RestartTracker } from './restart-tracker.js';
import { podIsReady, workloadFindings } from './workload-findings.js';
import { workloadKey, type WorkloadRef } from './workload-of.js';

/** The analyzer's memory a workload evaluation reads and updates. */
export interface WorkloadMemory {
  backoffSeen: Map<string, number>;
  restarts: RestartTracker;
  unavailableSince: Map<string, number>;
  /** Fingerprints with an open incident (holds keep crash loops open between crashes). */
  active: Set<string>;
}

export interface WorkloadEvaluation {
  findings: Finding[];
  recheckAt?: number;
}

/** Findings of one workload from its pods (and deployment) in the cache. */
export function evaluateWorkload(
  cluster: Pick<Cluster, 'name' | 'core' | 'cache'>,
  ref: WorkloadRef,
  pods: V1Pod[],
  memory: WorkloadMemory,
  settings: AnalyzerSettings,
  now: number,
): WorkloadEvaluation {
  const cache = cluster.cache;
  const key = workloadKey(ref);
  const deployment =
    ref.kind === 'Deployment' ? cache.get('deployments', ref.namespace, ref.name) : undefined;
  if (pods.length === 0 && !deployment) {
    memory.unavailableSince.delete(key);
    return { findings: [] };
  }
  let recheckAt: number | undefined;
  const later = (t: number | undefined) => {
    if (t !== undefined && t > now) recheckAt = Math.min(recheckAt ?? Infinity, t);
  };
  const problems: PodProblem[] = [];
  const bursts: Array<{ pod: string; container: string; count: number }> = [];
  const active = (reason: PodReason) =>
    memory.active.has(fingerprintOf({ cluster: cluster.name, ...ref }, reason));
  for (const pod of pods) {
    const found = podProblems(pod, {
      now,
      settings,
      backoffSeenAt: (uid, container) => memory.backoffSeen.get(`${uid}/${container}`),
      active,
      schedulingMessage: (p) => schedulingMessage(cluster, p),
    });
    problems.push(...found.problems);
    later(found.recheckAt);
    for (const c of pod.status?.containerStatuses ?? []) {
      const window = memory.restarts.inWindow(
        pod.metadata?.uid ?? '',
        c.name,
        now,
        settings.restartBurstWindowMs,
      );
      later(window.expiresAt);
      if (window.count >= settings.restartBurstCount)
        bursts.push({ pod: pod.metadata?.name ?? '', container: c.name, count: window.count });
    }
  }
  if (deployment) trackUnavailable(memory.unavailableSince, key, deployment, now);
  const ready = deployment
    ? { ready: deployment.status?.readyReplicas ?? 0, desired: deployment.spec?.replicas ?? 1 }
    : { ready: pods.filter(podIsReady).length, desired: pods.length };
  const owner = ownerLabel(ref.kind, ref.namespace, ref.name, ready);
  const since = memory.unavailableSince.get(key);
  const result = workloadFindings({
    cluster: cluster.name,
    ref,
    pods,
    ...(deployment && { deployment }),
    problems,
    bursts,
    ...(since !== undefined && { unavailableSince: since }),
    now,
    settings,
    nodeIsDown: (node) => nodeIsDown(cache.get('nodes', undefined, node)),
    evidence: (_reason, affected, logsOf) => () =>
      gatherEvidence(cluster, {
        namespace: ref.namespace,
        objects: [...affected, ref.name],
        owner,
        pods: affected,
        ...(logsOf && { logsOf }),
        logLines: settings.evidenceLogLines,
        events: settings.evidenceEvents,
      }),
  });
  later(result.recheckAt);
  return recheckAt === undefined
    ? { findings: result.findings }
    : { findings: result.findings, recheckAt };
}

function trackUnavailable(
  since: Map<string, number>,
  key: string,
  d: V1Deployment,
  now: number,
): void {
  const desired = d.spec?.replicas ?? 1;
  const available = d.status?.availableReplicas ?? 0;
  if (desired > 0 && available < desired) {
    if (!since.has(key)) since.set(key, now);
  } else {
    since.delete(key);
  }
}

/** The newest FailedScheduling message of a pod. */
function schedulingMessage(cluster: Pick<Cluster, 'cache'>, pod: V1Pod): string | undefined {
  const name = pod.metadata?.name;
  let best: { at: number; message?: string } | undefined;
  for (const e of cluster.cache.list('events', pod.metadata?.namespace)) {
    if (e.reason !== 'FailedScheduling' || e.involvedObject?.name !== name) continue;
    const at = eventTime(e);
    if (!best || at > best.at)
      best = { at, ...(e.message !== undefined && { message: e.message }) };
  }
  return best?.message;
}
