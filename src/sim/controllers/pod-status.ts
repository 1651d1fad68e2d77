// Renders a pod's status from the kubelet's runtime view, field by field as the kubelet reports it.
import type {
  Condition,
  ContainerState,
  ContainerStatus,
  Pod,
  PodStatus,
} from '../objects/types.js';
import { qosClass } from '../objects/pod-defaults.js';
import { hashString } from '../util/random.js';
import { isoSeconds } from '../util/duration.js';
import type { ContainerRt, Instance, PodRt } from './container-runtime.js';

const CONDITION_ORDER = [
  'PodReadyToStartContainers',
  'Initialized',
  'Ready',
  'ContainersReady',
  'PodScheduled',
];

/** containerd's normalised image reference: nginx:1.27 -> docker.io/library/nginx:1.27. */
export function normalizeImage(image: string): string {
  const withTag = /[:@][^/]*$/.test(image) ? image : `${image}:latest`;
  const first = withTag.split('/')[0] ?? '';
  if (!withTag.includes('/')) return `docker.io/library/${withTag}`;
  if (!first.includes('.') && !first.includes(':') && first !== 'localhost')
    return `docker.io/${withTag}`;
  return withTag;
}

export function imageID(image: string): string {
  const repo = normalizeImage(image).replace(/[:@][^/]*$/, '');
  const h = [
    hashString(image),
    hashString(`${image}1`),
    hashString(`${image}2`),
    hashString(`${image}3`),
    hashString(`${image}4`),
    hashString(`${image}5`),
    hashString(`${image}6`),
    hashString(`${image}7`),
  ];
  return `${repo}@sha256:${h.map((x) => x.toString(16).padStart(8, '0')).join('')}`;
}

function terminated(i: Instance): ContainerState {
  return {
    terminated: {
      exitCode: i.exitCode ?? 0,
      reason: i.reason ?? 'Completed',
      startedAt: isoSeconds(i.startedAt),
      finishedAt: isoSeconds(i.endedAt ?? i.startedAt),
      containerID: i.containerID,
    },
  };
}

function containerStatus(c: ContainerRt): ContainerStatus {
  let state: ContainerState;
  let lastState: ContainerState = {};
  const cur = c.current;
  switch (c.phase) {
    case 'running':
      state = { running: { startedAt: isoSeconds(cur?.startedAt ?? 0) } };
      if (c.previous) lastState = terminated(c.previous);
      break;
    case 'exited':
      state = cur ? terminated(cur) : { waiting: { reason: 'ContainerCreating' } };
      if (c.previous) lastState = terminated(c.previous);
      break;
    case 'backoff':
      state = {
        waiting: {
          reason: c.waiting?.reason ?? 'CrashLoopBackOff',
          ...(c.waiting?.message ? { message: c.waiting.message } : {}),
        },
      };
      if (cur) lastState = terminated(cur);
      break;
    default:
      state = {
        waiting: {
          reason: c.waiting?.reason ?? 'ContainerCreating',
          ...(c.waiting?.message ? { message: c.waiting.message } : {}),
        },
      };
      if (cur?.endedAt !== undefined) lastState = terminated(cur);
  }
  const shownImage =
    c.phase === 'running' || c.phase === 'exited' || c.phase === 'backoff'
      ? (cur?.image ?? c.image)
      : c.image;
  return {
    name: c.name,
    state,
    lastState,
    ready: c.ready,
    restartCount: c.restartCount,
    image: normalizeImage(shownImage),
    imageID: c.everPulled ? imageID(shownImage) : '',
    ...(cur && (c.phase === 'running' || c.phase === 'exited' || c.phase === 'backoff')
      ? { containerID: cur.containerID }
      : {}),
    started: c.phase === 'running',
  };
}

function phaseOf(pod: Pod, rt: PodRt): string {
  const everStarted = rt.containers.some((c) => c.current !== undefined);
  if (!everStarted) return 'Pending';
  const policy = pod.spec.restartPolicy ?? 'Always';
  const allExited = rt.containers.every(
    (c) => c.phase === 'exited' && c.current?.endedAt !== undefined,
  );
  if (policy === 'Always' || !allExited) return 'Running';
  const allZero = rt.containers.every((c) => (c.current?.exitCode ?? 0) === 0);
  if (policy === 'Never') return allZero ? 'Succeeded' : 'Failed';
  return allZero ? 'Succeeded' : 'Running';
}

export function renderPodStatus(pod: Pod, rt: PodRt): PodStatus {
  const conditions: Condition[] = [];
  for (const type of CONDITION_ORDER) {
    const c = rt.conditions.get(type);
    if (!c) continue;
    conditions.push({
      type,
      status: c.status,
      lastProbeTime: null,
      lastTransitionTime: isoSeconds(c.time),
      ...(c.reason ? { reason: c.reason } : {}),
      ...(c.message ? { message: c.message } : {}),
    });
  }
  const byName = new Map(rt.containers.map((c) => [c.name, c]));
  return {
    phase: phaseOf(pod, rt),
    conditions,
    hostIP: rt.hostIP,
    hostIPs: [{ ip: rt.hostIP }],
    ...(rt.podIP ? { podIP: rt.podIP, podIPs: [{ ip: rt.podIP }] } : {}),
    startTime: isoSeconds(rt.startTime),
    containerStatuses: pod.spec.containers
      .map((sc) => byName.get(sc.name))
      .filter((c): c is ContainerRt => c !== undefined)
      .map(containerStatus),
    qosClass: qosClass(pod.spec.containers),
  };
}
