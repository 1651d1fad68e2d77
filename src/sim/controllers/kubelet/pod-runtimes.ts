// The kubelet's per-pod runtimes and what every part of it does with one: pod-owned timers,
// reading the pod back, writing its status and recording container events.
import type { Behaviours } from '../../behaviour/behaviours.js';
import type { FaultManager } from '../../behaviour/faults.js';
import type { Engine } from '../../engine/engine.js';
import type { EventRecorder } from '../../engine/event-recorder.js';
import type { KubeObject, Pod } from '../../objects/types.js';
import type { ObjectStore } from '../../store/object-store.js';
import type { ContainerRt, PodRt } from '../container-runtime.js';
import { renderPodStatus } from '../pod-status.js';

export interface KubeletDeps {
  store: ObjectStore;
  engine: Engine;
  events: EventRecorder;
  behaviours: Behaviours;
  faults: FaultManager;
}

export class PodRuntimes {
  readonly pods = new Map<string, PodRt>();
  readonly uidByKey = new Map<string, string>();

  constructor(private readonly d: KubeletDeps) {}

  forget(rt: PodRt): void {
    for (const t of rt.timers) t.cancelled = true;
    for (const c of rt.containers) if (c.timer) c.timer.cancelled = true;
    this.pods.delete(rt.uid);
    const key = `${rt.namespace}/${rt.name}`;
    if (this.uidByKey.get(key) === rt.uid) this.uidByKey.delete(key);
  }

  later(rt: PodRt, ms: number, fn: () => void): ReturnType<Engine['after']> {
    const timer = this.d.engine.after(ms, () => {
      rt.timers.delete(timer);
      if (this.pods.get(rt.uid) !== rt) return;
      fn();
    });
    rt.timers.add(timer);
    return timer;
  }

  podOf(rt: PodRt): Pod | undefined {
    const pod = this.d.store.get('pods', rt.namespace, rt.name) as Pod | undefined;
    return pod && pod.metadata.uid === rt.uid ? pod : undefined;
  }

  writeStatus(rt: PodRt): void {
    if (this.d.faults.nodeDown(rt.node)) return;
    const pod = this.podOf(rt);
    if (!pod) return;
    this.d.store.setFields('pods', rt.namespace, rt.name, { status: renderPodStatus(pod, rt) });
  }

  event(
    rt: PodRt,
    c: ContainerRt,
    type: 'Normal' | 'Warning',
    reason: string,
    message: string,
    count?: number,
  ): void {
    if (this.d.faults.nodeDown(rt.node)) return;
    const pod = this.podOf(rt);
    if (!pod) return;
    this.d.events.record(pod as KubeObject, type, reason, message, {
      fieldPath: `spec.containers{${c.name}}`,
      source: { component: 'kubelet', host: rt.node },
      count,
    });
  }
}
