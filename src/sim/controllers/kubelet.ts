// The kubelets of all nodes: start containers (pull, create, start), crash and OOM them when
// their behaviour says so, restart with back-off, probe readiness, and kill pods being deleted.
// This module admits, adopts and kills pods; the container lifecycle, readiness probes and
// status/event reporting live in ./kubelet/.
import type { Controller } from '../engine/engine.js';
import type { Pod } from '../objects/types.js';
import { unitHash } from '../util/random.js';
import { setCondition, type PodRt } from './container-runtime.js';
import { ContainerLifecycle } from './kubelet/container-lifecycle.js';
import { PodRuntimes, type KubeletDeps } from './kubelet/pod-runtimes.js';
import { ReadinessProbes } from './kubelet/readiness.js';

export type { KubeletDeps } from './kubelet/pod-runtimes.js';

export class Kubelet implements Controller {
  readonly name = 'kubelet';
  private readonly rts: PodRuntimes;
  private readonly readiness: ReadinessProbes;
  private readonly lifecycle: ContainerLifecycle;
  private readonly dirty = new Set<string>();
  private readonly ipCounters = new Map<string, number>();
  /**
   * Pods admitted before this time start "silently" (running at once, no events): their
   * start-up events would have expired before the sim starts anyway, and skipping them keeps
   * the pre-history of a 10,000-pod cluster cheap.
   */
  historicalBefore = Number.NEGATIVE_INFINITY;

  constructor(private readonly d: KubeletDeps) {
    this.rts = new PodRuntimes(d);
    this.readiness = new ReadinessProbes(d, this.rts);
    this.lifecycle = new ContainerLifecycle(d, this.rts, this.readiness);
    d.store.onChange((c) => {
      if (c.resource === 'pods')
        this.dirty.add(`${c.object.metadata.namespace}/${c.object.metadata.name}`);
    });
  }

  runtime(uid: string): PodRt | undefined {
    return this.rts.pods.get(uid);
  }

  sync(): boolean {
    if (this.dirty.size === 0) return false;
    const keys = [...this.dirty];
    this.dirty.clear();
    let changed = false;
    for (const key of keys) {
      const slash = key.indexOf('/');
      const pod = this.d.store.get('pods', key.slice(0, slash), key.slice(slash + 1)) as
        Pod | undefined;
      changed = this.syncPod(key, pod) || changed;
    }
    return changed;
  }

  /** Pods of a scenario that exist before the sim starts: running since `startedAt`, no events. */
  adopt(pod: Pod, startedAt: number): void {
    const node = pod.spec.nodeName ?? '';
    const rt = this.newRuntime(pod, node, startedAt);
    rt.podIP = this.allocateIP(node);
    for (const type of ['PodReadyToStartContainers', 'Initialized', 'PodScheduled'])
      setCondition(rt, type, 'True', startedAt);
    for (const c of rt.containers) {
      this.lifecycle.imagesOf(node).add(c.image);
      c.everPulled = true;
      this.lifecycle.startInstance(rt, c, startedAt, false);
    }
    this.readiness.updateReadiness(rt, startedAt);
    this.rts.writeStatus(rt);
  }

  /** Faults changed what these pods do: re-plan their running containers. */
  reevaluate(uids: string[]): void {
    for (const uid of uids) {
      const rt = this.rts.pods.get(uid);
      if (!rt || rt.killing) continue;
      for (const c of rt.containers) if (c.phase === 'running') this.lifecycle.planExit(rt, c);
      this.readiness.updateReadiness(rt, this.d.engine.time);
      this.rts.writeStatus(rt);
    }
  }

  /** A node came back: report the status the kubelet could not send while it was down. */
  nodeChanged(node: string): void {
    if (this.d.faults.nodeDown(node)) return;
    for (const rt of this.rts.pods.values()) {
      if (rt.node !== node) continue;
      this.rts.writeStatus(rt);
      const pod = this.rts.podOf(rt);
      if (pod?.metadata.deletionTimestamp) this.finishKill(rt);
    }
  }

