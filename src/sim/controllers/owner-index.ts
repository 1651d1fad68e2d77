// Who owns what: ownerReference uid -> dependents, kept current from the store's change feed.
import type { ObjectStore } from '../store/object-store.js';

export interface DependentRef {
  resource: string;
  namespace?: string;
  name: string;
}

export class OwnerIndex {
  private readonly byOwner = new Map<string, Map<string, DependentRef>>();

  constructor(store: ObjectStore) {
    store.onChange((c) => {
      const key = `${c.resource}|${c.object.metadata.namespace ?? ''}|${c.object.metadata.name}`;
      for (const o of c.previous?.metadata.ownerReferences ?? [])
        this.byOwner.get(o.uid)?.delete(key);
      if (c.type === 'DELETED') return;
      for (const o of c.object.metadata.ownerReferences ?? []) {
        let set = this.byOwner.get(o.uid);
        if (!set) {
          set = new Map();
          this.byOwner.set(o.uid, set);
        }
        set.set(key, {
          resource: c.resource,
          namespace: c.object.metadata.namespace,
          name: c.object.metadata.name,
        });
      }
    });
  }

  dependents(ownerUid: string, resource?: string): DependentRef[] {
    const all = [...(this.byOwner.get(ownerUid)?.values() ?? [])];
    return resource ? all.filter((d) => d.resource === resource) : all;
  }

  forget(ownerUid: string): void {
    if (this.byOwner.get(ownerUid)?.size === 0) this.byOwner.delete(ownerUid);
  }
}
