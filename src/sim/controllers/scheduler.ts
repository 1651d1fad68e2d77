// default-scheduler: binds pending pods to the least-allocated node that fits their requests,
// taints and node selector; otherwise reports FailedScheduling and retries.
import type { Controller, Engine } from '../engine/engine.js';
import type { EventRecorder } from '../engine/event-recorder.js';
import type { KubeObject, Pod } from '../objects/types.js';
import type { ObjectStore } from '../store/object-store.js';
import { parseQuantity } from '../util/quantity.js';
import { isoSeconds } from '../util/duration.js';
import { hashString } from '../util/random.js';

const RETRY_MS = 60_000;

interface Usage {
  cpu: number;
  memory: number;
  pods: number;
}

interface Taint {
  key: string;
  value?: string;
  effect: string;
}

export function podRequests(pod: Pod): { cpu: number; memory: number } {
  let cpu = 0;
  let memory = 0;
  for (const c of pod.spec.containers) {
    const req = c.resources?.requests ?? c.resources?.limits ?? {};
    if (req.cpu) cpu += parseQuantity(req.cpu);
    if (req.memory) memory += parseQuantity(req.memory);
  }
  return { cpu, memory };
}

const terminal = (pod: Pod): boolean =>
  pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';

function tolerates(pod: Pod, taint: Taint): boolean {
  return (pod.spec.tolerations ?? []).some((t) => {
    const key = t.key as string | undefined;
    const effect = t.effect as string | undefined;
    if (effect && effect !== taint.effect) return false;
    if (t.operator === 'Exists') return !key || key === taint.key;
    return key === taint.key && (t.value ?? '') === (taint.value ?? '');
  });
}

export class Scheduler implements Controller {
  readonly name = 'scheduler';
  private readonly pending = new Set<string>();
  private readonly nextAttempt = new Map<string, number>();
  private readonly usage = new Map<string, Usage>();
  private readonly placed = new Map<string, { node: string; cpu: number; memory: number }>();
  private readonly allocatable = new Map<string, { cpu: number; memory: number; pods: number }>();

  constructor(
    private readonly store: ObjectStore,
    private readonly engine: Engine,
    private readonly events: EventRecorder,
  ) {
    store.onChange((c) => {
      if (c.resource === 'nodes') {
        this.allocatable.delete(c.object.metadata.name);
        if (c.type !== 'MODIFIED' || c.previous?.spec !== c.object.spec) this.nextAttempt.clear();
        return;
      }
      if (c.resource !== 'pods') return;
      const pod = c.object as Pod;
      const key = `${pod.metadata.namespace}/${pod.metadata.name}`;
      const gone = c.type === 'DELETED' || terminal(pod);
      if (gone) {
        this.unplace(pod.metadata.uid);
        this.pending.delete(key);
        if (c.type === 'DELETED') this.nextAttempt.clear();
        return;
      }
      if (pod.spec.nodeName) {
        this.pending.delete(key);
        if (!this.placed.has(pod.metadata.uid))
          this.place(pod.metadata.uid, pod.spec.nodeName, podRequests(pod));
      } else if (!pod.metadata.deletionTimestamp) this.pending.add(key);
    });
  }

  sync(): boolean {
    let changed = false;
    const now = this.engine.time;
    for (const key of [...this.pending]) {
      const due = this.nextAttempt.get(key);
      if (due !== undefined && due > now) continue;
      const slash = key.indexOf('/');
      const pod = this.store.get('pods', key.slice(0, slash), key.slice(slash + 1)) as
        Pod | undefined;
      if (!pod || pod.spec.nodeName || pod.metadata.deletionTimestamp) {
        this.pending.delete(key);
        continue;
      }
      changed = this.schedule(pod) || changed;
    }
    return changed;
  }

