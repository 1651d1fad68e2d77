// Faults injected by scenarios or the control API: they start at a given sim time, change how
// pods behave (crash, OOM, unready, usage) or change objects (bad image, huge requests, node
// down), and undo their object changes when cleared.
import type { Engine } from '../engine/engine.js';
import type { Timer } from '../engine/timer-queue.js';
import type { Container, KubeObject, Workload } from '../objects/types.js';
import type { ObjectStore } from '../store/object-store.js';
import { isoSeconds, parseDuration } from '../util/duration.js';
import { parseFaultSpec, type FaultSpec } from './fault-spec.js';
import { workloadOf } from './workload-ref.js';

export interface Fault {
  id: string;
  spec: FaultSpec;
  startAt: number;
  endAt?: number;
  state: 'scheduled' | 'active' | 'cleared';
}

export interface FaultHooks {
  /** Pods whose behaviour a fault changed: the kubelet re-plans their containers. */
  podsChanged(uids: string[]): void;
  /** A node's health changed. */
  nodeChanged(name: string): void;
}

interface Restore {
  resource: string;
  namespace?: string;
  name: string;
  containers: Container[];
}

const workloadResource = (spec: FaultSpec): { resource: string; name: string } | undefined => {
  if (spec.deployment) return { resource: 'apps/deployments', name: spec.deployment };
  if (spec.statefulset) return { resource: 'apps/statefulsets', name: spec.statefulset };
  if (spec.daemonset) return { resource: 'apps/daemonsets', name: spec.daemonset };
  return undefined;
};

export class FaultManager {
  private readonly faults = new Map<string, Fault>();
  private readonly timers = new Map<string, Timer[]>();
  private readonly restores = new Map<string, Restore>();
  private readonly affectedCache = new Map<string, Set<string>>();
  private seq = 0;
  private readonly badImages = new Set<string>();
  private hooks: FaultHooks = { podsChanged: () => {}, nodeChanged: () => {} };

  constructor(
    private readonly store: ObjectStore,
    private readonly engine: Engine,
  ) {
    store.onChange((c) => {
      if (
        c.resource === 'pods' &&
        (c.type !== 'MODIFIED' || c.object.metadata.labels !== c.previous?.metadata.labels)
      )
        this.affectedCache.clear();
    });
  }

  setHooks(hooks: FaultHooks): void {
    this.hooks = hooks;
  }

  /** Adds a fault starting at `anchor + at` (or `startAt`); returns its id. Throws on a bad spec. */
  add(input: unknown, anchor: number, checkTarget = true): string {
    const spec = parseFaultSpec(input);
    if (checkTarget) this.checkTarget(spec);
    const id = `f-${++this.seq}`;
    const startAt = spec.startAt
      ? Date.parse(spec.startAt)
      : anchor + (spec.at !== undefined ? parseDuration(spec.at) : 0);
    const endAt = spec.duration !== undefined ? startAt + parseDuration(spec.duration) : undefined;
    const fault: Fault = { id, spec, startAt, endAt, state: 'scheduled' };
    this.faults.set(id, fault);
    const timers = [this.engine.schedule(startAt, () => this.activate(fault))];
    if (endAt !== undefined) timers.push(this.engine.schedule(endAt, () => this.clear(id)));
    this.timers.set(id, timers);
    return id;
  }

  clear(id: string): boolean {
    const fault = this.faults.get(id);
    if (!fault || fault.state === 'cleared') return false;
    for (const t of this.timers.get(id) ?? []) t.cancelled = true;
    const wasActive = fault.state === 'active';
    const affected = wasActive ? [...this.affectedPods(fault)] : [];
    fault.state = 'cleared';
    fault.endAt = Math.min(fault.endAt ?? this.engine.time, this.engine.time);
    if (wasActive) this.undo(fault, affected);
    return true;
  }

  list(): Fault[] {
    return [...this.faults.values()];
  }

  get(id: string): Fault | undefined {
    return this.faults.get(id);
  }

  describe(f: Fault): Record<string, unknown> {
    return {
      id: f.id,
      state: f.state,
      startAt: isoSeconds(f.startAt),
      ...(f.endAt !== undefined ? { endAt: isoSeconds(f.endAt) } : {}),
      spec: f.spec,
    };
  }

  /** Active pod-behaviour faults affecting a pod, oldest first. */
  podFaults(pod: KubeObject): Fault[] {
    const out: Fault[] = [];
    for (const f of this.faults.values()) {
      if (f.state !== 'active') continue;
      if (
        f.spec.type === 'imagepull' ||
        f.spec.type === 'pending' ||
        f.spec.type === 'node-notready'
      )
        continue;
      if (f.spec.namespace !== pod.metadata.namespace) continue;
      if (this.affectedPods(f).has(pod.metadata.uid)) out.push(f);
    }
    return out;
  }

