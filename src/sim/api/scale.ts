// The scale subresource (autoscaling/v1 Scale) of deployments, replica sets and stateful sets.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SimCluster } from '../cluster.js';
import type { Workload } from '../objects/types.js';
import { selectorString } from '../util/selectors.js';
import { parseJsonBody, readBody, sendJson } from './http-util.js';
import { applyPatch, patchKind, requireObject } from './patch-body.js';
import type { ResourceDef } from './resources.js';
import { conflict, invalid, methodNotAllowed, notFound } from './status.js';

function getObject(
  cluster: SimCluster,
  def: ResourceDef,
  ns: string | undefined,
  name: string,
): Workload {
  const obj = cluster.store.get(def.key, def.namespaced ? ns : undefined, name);
  if (!obj) throw notFound(def.plural, def.group, name);
  return obj as Workload;
}

export function scaleOf(w: Workload): Record<string, unknown> {
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: {
      name: w.metadata.name,
      namespace: w.metadata.namespace,
      uid: w.metadata.uid,
      resourceVersion: w.metadata.resourceVersion,
      creationTimestamp: w.metadata.creationTimestamp,
    },
    spec: { replicas: w.spec.replicas ?? 1 },
    status: {
      replicas: Number(w.status?.replicas ?? 0),
      selector: selectorString(w.spec.selector),
    },
  };
}

export async function handleScale(
  cluster: SimCluster,
  req: IncomingMessage,
  res: ServerResponse,
  def: ResourceDef,
  ns: string | undefined,
  name: string,
  query: URLSearchParams,
): Promise<void> {
  const method = req.method ?? 'GET';
  const current = getObject(cluster, def, ns, name) as Workload;
  if (method === 'GET') return sendJson(res, 200, scaleOf(current));
  let next: Record<string, unknown>;
  const raw = await readBody(req);
  if (method === 'PUT')
    next = requireObject(parseJsonBody(raw)) as unknown as Record<string, unknown>;
  else if (method === 'PATCH')
    next = applyPatch(patchKind(req.headers['content-type']), scaleOf(current), raw) as Record<
      string,
      unknown
    >;
  else throw methodNotAllowed();
  const meta = (next.metadata ?? {}) as Record<string, unknown>;
  if (
    method === 'PUT' &&
    meta.resourceVersion &&
    meta.resourceVersion !== current.metadata.resourceVersion
  )
    throw conflict(def.plural, def.group, name);
  const replicas = (next.spec as Record<string, unknown> | undefined)?.replicas;
  if (typeof replicas !== 'number' || !Number.isInteger(replicas) || replicas < 0) {
    throw invalid('Scale', 'autoscaling', name, [
      {
        field: 'spec.replicas',
        type: 'Invalid value',
        detail: `${String(replicas)}: must be greater than or equal to 0`,
      },
    ]);
  }
  if (query.get('dryRun') !== 'All') {
    cluster.store.mutate(def.key, ns, name, (d) => {
      (d.spec as Record<string, unknown>).replicas = replicas;
    });
    cluster.engine.settle();
  }
  sendJson(
    res,
    200,
    scaleOf((cluster.store.get(def.key, ns, name) as Workload | undefined) ?? current),
  );
}
