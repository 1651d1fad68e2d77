import type { V1Deployment, V1Pod } from '@kubernetes/client-node';
import type { AlertSeverity, Finding } from '../../alerts/alert.js';
import { toMillis } from '../../tools/render/age.js';
import type { AnalyzerSettings } from './analyzer-settings.js';
import type { PodProblem, PodReason } from './pod-problems.js';
import type { WorkloadRef } from './workload-of.js';

export interface WorkloadInput {
  cluster: string;
  ref: WorkloadRef;
  pods: V1Pod[];
  deployment?: V1Deployment;
  problems: PodProblem[];
  /** Containers with a restart burst: pod, container and restarts within the window. */
  bursts: Array<{ pod: string; container: string; count: number }>;
  /** When the deployment was first seen short of available replicas (kept by the analyzer). */
  unavailableSince?: number;
  now: number;
  settings: AnalyzerSettings;
  nodeIsDown(name: string): boolean;
  evidence(
    reason: string,
    pods: string[],
    logsOf?: { pod: string; container: string },
  ): Finding['gatherEvidence'];
}

export interface WorkloadFindings {
  findings: Finding[];
  recheckAt?: number;
}

const order: PodReason[] = ['OOMKilled', 'CrashLoopBackOff', 'ImagePullBackOff', 'Pending'];

/**
 * One finding per reason for a whole workload. Symptoms of a cause already found are left out:
 * a deployment short of replicas because its pods crash, or because their node is down, is the
 * crash or the node's incident, and restarts of a crash loop are not also a restart burst.
 */
export function workloadFindings(input: WorkloadInput): WorkloadFindings {
  const { ref, pods } = input;
  const subject = {
    cluster: input.cluster,
    kind: ref.kind,
    namespace: ref.namespace,
    name: ref.name,
  };
  const readiness = readinessOf(input);
  const noneReady = readiness.desired > 0 && readiness.ready === 0;
  const findings: Finding[] = [];
  for (const reason of order) {
    const hits = input.problems.filter((p) => p.reason === reason);
    const first = hits[0];
    if (!first) continue;
    const affected = [...new Set(hits.map((h) => h.pod))];
    const loop = hits.some((h) => h.loop);
    const severity: AlertSeverity =
      noneReady || (reason === 'OOMKilled' && loop) ? 'critical' : 'warning';
    const who =
      first.container &&
      pods.find((p) => p.metadata?.name === first.pod)?.spec?.containers.length !== 1
        ? `${first.pod} (container ${first.container})`
        : first.pod;
    const more = affected.length > 1 ? ` (${affected.length} of ${pods.length} pods)` : '';
    const facts: Record<string, string> = {
      pods: `${affected.length}/${pods.length}`,
      ready: `${readiness.ready}/${readiness.desired}`,
    };
    const restarts = Math.max(...hits.map((h) => h.restarts));
    if (reason === 'CrashLoopBackOff' || reason === 'OOMKilled') facts.restarts = String(restarts);
    if (first.exitCode !== undefined) facts.exitCode = String(first.exitCode);
    const logsOf =
      (reason === 'CrashLoopBackOff' || reason === 'OOMKilled') && first.container
        ? { pod: first.pod, container: first.container }
        : undefined;
    findings.push({
      subject,
      reason,
      severity,
      summary: `${who} ${first.message}${more}`,
      facts,
      gatherEvidence: input.evidence(reason, affected, logsOf),
    });
  }
  const crashing = findings.length > 0;
  const burst = input.bursts.sort((a, b) => b.count - a.count)[0];
  if (burst && !findings.some((f) => f.reason === 'CrashLoopBackOff' || f.reason === 'OOMKilled')) {
    const minutes = Math.round(input.settings.restartBurstWindowMs / 60_000);
    findings.push({
      subject,
      reason: 'RestartBurst',
      severity: noneReady ? 'critical' : 'warning',
      summary: `${burst.pod} (container ${burst.container}) restarted ${burst.count} times in ${minutes} min`,
      facts: {
        pods: `${new Set(input.bursts.map((b) => b.pod)).size}/${pods.length}`,
        ready: `${readiness.ready}/${readiness.desired}`,
      },
      gatherEvidence: input.evidence(
        'RestartBurst',
        input.bursts.map((b) => b.pod),
        { pod: burst.pod, container: burst.container },
      ),
    });
  }
  const unavailable = unavailableFinding(input, readiness, crashing);
  if (unavailable.finding) findings.push(unavailable.finding);
  return unavailable.recheckAt === undefined
    ? { findings }
    : { findings, recheckAt: unavailable.recheckAt };
}

