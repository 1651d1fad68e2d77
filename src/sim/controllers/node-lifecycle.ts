// node-lifecycle-controller: a node whose kubelet stops reporting turns Unknown/NotReady, gets
// the unreachable taints, its pods turn NotReady and, after 5 minutes, are evicted.
import type { FaultManager } from '../behaviour/faults.js';
import type { Engine } from '../engine/engine.js';
import type { EventRecorder } from '../engine/event-recorder.js';
import type { Timer } from '../engine/timer-queue.js';
import type { Condition, Pod } from '../objects/types.js';
import type { ObjectStore } from '../store/object-store.js';
import { isoSeconds } from '../util/duration.js';
import { deletePodGracefully } from './pod-factory.js';

const EVICTION_DELAY_MS = 300_000;
const UNREACHABLE = 'node.kubernetes.io/unreachable';

export class NodeLifecycle {
  private readonly evictions = new Map<string, Timer>();

  constructor(
    private readonly store: ObjectStore,
    private readonly engine: Engine,
    private readonly events: EventRecorder,
    private readonly faults: FaultManager,
  ) {}

  /** Kubelets post node status every 5 minutes when nothing changes (nodeStatusReportFrequency). */
  startHeartbeats(everyMs = 300_000): void {
    const beat = (): void => {
      const ts = isoSeconds(this.engine.time);
      for (const node of this.store.list('nodes')) {
        if (this.faults.nodeDown(node.metadata.name)) continue;
        this.store.mutate('nodes', undefined, node.metadata.name, (d) => {
          for (const c of (d.status?.conditions as Condition[] | undefined) ?? [])
            c.lastHeartbeatTime = ts;
        });
      }
      this.engine.after(everyMs, beat);
    };
    this.engine.after(everyMs, beat);
  }

  /** Called when a node-notready fault starts or ends. */
  nodeChanged(name: string): void {
    const down = this.faults.nodeDown(name);
    const now = this.engine.time;
    const ts = isoSeconds(now);
    const node = this.store.mutate('nodes', undefined, name, (d) => {
      const conditions = (d.status?.conditions as Condition[] | undefined) ?? [];
      for (const c of conditions) {
        if (down) {
          c.status = 'Unknown';
          c.reason = 'NodeStatusUnknown';
          c.message = 'Kubelet stopped posting node status.';
          c.lastTransitionTime = ts;
        } else {
          const ready = c.type === 'Ready';
          c.status = ready ? 'True' : 'False';
          c.reason = ready
            ? 'KubeletReady'
            : `KubeletHas${c.type === 'MemoryPressure' ? 'SufficientMemory' : c.type === 'DiskPressure' ? 'NoDiskPressure' : 'SufficientPID'}`;
          c.message = ready
            ? 'kubelet is posting ready status'
            : `kubelet has ${c.type === 'MemoryPressure' ? 'sufficient memory available' : c.type === 'DiskPressure' ? 'no disk pressure' : 'sufficient PID available'}`;
          c.lastTransitionTime = ts;
          c.lastHeartbeatTime = ts;
        }
      }
      const taints = ((d.spec?.taints as Array<{ key: string }> | undefined) ?? []).filter(
        (t) => t.key !== UNREACHABLE,
      );
      if (down)
        taints.push(
          { key: UNREACHABLE, effect: 'NoSchedule', timeAdded: ts } as never,
          { key: UNREACHABLE, effect: 'NoExecute', timeAdded: ts } as never,
        );
      d.spec = { ...d.spec, ...(taints.length ? { taints } : {}) };
      if (!taints.length) delete (d.spec as Record<string, unknown>).taints;
    });
    if (!node) return;
    this.events.record(
      node,
      'Normal',
      down ? 'NodeNotReady' : 'NodeReady',
      `Node ${name} status is now: ${down ? 'NodeNotReady' : 'NodeReady'}`,
      { source: { component: 'node-controller' } },
    );
    const old = this.evictions.get(name);
    if (old) old.cancelled = true;
    this.evictions.delete(name);
    if (!down) return;
    for (const pod of this.podsOn(name)) {
      this.store.mutate('pods', pod.metadata.namespace, pod.metadata.name, (d) => {
        for (const c of (d as Pod).status.conditions ?? []) {
          if (c.type === 'Ready' || c.type === 'ContainersReady') {
            if (c.status !== 'False') c.lastTransitionTime = ts;
            c.status = 'False';
          }
        }
      });
      this.events.record(pod, 'Warning', 'NodeNotReady', 'Node is not ready', {
        source: { component: 'node-controller' },
      });
    }
    this.evictions.set(
      name,
      this.engine.after(EVICTION_DELAY_MS, () => this.evict(name)),
    );
  }

  private podsOn(node: string): Pod[] {
    return this.store.list('pods').filter((p) => (p as Pod).spec.nodeName === node) as Pod[];
  }

  private evict(node: string): void {
    if (!this.faults.nodeDown(node)) return;
    for (const pod of this.podsOn(node)) {
      if (pod.metadata.deletionTimestamp) continue;
      const tolerates = (pod.spec.tolerations ?? []).some(
        (t) =>
          t.key === UNREACHABLE && t.effect === 'NoExecute' && t.tolerationSeconds === undefined,
      );
      if (tolerates) continue;
      this.events.record(
        pod,
        'Normal',
        'TaintManagerEviction',
        `Marking for deletion Pod ${pod.metadata.namespace}/${pod.metadata.name}`,
        { source: { component: 'taint-eviction-controller' } },
      );
      deletePodGracefully(this.store, pod, this.engine.time);
    }
  }
}
