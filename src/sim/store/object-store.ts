// Every object of the simulated cluster, with a global resourceVersion and a bounded change
// history so watches can resume from a resourceVersion (and get 410 once it is forgotten).
import type { KubeObject } from '../objects/types.js';

export type ChangeType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface StoreChange {
  type: ChangeType;
  resource: string;
  rv: number;
  object: KubeObject;
  previous?: KubeObject;
}

interface Entry {
  obj: KubeObject;
  body?: string;
}

export interface ObjectStoreOptions {
  now: () => number;
  newUid: () => string;
  /** Resources whose metadata.generation counts spec changes (workloads). */
  generationResources: ReadonlySet<string>;
  historyLimit?: number;
}

export const objectKey = (namespace: string | undefined, name: string): string =>
  `${namespace ?? ''}/${name}`;

/** JSON of an object without kind/apiVersion, as items of a list are sent. */
export function bodyJson(obj: KubeObject): string {
  const { kind: _k, apiVersion: _a, ...rest } = obj;
  return JSON.stringify(rest);
}

export class ObjectStore {
  private rv = 1000;
  private readonly tables = new Map<string, Map<string, Entry>>();
  private readonly sortedKeys = new Map<string, string[]>();
  private history: StoreChange[] = [];
  private historyStart = 0;
  /** Oldest resourceVersion a watch may still resume from. */
  private compactedRv = 1000;
  private readonly listeners = new Set<(change: StoreChange) => void>();
  private readonly historyLimit: number;

  constructor(private readonly opts: ObjectStoreOptions) {
    this.historyLimit = opts.historyLimit ?? 20_000;
  }

  currentRv(): number {
    return this.rv;
  }

