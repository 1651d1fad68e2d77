// What every REST verb handler shares: the dependencies, the API clock and object look-ups.
import type { SimCluster } from '../../cluster.js';
import type { KubeObject } from '../../objects/types.js';
import type { ResourceDef } from '../resources.js';
import { ApiError, notFound } from '../status.js';
import type { WatchHub } from '../watch.js';

export interface RestDeps {
  cluster: SimCluster;
  watches: WatchHub;
}

export function apiNow(d: RestDeps): number {
  return d.cluster.apiNow();
}

export function getObject(
  d: RestDeps,
  def: ResourceDef,
  ns: string | undefined,
  name: string,
): KubeObject {
  const obj = d.cluster.store.get(def.key, def.namespaced ? ns : undefined, name);
  if (!obj) throw notFound(def.plural, def.group, name);
  return obj;
}

export function ensureNamespace(d: RestDeps, def: ResourceDef, ns: string | undefined): void {
  if (!def.namespaced || !ns) return;
  const nsObj = d.cluster.store.get('namespaces', undefined, ns);
  if (!nsObj) throw notFound('namespaces', '', ns);
  if (nsObj.metadata.deletionTimestamp) {
    throw new ApiError(
      403,
      'Forbidden',
      `${def.plural} "" is forbidden: unable to create new content in namespace ${ns} because it is being terminated`,
    );
  }
}