  /** Picks a node for a pod; returns the node name or the reasons every node was rejected. */
  pick(pod: Pod): {
    node?: string;
    reasons: Map<string, number>;
    preemptionHelps: Map<string, boolean>;
  } {
    const req = podRequests(pod);
    const reasons = new Map<string, number>();
    const preemptionHelps = new Map<string, boolean>();
    const add = (r: string, helps: boolean): void => {
      reasons.set(r, (reasons.get(r) ?? 0) + 1);
      preemptionHelps.set(r, helps);
    };
    let best: { name: string; score: number } | undefined;
    for (const node of this.store.list('nodes')) {
      const name = node.metadata.name;
      if (node.spec?.unschedulable) {
        add('node(s) were unschedulable', false);
        continue;
      }
      const taint = ((node.spec?.taints as Taint[] | undefined) ?? []).find(
        (t) => (t.effect === 'NoSchedule' || t.effect === 'NoExecute') && !tolerates(pod, t),
      );
      if (taint) {
        add(`node(s) had untolerated taint {${taint.key}: ${taint.value ?? ''}}`, false);
        continue;
      }
      const selector = (pod.spec.nodeSelector ?? {}) as Record<string, string>;
      if (Object.entries(selector).some(([k, v]) => node.metadata.labels?.[k] !== v)) {
        add("node(s) didn't match Pod's node affinity/selector", false);
        continue;
      }
      let alloc = this.allocatable.get(name);
      if (!alloc) {
        alloc = allocatable(node);
        this.allocatable.set(name, alloc);
      }
      const used = this.usage.get(name) ?? { cpu: 0, memory: 0, pods: 0 };
      let fits = true;
      if (used.pods + 1 > alloc.pods) {
        add('Too many pods', true);
        fits = false;
      }
      if (used.cpu + req.cpu > alloc.cpu + 1e-9) {
        add('Insufficient cpu', true);
        fits = false;
      }
      if (used.memory + req.memory > alloc.memory) {
        add('Insufficient memory', true);
        fits = false;
      }
      if (!fits) continue;
      const free =
        (alloc.cpu - used.cpu - req.cpu) / alloc.cpu +
        (alloc.memory - used.memory - req.memory) / alloc.memory;
      const score = free + (hashString(`${pod.metadata.name}/${name}`) % 1000) / 1e6;
      if (!best || score > best.score) best = { name, score };
    }
    return { node: best?.name, reasons, preemptionHelps };
  }

  /** Binds now or reports FailedScheduling; true when the pod changed. */
  schedule(pod: Pod): boolean {
    const key = `${pod.metadata.namespace}/${pod.metadata.name}`;
    const { node, reasons, preemptionHelps } = this.pick(pod);
    const now = this.engine.time;
    if (node) {
      this.pending.delete(key);
      this.nextAttempt.delete(key);
      this.place(pod.metadata.uid, node, podRequests(pod));
      const bound = this.store.setFields('pods', pod.metadata.namespace, pod.metadata.name, {
        spec: { ...pod.spec, nodeName: node },
        status: { phase: 'Pending', qosClass: pod.status?.qosClass },
      });
      if (bound)
        this.events.record(
          bound,
          'Normal',
          'Scheduled',
          `Successfully assigned ${pod.metadata.namespace}/${pod.metadata.name} to ${node}`,
          { source: { component: 'default-scheduler' } },
        );
      return true;
    }
    const total = this.store.count('nodes');
    const parts = [...reasons.entries()].map(([r, n]) => `${n} ${r}`).sort();
    const pre = [...reasons.entries()]
      .map(
        ([r, n]) =>
          `${n} ${preemptionHelps.get(r) ? 'No preemption victims found for incoming pod' : 'Preemption is not helpful for scheduling'}`,
      )
      .sort();
    const message =
      total === 0
        ? 'no nodes available to schedule pods'
        : `0/${total} nodes are available: ${parts.join(', ')}. preemption: 0/${total} nodes are available: ${pre.join(', ')}.`;
    this.nextAttempt.set(key, now + RETRY_MS);
    const updated = this.store.mutate('pods', pod.metadata.namespace, pod.metadata.name, (d) => {
      const prev = (d as Pod).status?.conditions?.find(
        (c) => c.type === 'PodScheduled' && c.status === 'False',
      );
      (d as Pod).status = {
        phase: 'Pending',
        conditions: [
          {
            type: 'PodScheduled',
            status: 'False',
            lastProbeTime: null,
            lastTransitionTime: prev?.lastTransitionTime ?? isoSeconds(now),
            reason: 'Unschedulable',
            message,
          },
        ],
        qosClass: (d as Pod).status?.qosClass,
      };
    });
    if (updated)
      this.events.record(updated, 'Warning', 'FailedScheduling', message, {
        source: { component: 'default-scheduler' },
      });
    return false;
  }

  private place(uid: string, node: string, req: { cpu: number; memory: number }): void {
    if (this.placed.has(uid)) return;
    this.placed.set(uid, { node, ...req });
    const u = this.usage.get(node) ?? { cpu: 0, memory: 0, pods: 0 };
    u.cpu += req.cpu;
    u.memory += req.memory;
    u.pods += 1;
    this.usage.set(node, u);
  }

  private unplace(uid: string): void {
    const p = this.placed.get(uid);
    if (!p) return;
    this.placed.delete(uid);
    const u = this.usage.get(p.node);
    if (u) {
      u.cpu -= p.cpu;
      u.memory -= p.memory;
      u.pods -= 1;
    }
  }
}

export function allocatable(node: KubeObject): { cpu: number; memory: number; pods: number } {
  const a = (node.status?.allocatable as Record<string, string> | undefined) ?? {};
  return {
    cpu: parseQuantity(a.cpu ?? '0'),
    memory: parseQuantity(a.memory ?? '0'),
    pods: Number(a.pods ?? 110),
  };
}
