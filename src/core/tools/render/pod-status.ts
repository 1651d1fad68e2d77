import type { V1Container, V1ContainerStatus, V1Pod } from '@kubernetes/client-node';
import { formatDuration, toMillis } from './age.js';

/** 2: failing (crash loop, image pull, OOM, unschedulable); 1: not ready yet or flapping; 0: fine. */
export type Severity = 0 | 1 | 2;

/** One pod as `kubectl get pods` shows it, plus how worrying it is. */
export interface PodSummary {
  namespace: string;
  name: string;
  ready: string;
  status: string;
  restarts: number;
  /** `5 (3m ago)` like kubectl. */
  restartsText: string;
  lastRestartAt?: number;
  createdAt?: number;
  node: string;
  phase: string;
  severity: Severity;
  /** Why it is a problem, in a few words (`last exit OOMKilled (137)`), when it is one. */
  detail?: string;
}

const failingReasons = new Set([
  'CrashLoopBackOff',
  'ImagePullBackOff',
  'ErrImagePull',
  'ErrImageNeverPull',
  'InvalidImageName',
  'OOMKilled',
  'Error',
  'CreateContainerConfigError',
  'CreateContainerError',
  'RunContainerError',
  'ContainerCannotRun',
  'PreStartHookError',
  'PostStartHookError',
  'DeadlineExceeded',
  'Evicted',
  'Failed',
  'Unknown',
  'NodeLost',
  'NodeAffinity',
  'OutOfmemory',
  'OutOfcpu',
  'UnexpectedAdmissionError',
]);

// A container that restarted this recently is flapping even if it is Running right now.
const recentRestartMs = 10 * 60_000;

interface PodFacts {
  /** Complete for a pod that never restarted; otherwise the clock-dependent fields are redone. */
  summary: Readonly<PodSummary>;
  canFlap: boolean;
  lastExit?: string;
}

// Cached pods are replaced, never modified, by every watch update, so what does not depend on the
// clock can be computed once per object: get_pods at 10,000 pods then costs a sort, not a parse.
const factsOfPod = new WeakMap<V1Pod, PodFacts>();

/**
 * READY, STATUS and RESTARTS exactly as kubectl's printPod computes them, and a severity.
 * The result may be shared between calls: treat it as read-only.
 */
export function summarizePod(pod: V1Pod, now: number): PodSummary {
  let facts = factsOfPod.get(pod);
  if (!facts) {
    facts = podFacts(pod);
    factsOfPod.set(pod, facts);
  }
  const { summary, canFlap, lastExit } = facts;
  const last = summary.lastRestartAt;
  if (summary.restarts === 0 || last === undefined) return summary;
  const flapping = canFlap && now - last < recentRestartMs;
  return {
    ...summary,
    restartsText: `${summary.restarts} (${formatDuration(now - last)} ago)`,
    severity: flapping ? 1 : summary.severity,
    detail: flapping ? (lastExit ?? 'restarted recently') : summary.detail,
  };
}