  onChange(listener: (change: StoreChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get(resource: string, namespace: string | undefined, name: string): KubeObject | undefined {
    return this.tables.get(resource)?.get(objectKey(namespace, name))?.obj;
  }

  /** Objects of a resource in key order (namespace/name), like etcd returns them. */
  list(resource: string, namespace?: string): KubeObject[] {
    const table = this.tables.get(resource);
    if (!table) return [];
    const out: KubeObject[] = [];
    const keys = this.keys(resource);
    let i = 0;
    if (namespace !== undefined) {
      // Keys sort as "namespace/name": binary-search the namespace's first key.
      const prefix = `${namespace}/`;
      let lo = 0;
      let hi = keys.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if ((keys[mid] ?? '') < prefix) lo = mid + 1;
        else hi = mid;
      }
      i = lo;
    }
    for (; i < keys.length; i++) {
      const key = keys[i] ?? '';
      if (namespace !== undefined && !key.startsWith(`${namespace}/`)) break;
      const entry = table.get(key);
      if (entry) out.push(entry.obj);
    }
    return out;
  }

  count(resource: string): number {
    return this.tables.get(resource)?.size ?? 0;
  }

  /** Cached JSON body (no kind/apiVersion) of a stored object. */
  body(resource: string, obj: KubeObject): string {
    const entry = this.tables
      .get(resource)
      ?.get(objectKey(obj.metadata.namespace, obj.metadata.name));
    if (!entry || entry.obj !== obj) return bodyJson(obj);
    entry.body ??= bodyJson(obj);
    return entry.body;
  }

  /** Stores a new object; fills uid, creationTimestamp, resourceVersion, generation. */
  create(resource: string, input: KubeObject): KubeObject {
    const table = this.table(resource);
    const key = objectKey(input.metadata.namespace, input.metadata.name);
    if (table.has(key)) throw new Error(`store: ${resource} ${key} exists`);
    const obj = input;
    obj.metadata.uid ||= this.opts.newUid();
    obj.metadata.creationTimestamp ||= new Date(Math.floor(this.opts.now() / 1000) * 1000)
      .toISOString()
      .replace('.000Z', 'Z');
    if (this.opts.generationResources.has(resource)) obj.metadata.generation = 1;
    obj.metadata.resourceVersion = String(++this.rv);
    table.set(key, { obj });
    this.sortedKeys.delete(resource);
    this.record({ type: 'ADDED', resource, rv: this.rv, object: obj });
    return obj;
  }

  /**
   * Replaces a stored object with a new version. Returns the stored object, or the old one
   * unchanged when nothing differs (no resourceVersion bump, no watch event).
   */
  update(resource: string, next: KubeObject): KubeObject {
    const table = this.table(resource);
    const key = objectKey(next.metadata.namespace, next.metadata.name);
    const entry = table.get(key);
    if (!entry) throw new Error(`store: ${resource} ${key} missing`);
    const prev = entry.obj;
    next.metadata.uid = prev.metadata.uid;
    next.metadata.creationTimestamp = prev.metadata.creationTimestamp;
    next.metadata.resourceVersion = prev.metadata.resourceVersion;
    if (this.opts.generationResources.has(resource)) {
      const prevGen = prev.metadata.generation ?? 1;
      next.metadata.generation =
        JSON.stringify(prev.spec) === JSON.stringify(next.spec) ? prevGen : prevGen + 1;
    }
    entry.body ??= bodyJson(prev);
    const nextBody = bodyJson(next);
    if (nextBody === entry.body) return prev;
    next.metadata.resourceVersion = String(++this.rv);
    entry.obj = next;
    entry.body = undefined;
    this.record({ type: 'MODIFIED', resource, rv: this.rv, object: next, previous: prev });
    return next;
  }

  /**
   * Replaces whole top-level fields (status, endpoints, ...) without cloning the rest: the
   * cheap path for controllers that rewrite a status wholesale. No-op when nothing differs.
   */
  setFields(
    resource: string,
    namespace: string | undefined,
    name: string,
    fields: Record<string, unknown>,
  ): KubeObject | undefined {
    const table = this.tables.get(resource);
    const entry = table?.get(objectKey(namespace, name));
    if (!entry) return undefined;
    const prev = entry.obj;
    let changed = false;
    for (const [k, v] of Object.entries(fields)) {
      if (JSON.stringify(prev[k]) !== JSON.stringify(v)) {
        changed = true;
        break;
      }
    }
    if (!changed) return prev;
    const next: KubeObject = {
      ...prev,
      ...fields,
      metadata: { ...prev.metadata, resourceVersion: String(++this.rv) },
    };
    entry.obj = next;
    entry.body = undefined;
    this.record({ type: 'MODIFIED', resource, rv: this.rv, object: next, previous: prev });
    return next;
  }

  /** Clones the stored object, lets `fn` change the clone, and stores it. */
  mutate(
    resource: string,
    namespace: string | undefined,
    name: string,
    fn: (draft: KubeObject) => void,
  ): KubeObject | undefined {
    const current = this.get(resource, namespace, name);
    if (!current) return undefined;
    const draft = structuredClone(current);
    fn(draft);
    return this.update(resource, draft);
  }

  remove(resource: string, namespace: string | undefined, name: string): KubeObject | undefined {
    const table = this.tables.get(resource);
    const key = objectKey(namespace, name);
    const entry = table?.get(key);
    if (!table || !entry) return undefined;
    table.delete(key);
    this.sortedKeys.delete(resource);
    const gone: KubeObject = {
      ...entry.obj,
      metadata: { ...entry.obj.metadata, resourceVersion: String(++this.rv) },
    };
    this.record({ type: 'DELETED', resource, rv: this.rv, object: gone, previous: entry.obj });
    return gone;
  }

  /** Changes of one resource after `rv`, or 'expired' when history no longer reaches back. */
  changesSince(resource: string, rv: number): StoreChange[] | 'expired' {
    if (rv < this.compactedRv) return 'expired';
    const out: StoreChange[] = [];
    for (let i = this.historyStart; i < this.history.length; i++) {
      const change = this.history[i];
      if (change && change.rv > rv && change.resource === resource) out.push(change);
    }
    return out;
  }

  /** True when history before `rv` has been forgotten (a continue token or watch from it is stale). */
  isCompacted(rv: number): boolean {
    return rv < this.compactedRv;
  }

  /** Forgets all history: watches from any older resourceVersion now get 410 Expired. */
  compact(): number {
    this.history = [];
    this.historyStart = 0;
    this.compactedRv = this.rv;
    return this.rv;
  }

  private keys(resource: string): string[] {
    let keys = this.sortedKeys.get(resource);
    if (!keys) {
      keys = [...(this.tables.get(resource)?.keys() ?? [])].sort();
      this.sortedKeys.set(resource, keys);
    }
    return keys;
  }

  private table(resource: string): Map<string, Entry> {
    let table = this.tables.get(resource);
    if (!table) {
      table = new Map();
      this.tables.set(resource, table);
    }
    return table;
  }

  private record(change: StoreChange): void {
    this.history.push(change);
    if (this.history.length - this.historyStart > this.historyLimit) {
      const dropped = this.history[this.historyStart];
      this.historyStart++;
      if (dropped) this.compactedRv = dropped.rv;
      if (this.historyStart > this.historyLimit) {
        this.history = this.history.slice(this.historyStart);
        this.historyStart = 0;
      }
    }
    for (const listener of this.listeners) listener(change);
  }
}
