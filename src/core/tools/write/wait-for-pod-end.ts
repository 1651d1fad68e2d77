import { setTimeout as sleep } from 'node:timers/promises';
import type { V1Pod } from '@kubernetes/client-node';

export interface PodEnd {
  phase: string;
  /** The container's exit code; null when it never ended (timeout, image that cannot be pulled). */
  exitCode: number | null;
  reason?: string;
}

// Waiting reasons a one-off pod does not recover from on its own within a tool call.
const stuck = new Set([
  'ErrImagePull',
  'ImagePullBackOff',
  'InvalidImageName',
  'CreateContainerConfigError',
  'CreateContainerError',
]);

export interface WaitForPodEndOptions {
  read: () => Promise<V1Pod>;
  timeoutMs: number;
  signal: AbortSignal;
  intervalMs?: number;
}

/** Polls the pod until its container terminates, it gets stuck, or the deadline passes. */
export async function waitForPodEnd(options: WaitForPodEndOptions): Promise<PodEnd> {
  const deadline = Date.now() + options.timeoutMs;
  const interval = options.intervalMs ?? 250;
  let phase = 'Pending';
  while (!options.signal.aborted) {
    const pod = await options.read();
    phase = pod.status?.phase ?? phase;
    const state = pod.status?.containerStatuses?.[0]?.state;
    if (state?.terminated) {
      return { phase, exitCode: state.terminated.exitCode, reason: state.terminated.reason };
    }
    if (phase === 'Succeeded' || phase === 'Failed') {
      return {
        phase,
        exitCode: phase === 'Succeeded' ? 0 : null,
        reason: pod.status?.reason ?? phase,
      };
    }
    const waiting = state?.waiting;
    if (waiting?.reason && stuck.has(waiting.reason)) {
      return {
        phase,
        exitCode: null,
        reason: [waiting.reason, waiting.message].filter(Boolean).join(': '),
      };
    }
    if (Date.now() + interval > deadline) break;
    await sleep(interval, undefined, { signal: options.signal }).catch(() => undefined);
  }
  const seconds = Math.round(options.timeoutMs / 1000);
  return {
    phase,
    exitCode: null,
    reason: options.signal.aborted ? 'cancelled' : `still ${phase} after ${seconds} s`,
  };
}