  private syncPod(key: string, pod: Pod | undefined): boolean {
    const knownUid = this.rts.uidByKey.get(key);
    const existing =
      knownUid !== undefined && knownUid !== pod?.metadata.uid
        ? this.rts.pods.get(knownUid)
        : undefined;
    if (existing) this.rts.forget(existing);
    if (!pod || !pod.spec.nodeName) return existing !== undefined;
    const rt = this.rts.pods.get(pod.metadata.uid);
    if (!rt) {
      if (pod.metadata.deletionTimestamp) return false;
      if (this.d.engine.time < this.historicalBefore) this.adopt(pod, this.d.engine.time + 2000);
      else this.admit(pod);
      return true;
    }
    if (pod.metadata.deletionTimestamp && !rt.killing) {
      this.kill(rt, pod);
      return true;
    }
    let changed = false;
    for (const spec of pod.spec.containers) {
      const c = rt.containers.find((x) => x.name === spec.name);
      if (c && c.image !== spec.image && !rt.killing) {
        this.lifecycle.changeImage(rt, c, spec.image);
        changed = true;
      }
    }
    return changed;
  }

  private newRuntime(pod: Pod, node: string, now: number): PodRt {
    const nodeObj = this.d.store.get('nodes', undefined, node);
    const addresses =
      (nodeObj?.status?.addresses as Array<{ type: string; address: string }> | undefined) ?? [];
    const rt: PodRt = {
      uid: pod.metadata.uid,
      namespace: pod.metadata.namespace ?? 'default',
      name: pod.metadata.name,
      node,
      hostIP: addresses.find((a) => a.type === 'InternalIP')?.address ?? '10.0.0.1',
      startTime: now,
      containers: pod.spec.containers.map((c) => ({
        name: c.name,
        image: c.image,
        phase: 'creating',
        restartCount: 0,
        failures: 0,
        pullFailures: 0,
        ready: false,
        everPulled: false,
      })),
      conditions: new Map(),
      killing: false,
      timers: new Set(),
    };
    this.rts.pods.set(rt.uid, rt);
    this.rts.uidByKey.set(`${rt.namespace}/${rt.name}`, rt.uid);
    return rt;
  }

  private admit(pod: Pod): PodRt {
    const now = this.d.engine.time;
    const rt = this.newRuntime(pod, pod.spec.nodeName ?? '', now);
    setCondition(rt, 'PodReadyToStartContainers', 'False', now);
    setCondition(rt, 'Initialized', 'True', now);
    setCondition(rt, 'PodScheduled', 'True', now);
    this.readiness.updateReadiness(rt, now);
    this.rts.writeStatus(rt);
    this.rts.later(rt, 150 + unitHash(rt.uid, 'sandbox') * 400, () => {
      rt.podIP = this.allocateIP(rt.node);
      setCondition(rt, 'PodReadyToStartContainers', 'True', this.d.engine.time);
      for (const c of rt.containers) this.lifecycle.pull(rt, c);
      this.rts.writeStatus(rt);
    });
    return rt;
  }

  private kill(rt: PodRt, pod: Pod): void {
    rt.killing = true;
    for (const t of rt.timers) t.cancelled = true;
    rt.timers.clear();
    for (const c of rt.containers) {
      if (c.phase === 'running')
        this.rts.event(rt, c, 'Normal', 'Killing', `Stopping container ${c.name}`);
    }
    if (this.d.faults.nodeDown(rt.node)) return;
    const grace = Number(pod.metadata.deletionGracePeriodSeconds ?? 30) * 1000;
    const timer = this.d.engine.after(Math.min(grace, 1000), () => this.finishKill(rt));
    rt.timers.add(timer);
  }

  private finishKill(rt: PodRt): void {
    const pod = this.rts.podOf(rt);
    this.rts.forget(rt);
    if (pod) this.d.store.remove('pods', rt.namespace, rt.name);
  }

  private allocateIP(node: string): string {
    const nodeObj = this.d.store.get('nodes', undefined, node);
    const cidr = String(nodeObj?.spec?.podCIDR ?? '10.244.0.0/24');
    const base = cidr.split('/')[0]?.split('.') ?? ['10', '244', '0', '0'];
    const n = (this.ipCounters.get(node) ?? 0) + 1;
    this.ipCounters.set(node, n);
    return `${base[0]}.${base[1]}.${Number(base[2]) + Math.floor(n / 250)}.${(n % 250) + 2}`;
  }
}
