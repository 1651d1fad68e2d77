import type { KubeObject, Workload } from '../objects/types.js';
import type { ObjectStore } from '../store/object-store.js';

const keyOf = (o: KubeObject): string => `${o.metadata.namespace}/${o.metadata.name}`;

/**
 * The workloads of one resource that need reconciling: marked when they change or when an object
 * they own (`ownedResource` with an owner reference of `ownerKind`) changes, as a real controller's
 * work queue is fed by its informers.
 */
export class WorkloadQueue {
  private readonly dirty = new Set<string>();

  constructor(
    private readonly store: ObjectStore,
    private readonly resource: string,
    ownedResource: string,
    ownerKind: string,
  ) {
    store.onChange((c) => {
      if (c.resource === resource) this.dirty.add(keyOf(c.object));
      else if (c.resource === ownedResource) {
        const owner = c.object.metadata.ownerReferences?.find((o) => o.kind === ownerKind);
        if (owner) this.dirty.add(`${c.object.metadata.namespace}/${owner.name}`);
      }
    });
  }

  /** Marks one workload by `namespace/name` (a timer that fires, such as a progress deadline). */
  mark(key: string): void {
    this.dirty.add(key);
  }

  /** Marks every workload of the resource (a node came or went, for daemonsets). */
  markAll(): void {
    for (const o of this.store.list(this.resource)) this.dirty.add(keyOf(o));
  }

  /** Reconciles each marked workload still present and not being deleted; true when any changed. */
  drain(reconcile: (workload: Workload) => boolean): boolean {
    if (this.dirty.size === 0) return false;
    const keys = [...this.dirty];
    this.dirty.clear();
    let changed = false;
    for (const key of keys) {
      const [ns, name] = key.split('/') as [string, string];
      const w = this.store.get(this.resource, ns, name) as Workload | undefined;
      if (w && !w.metadata.deletionTimestamp) changed = reconcile(w) || changed;
    }
    return changed;
  }
}