function unavailableFinding(
  input: WorkloadInput,
  readiness: { ready: number; available: number; desired: number },
  explained: boolean,
): { finding?: Finding; recheckAt?: number } {
  const d = input.deployment;
  if (!d || input.unavailableSince === undefined || readiness.available >= readiness.desired)
    return {};
  const condition = d.status?.conditions?.find(
    (c) => c.type === 'Available' && c.status === 'False',
  );
  const since = Math.min(
    input.unavailableSince,
    toMillis(condition?.lastTransitionTime as unknown as string) ?? Infinity,
  );
  const due = since + input.settings.unavailableMs;
  if (input.now < due) return { recheckAt: due };
  const unready = input.pods.filter((p) => !podIsReady(p));
  // Pods on a down node, pods going away and replacements still starting explain the gap.
  const unexplained = unready.filter((p) => {
    if (p.metadata?.deletionTimestamp || input.nodeIsDown(p.spec?.nodeName ?? '')) return false;
    const created = toMillis(p.metadata?.creationTimestamp as unknown as string) ?? 0;
    return input.now - created >= input.settings.unavailableMs;
  });
  if (explained || (unready.length > 0 && unexplained.length === 0)) {
    const starting = unready.map(
      (p) =>
        (toMillis(p.metadata?.creationTimestamp as unknown as string) ?? 0) +
        input.settings.unavailableMs,
    );
    const next = Math.min(...starting.filter((t) => t > input.now));
    return Number.isFinite(next) ? { recheckAt: next } : {};
  }
  const { ref } = input;
  return {
    finding: {
      subject: { cluster: input.cluster, kind: ref.kind, namespace: ref.namespace, name: ref.name },
      reason: 'UnavailableReplicas',
      severity: readiness.ready === 0 ? 'critical' : 'warning',
      summary: `deployment ${ref.namespace}/${ref.name} has ${readiness.available} of ${readiness.desired} replicas available${unreadyReason(unready)}`,
      facts: {
        available: `${readiness.available}/${readiness.desired}`,
        ready: `${readiness.ready}/${readiness.desired}`,
      },
      gatherEvidence: input.evidence(
        'UnavailableReplicas',
        unready.map((p) => p.metadata?.name ?? ''),
      ),
    },
  };
}

function readinessOf(input: WorkloadInput): { ready: number; available: number; desired: number } {
  const d = input.deployment;
  if (d) {
    const desired = d.spec?.replicas ?? 1;
    return {
      ready: d.status?.readyReplicas ?? 0,
      available: d.status?.availableReplicas ?? 0,
      desired,
    };
  }
  const live = input.pods.filter((p) => !p.metadata?.deletionTimestamp);
  const ready = live.filter(podIsReady).length;
  return { ready, available: ready, desired: live.length };
}

export function podIsReady(pod: V1Pod): boolean {
  return pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
}

function unreadyReason(unready: V1Pod[]): string {
  const condition = unready[0]?.status?.conditions?.find(
    (c) => c.type === 'Ready' && c.status !== 'True',
  );
  const message = condition?.message ?? condition?.reason;
  return message ? `: ${unready[0]?.metadata?.name} ${message}` : '';
}
