import type { V1ContainerStatus, V1Pod } from '@kubernetes/client-node';
import { toMillis } from '../../tools/render/age.js';
import type { AnalyzerSettings } from './analyzer-settings.js';

export type PodReason = 'CrashLoopBackOff' | 'OOMKilled' | 'ImagePullBackOff' | 'Pending';

/** One problem of one pod (or one of its containers), before pods are grouped by workload. */
export interface PodProblem {
  pod: string;
  container?: string;
  reason: PodReason;
  /** What the API says, for the alert's summary. */
  message: string;
  restarts: number;
  /** A loop (repeated crash or OOM kill) rather than a single event: critical for OOM. */
  loop: boolean;
  exitCode?: number;
}

export interface PodProblems {
  problems: PodProblem[];
  /** The answer may change at this time without a watch event (a hold or a threshold ends). */
  recheckAt?: number;
}

export interface ProblemContext {
  now: number;
  settings: AnalyzerSettings;
  /** When this container was last seen waiting in CrashLoopBackOff (kept by the analyzer). */
  backoffSeenAt(podUid: string, container: string): number | undefined;
  /** True while the workload already has an open incident for this reason (a hold keeps it). */
  active(reason: PodReason): boolean;
  /** The newest FailedScheduling message for this pod, from the events. */
  schedulingMessage(pod: V1Pod): string | undefined;
}

const imagePullReasons = new Set([
  'ImagePullBackOff',
  'ErrImagePull',
  'InvalidImageName',
  'ErrImageNeverPull',
]);

type Found = { problem?: Omit<PodProblem, 'pod' | 'container'>; recheckAt?: number };

/** The problems a pod shows right now, container by container. */
export function podProblems(pod: V1Pod, ctx: ProblemContext): PodProblems {
  const name = pod.metadata?.name ?? '';
  const out: PodProblems = { problems: [] };
  const note = (found: Found, container?: string) => {
    if (found.problem)
      out.problems.push({
        pod: name,
        ...(container !== undefined && { container }),
        ...found.problem,
      });
    if (found.recheckAt !== undefined)
      out.recheckAt = Math.min(out.recheckAt ?? Infinity, found.recheckAt);
  };
  const statuses = [
    ...(pod.status?.initContainerStatuses ?? []),
    ...(pod.status?.containerStatuses ?? []),
  ];
  for (const status of statuses) note(containerProblem(pod, status, ctx), status.name);
  if (
    out.problems.length === 0 &&
    pod.status?.phase === 'Pending' &&
    !pod.metadata?.deletionTimestamp
  ) {
    note(pendingProblem(pod, ctx));
  }
  return out;
}

function containerProblem(pod: V1Pod, c: V1ContainerStatus, ctx: ProblemContext): Found {
  const { now, settings } = ctx;
  const waiting = c.state?.waiting;
  const restarts = c.restartCount ?? 0;
  if (waiting?.reason && imagePullReasons.has(waiting.reason)) {
    return {
      problem: {
        reason: 'ImagePullBackOff',
        message: `${waiting.reason}: ${waiting.message ?? 'cannot pull the image'}`,
        restarts,
        loop: false,
      },
    };
  }
  // The newest termination: the current state while waiting to restart, else the last state.
  const terminated = c.state?.terminated ?? c.lastState?.terminated;
  const endedAt = toMillis(terminated?.finishedAt as unknown as string | undefined);
  const recent = endedAt !== undefined && now - endedAt < settings.crashLoopClearMs;
  const inBackoff = waiting?.reason === 'CrashLoopBackOff';
  const oom =
    terminated !== undefined && (terminated.reason === 'OOMKilled' || terminated.exitCode === 137);
  if (oom && (recent || inBackoff)) {
    const limit = pod.spec?.containers?.find((x) => x.name === c.name)?.resources?.limits?.memory;
    return {
      problem: {
        reason: 'OOMKilled',
        message: `OOM-killed (exit code 137)${limit ? ` at its ${limit} memory limit` : ''}`,
        restarts,
        loop: inBackoff || restarts >= 2,
        exitCode: 137,
      },
      ...(endedAt !== undefined && { recheckAt: endedAt + settings.crashLoopClearMs }),
    };
  }
  const uid = pod.metadata?.uid ?? '';
  const seen = ctx.backoffSeenAt(uid, c.name);
  const entering = inBackoff && restarts >= settings.crashLoopMinRestarts;
  // Between crashes the container runs for a while: a loop seen recently is still a loop.
  const holding =
    ctx.active('CrashLoopBackOff') &&
    ((seen !== undefined && now - seen < settings.crashLoopClearMs) ||
      (recent && terminated !== undefined && terminated.exitCode !== 0 && restarts >= 2));
  const holdEnds = Math.max(seen ?? 0, endedAt ?? 0) + settings.crashLoopClearMs;
  if (!entering && !holding) return holdEnds > now ? { recheckAt: holdEnds } : {};
  const exit = terminated?.exitCode;
  return {
    problem: {
      reason: 'CrashLoopBackOff',
      message: `crash-looping${exit !== undefined ? `: exited with code ${exit}${terminated?.reason ? ` (${terminated.reason})` : ''}` : ''}`,
      restarts,
      loop: true,
      ...(exit !== undefined && { exitCode: exit }),
    },
    recheckAt: holdEnds,
  };
}

function pendingProblem(pod: V1Pod, ctx: ProblemContext): Found {
  const scheduled = pod.status?.conditions?.find((c) => c.type === 'PodScheduled');
  const unschedulable = scheduled?.status === 'False';
  const since =
    (unschedulable
      ? toMillis(scheduled?.lastTransitionTime as unknown as string | undefined)
      : undefined) ??
    toMillis(pod.metadata?.creationTimestamp as unknown as string | undefined) ??
    ctx.now;
  const due = since + ctx.settings.pendingMs;
  if (ctx.now < due) return { recheckAt: due };
  const waiting = pod.status?.containerStatuses?.find((c) => c.state?.waiting)?.state?.waiting;
  const message = unschedulable
    ? `cannot be scheduled: ${ctx.schedulingMessage(pod) ?? scheduled?.message ?? scheduled?.reason ?? 'Unschedulable'}`
    : `has not started${waiting?.reason ? `: ${waiting.reason}${waiting.message ? ` (${waiting.message})` : ''}` : ''}`;
  return { problem: { reason: 'Pending', message, restarts: 0, loop: false } };
}
