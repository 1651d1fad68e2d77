// The delete verbs on stored resources: delete (with preconditions, grace period and
// propagation policy) and deletecollection.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { deleteObject } from '../../controllers/garbage-collector.js';
import type { KubeObject } from '../../objects/types.js';
import { parseJsonBody, readBody, sendJson, sendRaw } from '../http-util.js';
import { objectJson, selectorMatcher } from '../list.js';
import type { ResourceDef } from '../resources.js';
import { ApiError, methodNotAllowed, successStatus } from '../status.js';
import { apiNow, getObject, type RestDeps } from './common.js';

export async function removeObject(
  d: RestDeps,
  req: IncomingMessage,
  res: ServerResponse,
  def: ResourceDef,
  ns: string | undefined,
  name: string,
  query: URLSearchParams,
): Promise<void> {
  if (!def.verbs.includes('delete')) throw methodNotAllowed();
  const raw = await readBody(req);
  const opts = raw.trim() ? (parseJsonBody(raw) as Record<string, unknown>) : {};
  const current = getObject(d, def, ns, name);
  const pre = opts.preconditions as { uid?: string; resourceVersion?: string } | undefined;
  if (pre?.uid && pre.uid !== current.metadata.uid) {
    throw new ApiError(
      409,
      'Conflict',
      `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${current.metadata.uid}`,
    );
  }
  if (pre?.resourceVersion && pre.resourceVersion !== current.metadata.resourceVersion) {
    throw new ApiError(
      409,
      'Conflict',
      `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${current.metadata.resourceVersion}`,
    );
  }
  if (query.get('dryRun') === 'All' || (Array.isArray(opts.dryRun) && opts.dryRun.includes('All')))
    return sendRaw(res, 200, objectJson(d.cluster.store, def, current));
  const graceRaw =
    query.get('gracePeriodSeconds') ??
    (opts.gracePeriodSeconds !== undefined ? String(opts.gracePeriodSeconds) : undefined);
  const grace = graceRaw !== undefined && graceRaw !== null ? Number(graceRaw) : undefined;
  const policy =
    query.get('propagationPolicy') ??
    (opts.propagationPolicy as string | undefined) ??
    (opts.orphanDependents === true ? 'Orphan' : 'Background');
  if (policy === 'Orphan') orphanDependents(d, current);
  deleteObject(d.cluster.store, def.key, def.namespaced ? ns : undefined, name, apiNow(d), grace);
  d.cluster.engine.settle();
  const after = d.cluster.store.get(def.key, def.namespaced ? ns : undefined, name);
  if (def.key === 'pods' || def.key === 'namespaces')
    return sendRaw(res, 200, objectJson(d.cluster.store, def, after ?? current));
  sendJson(
    res,
    200,
    successStatus({
      name,
      ...(def.group ? { group: def.group } : {}),
      kind: def.plural,
      uid: current.metadata.uid,
    }),
  );
}

export function orphanDependents(d: RestDeps, owner: KubeObject): void {
  for (const def of [{ key: 'apps/replicasets' }, { key: 'pods' }]) {
    for (const obj of d.cluster.store.list(def.key, owner.metadata.namespace)) {
      if (!obj.metadata.ownerReferences?.some((o) => o.uid === owner.metadata.uid)) continue;
      d.cluster.store.mutate(def.key, obj.metadata.namespace, obj.metadata.name, (d) => {
        d.metadata.ownerReferences = d.metadata.ownerReferences?.filter(
          (o) => o.uid !== owner.metadata.uid,
        );
        if (d.metadata.ownerReferences?.length === 0) delete d.metadata.ownerReferences;
      });
    }
  }
}

export function removeCollection(
  d: RestDeps,
  res: ServerResponse,
  def: ResourceDef,
  ns: string | undefined,
  query: URLSearchParams,
): void {
  if (!def.verbs.includes('deletecollection')) throw methodNotAllowed();
  const match = selectorMatcher(def, query);
  for (const obj of d.cluster.store.list(def.key, ns).filter(match))
    deleteObject(d.cluster.store, def.key, obj.metadata.namespace, obj.metadata.name, apiNow(d));
  d.cluster.engine.settle();
  sendJson(res, 200, successStatus());
}
