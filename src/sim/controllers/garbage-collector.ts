// garbage-collector and namespace-controller: dependents of a deleted owner are deleted
// (background propagation), and a Terminating namespace is emptied and then removed.
import type { Controller, Engine } from '../engine/engine.js';
import type { ObjectStore } from '../store/object-store.js';
import { RESOURCES } from '../api/resources.js';
import type { OwnerIndex } from './owner-index.js';
import { deletePodGracefully } from './pod-factory.js';

/** Deletes one object the way an API DELETE does (pods gracefully, others at once). */
export function deleteObject(
  store: ObjectStore,
  resource: string,
  namespace: string | undefined,
  name: string,
  now: number,
  graceSeconds?: number,
): void {
  const obj = store.get(resource, namespace, name);
  if (!obj) return;
  if (resource === 'pods') deletePodGracefully(store, obj, now, graceSeconds);
  else if (resource === 'namespaces') {
    store.mutate('namespaces', undefined, name, (d) => {
      d.metadata.deletionTimestamp ??= new Date(Math.floor(now / 1000) * 1000)
        .toISOString()
        .replace('.000Z', 'Z');
      d.status = { phase: 'Terminating' };
    });
  } else store.remove(resource, namespace, name);
}

export class GarbageCollector implements Controller {
  readonly name = 'garbage-collector';
  private orphans: string[] = [];
  private readonly terminating = new Set<string>();

  constructor(
    private readonly store: ObjectStore,
    private readonly engine: Engine,
    private readonly owners: OwnerIndex,
  ) {
    store.onChange((c) => {
      if (c.type === 'DELETED') this.orphans.push(c.object.metadata.uid);
      if (
        c.resource === 'namespaces' &&
        c.object.metadata.deletionTimestamp &&
        c.type !== 'DELETED'
      )
        this.terminating.add(c.object.metadata.name);
    });
  }

  sync(): boolean {
    let changed = false;
    while (this.orphans.length > 0) {
      const batch = this.orphans;
      this.orphans = [];
      for (const uid of batch) changed = this.collect(uid) || changed;
    }
    for (const ns of [...this.terminating]) changed = this.drain(ns) || changed;
    return changed;
  }

  private collect(uid: string): boolean {
    let changed = false;
    for (const dep of this.owners.dependents(uid)) {
      const obj = this.store.get(dep.resource, dep.namespace, dep.name);
      if (!obj || obj.metadata.deletionTimestamp) continue;
      // Only delete when no other owner remains.
      if (
        (obj.metadata.ownerReferences ?? []).some(
          (o) => o.uid !== uid && this.ownerExists(o.uid, o.kind, dep.namespace, o.name),
        )
      )
        continue;
      deleteObject(this.store, dep.resource, dep.namespace, dep.name, this.engine.time);
      changed = true;
    }
    this.owners.forget(uid);
    return changed;
  }

  private ownerExists(
    uid: string,
    kind: string,
    namespace: string | undefined,
    name: string,
  ): boolean {
    const def = RESOURCES.find((r) => r.kind === kind && !r.virtual);
    const obj = def
      ? this.store.get(def.key, def.namespaced ? namespace : undefined, name)
      : undefined;
    return obj?.metadata.uid === uid;
  }

  private drain(ns: string): boolean {
    let remaining = 0;
    let changed = false;
    for (const def of RESOURCES) {
      if (!def.namespaced || def.virtual) continue;
      for (const obj of this.store.list(def.key, ns)) {
        remaining++;
        if (obj.metadata.deletionTimestamp) continue;
        deleteObject(this.store, def.key, ns, obj.metadata.name, this.engine.time);
        changed = true;
      }
    }
    if (remaining === 0) {
      this.terminating.delete(ns);
      this.store.remove('namespaces', undefined, ns);
      return true;
    }
    return changed;
  }
}