  isBadImage(image: string): boolean {
    return this.badImages.has(image) || /(does-?not-?exist|nonexistent|invalid-tag)/i.test(image);
  }

  nodeDown(name: string): boolean {
    for (const f of this.faults.values())
      if (f.state === 'active' && f.spec.type === 'node-notready' && f.spec.node === name)
        return true;
    return false;
  }

  private checkTarget(spec: FaultSpec): void {
    if (spec.node && !this.store.get('nodes', undefined, spec.node))
      throw new Error(`invalid fault: node "${spec.node}" not found`);
    const w = workloadResource(spec);
    if (w && !this.store.get(w.resource, spec.namespace, w.name)) {
      throw new Error(
        `invalid fault: ${w.resource.split('/')[1]} "${spec.namespace}/${w.name}" not found`,
      );
    }
  }

  private affectedPods(f: Fault): Set<string> {
    const cached = this.affectedCache.get(f.id);
    if (cached) return cached;
    const pods = this.store.list('pods', f.spec.namespace).filter((p) => {
      if (p.metadata.deletionTimestamp) return false;
      if (f.spec.pod) return p.metadata.name === f.spec.pod;
      const w = workloadOf(this.store, p);
      if (f.spec.deployment) return w.kind === 'Deployment' && w.name === f.spec.deployment;
      if (f.spec.statefulset) return w.kind === 'StatefulSet' && w.name === f.spec.statefulset;
      if (f.spec.daemonset) return w.kind === 'DaemonSet' && w.name === f.spec.daemonset;
      return false;
    });
    const chosen = f.spec.count ? pods.slice(0, f.spec.count) : pods;
    const set = new Set(chosen.map((p) => p.metadata.uid));
    this.affectedCache.set(f.id, set);
    return set;
  }

  private activate(f: Fault): void {
    if (f.state !== 'scheduled') return;
    f.state = 'active';
    const { spec } = f;
    switch (spec.type) {
      case 'node-notready':
        if (spec.node) this.hooks.nodeChanged(spec.node);
        return;
      case 'imagepull':
        this.patchContainers(f, (c) => {
          const image =
            spec.image ?? `${c.image.split('@')[0]?.replace(/:[^:/]*$/, '')}:does-not-exist`;
          this.badImages.add(image);
          return { ...c, image };
        });
        return;
      case 'pending':
        this.patchContainers(f, (c) => ({
          ...c,
          resources: {
            ...c.resources,
            requests: {
              ...c.resources?.requests,
              cpu: String(spec.cpu ?? '64'),
              ...(spec.memory ? { memory: String(spec.memory) } : {}),
            },
            limits: {
              ...c.resources?.limits,
              cpu: String(spec.cpu ?? '64'),
              ...(spec.memory ? { memory: String(spec.memory) } : {}),
            },
          },
        }));
        return;
      default:
        this.hooks.podsChanged([...this.affectedPods(f)]);
    }
  }

  private undo(f: Fault, affected: string[]): void {
    const { spec } = f;
    if (spec.type === 'node-notready') {
      if (spec.node) this.hooks.nodeChanged(spec.node);
      return;
    }
    const restore = this.restores.get(f.id);
    if (restore) {
      this.store.mutate(restore.resource, restore.namespace, restore.name, (o) => {
        const tpl =
          restore.resource === 'pods'
            ? o.spec
            : ((o as Workload).spec.template.spec as Record<string, unknown>);
        if (tpl) tpl.containers = restore.containers;
      });
      this.restores.delete(f.id);
      this.engine.settle();
      return;
    }
    this.hooks.podsChanged(affected);
  }

  /** Rewrites the containers of the target (workload template or bare pod), remembering the old ones. */
  private patchContainers(f: Fault, change: (c: Container) => Container): void {
    const w = workloadResource(f.spec);
    const resource = w?.resource ?? 'pods';
    const name = w?.name ?? f.spec.pod ?? '';
    const target = this.store.get(resource, f.spec.namespace, name);
    if (!target) return;
    const containersOf = (o: KubeObject): Container[] =>
      resource === 'pods'
        ? ((o.spec?.containers as Container[]) ?? [])
        : ((o as Workload).spec.template.spec.containers ?? []);
    this.restores.set(f.id, {
      resource,
      namespace: f.spec.namespace,
      name,
      containers: structuredClone(containersOf(target)),
    });
    this.store.mutate(resource, f.spec.namespace, name, (o) => {
      const list = containersOf(o).map((c) =>
        f.spec.container && c.name !== f.spec.container ? c : change(c),
      );
      if (resource === 'pods') (o.spec as Record<string, unknown>).containers = list;
      else (o as Workload).spec.template.spec.containers = list;
    });
    this.engine.settle();
  }
}