function podFacts(pod: V1Pod): PodFacts {
  const spec = pod.spec;
  const status = pod.status ?? {};
  const phase = status.phase ?? 'Unknown';
  let reason = status.reason || phase;
  if (status.conditions?.some((c) => c.type === 'PodScheduled' && c.reason === 'SchedulingGated'))
    reason = 'SchedulingGated';

  const initSpecs = new Map<string, V1Container>(
    (spec?.initContainers ?? []).map((c) => [c.name, c]),
  );
  const isSidecar = (name: string): boolean => initSpecs.get(name)?.restartPolicy === 'Always';
  let total = spec?.containers?.length ?? 0;
  for (const c of initSpecs.values()) if (c.restartPolicy === 'Always') total++;

  let readyCount = 0;
  let restarts = 0;
  let sidecarRestarts = 0;
  let lastRestart = 0;
  let lastSidecarRestart = 0;
  let initializing = false;
  const initStatuses = status.initContainerStatuses ?? [];
  for (let i = 0; i < initStatuses.length; i++) {
    const c = initStatuses[i] as V1ContainerStatus;
    restarts += c.restartCount ?? 0;
    const finished = toMillis(c.lastState?.terminated?.finishedAt) ?? 0;
    lastRestart = Math.max(lastRestart, finished);
    if (isSidecar(c.name)) {
      sidecarRestarts += c.restartCount ?? 0;
      lastSidecarRestart = Math.max(lastSidecarRestart, finished);
    }
    const terminated = c.state?.terminated;
    const waiting = c.state?.waiting;
    if (terminated && terminated.exitCode === 0) continue;
    if (isSidecar(c.name) && c.started) {
      if (c.ready) readyCount++;
      continue;
    }
    if (terminated) {
      reason = terminated.reason
        ? `Init:${terminated.reason}`
        : terminated.signal
          ? `Init:Signal:${terminated.signal}`
          : `Init:ExitCode:${terminated.exitCode}`;
    } else if (waiting?.reason && waiting.reason !== 'PodInitializing') {
      reason = `Init:${waiting.reason}`;
    } else {
      reason = `Init:${i}/${initSpecs.size}`;
    }
    initializing = true;
    break;
  }

  const initialized =
    status.conditions?.some((c) => c.type === 'Initialized' && c.status === 'True') ?? false;
  if (!initializing || initialized) {
    restarts = sidecarRestarts;
    lastRestart = lastSidecarRestart;
    let hasRunning = false;
    const statuses = status.containerStatuses ?? [];
    for (let i = statuses.length - 1; i >= 0; i--) {
      const c = statuses[i] as V1ContainerStatus;
      restarts += c.restartCount ?? 0;
      lastRestart = Math.max(lastRestart, toMillis(c.lastState?.terminated?.finishedAt) ?? 0);
      const { waiting, terminated, running } = c.state ?? {};
      if (waiting?.reason) reason = waiting.reason;
      else if (terminated?.reason) reason = terminated.reason;
      else if (terminated)
        reason = terminated.signal
          ? `Signal:${terminated.signal}`
          : `ExitCode:${terminated.exitCode}`;
      else if (c.ready && running) {
        hasRunning = true;
        readyCount++;
      }
    }
    if (reason === 'Completed' && hasRunning) {
      reason = status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')
        ? 'Running'
        : 'NotReady';
    }
  }

  const terminal = phase === 'Succeeded' || phase === 'Failed';
  if (pod.metadata?.deletionTimestamp && status.reason === 'NodeLost') reason = 'Unknown';
  else if (pod.metadata?.deletionTimestamp && !terminal) reason = 'Terminating';

  const summary: PodSummary = {
    namespace: pod.metadata?.namespace ?? '',
    name: pod.metadata?.name ?? '',
    ready: `${readyCount}/${total}`,
    status: reason,
    restarts,
    restartsText: `${restarts}`,
    lastRestartAt: lastRestart > 0 ? lastRestart : undefined,
    createdAt: toMillis(pod.metadata?.creationTimestamp),
    node: spec?.nodeName || '<none>',
    phase,
    severity: 0,
  };
  const lastExit = lastTermination(pod);
  [summary.severity, summary.detail] = judge(pod, summary, readyCount, total, lastExit);
  return { summary, canFlap: summary.severity === 0 && summary.status === 'Running', lastExit };
}

/** Severity without the clock: a recent restart of a healthy pod is added by `summarizePod`. */
function judge(
  pod: V1Pod,
  s: PodSummary,
  ready: number,
  total: number,
  lastExit: string | undefined,
): [Severity, string | undefined] {
  const baseReason = s.status.startsWith('Init:') ? s.status.slice(5) : s.status;
  if (failingReasons.has(baseReason) || /^(Init:)?(ExitCode|Signal):/.test(s.status)) {
    return [2, lastExit];
  }
  if (s.phase === 'Succeeded' || s.status === 'Completed') return [0, undefined];
  if (s.phase === 'Pending') {
    const unschedulable = pod.status?.conditions?.find(
      (c) => c.type === 'PodScheduled' && c.reason === 'Unschedulable',
    );
    if (unschedulable) return [2, `unschedulable: ${unschedulable.message ?? 'no node fits'}`];
    return [1, undefined];
  }
  if (s.status !== 'Running' || ready < total) return [1, lastExit];
  return [0, undefined];
}

/** `last exit OOMKilled (137)` from the most recently terminated container, if any. */
function lastTermination(pod: V1Pod): string | undefined {
  let best: { at: number; text: string } | undefined;
  for (const c of pod.status?.containerStatuses ?? []) {
    const t = c.lastState?.terminated;
    if (!t) continue;
    const at = toMillis(t.finishedAt) ?? 0;
    if (!best || at > best.at)
      best = { at, text: `last exit ${t.reason ?? 'Error'} (${t.exitCode})` };
  }
  return best?.text;
}

/** Problems first (failing, then not ready; the most restarted first), then by namespace and name. */
export function comparePods(a: PodSummary, b: PodSummary): number {
  return (
    b.severity - a.severity ||
    (a.severity > 0 ? b.restarts - a.restarts : 0) ||
    compareText(a.namespace, b.namespace) ||
    compareText(a.name, b.name)
  );
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
