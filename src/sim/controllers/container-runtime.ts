// The kubelet's private view of a pod: container instances, back-off counters and condition
// times. The API object's status is rendered from this (see pod-status.ts).
import type { Timer } from '../engine/timer-queue.js';

export interface Instance {
  n: number;
  image: string;
  startedAt: number;
  endedAt?: number;
  exitCode?: number;
  reason?: string;
  finalLines: string[];
  containerID: string;
}

export type ContainerPhase =
  'creating' | 'pulling' | 'pull-error' | 'running' | 'exited' | 'backoff';

export interface ContainerRt {
  name: string;
  image: string;
  phase: ContainerPhase;
  waiting?: { reason: string; message?: string };
  current?: Instance;
  previous?: Instance;
  restartCount: number;
  failures: number;
  pullFailures: number;
  ready: boolean;
  everPulled: boolean;
  timer?: Timer;
  readyTimer?: Timer;
}

export interface ConditionState {
  status: 'True' | 'False';
  time: number;
  reason?: string;
  message?: string;
}

export interface PodRt {
  uid: string;
  namespace: string;
  name: string;
  node: string;
  hostIP: string;
  podIP?: string;
  startTime: number;
  containers: ContainerRt[];
  conditions: Map<string, ConditionState>;
  killing: boolean;
  probeTimer?: Timer;
  timers: Set<Timer>;
}

export function setCondition(
  rt: PodRt,
  type: string,
  status: 'True' | 'False',
  now: number,
  reason?: string,
  message?: string,
): void {
  const prev = rt.conditions.get(type);
  if (prev && prev.status === status && prev.reason === reason && prev.message === message) return;
  rt.conditions.set(type, {
    status,
    time: prev && prev.status === status ? prev.time : now,
    reason,
    message,
  });
}
