// The subresources of stored resources: status, scale, eviction and binding.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { deleteObject } from '../../controllers/garbage-collector.js';
import { parseJsonBody, readBody, sendJson } from '../http-util.js';
import { outputForm, sendObject } from '../list.js';
import { requireObject } from '../patch-body.js';
import type { ResourceRoute } from '../router.js';
import { handleScale } from '../scale.js';
import { badRequest, invalid, methodNotAllowed, notFound, successStatus } from '../status.js';
import { apiNow, getObject, type RestDeps } from './common.js';
import { patchObject, updateObject } from './write.js';

const SCALABLE = new Set(['apps/deployments', 'apps/replicasets', 'apps/statefulsets']);

export async function handleSubresource(
  d: RestDeps,
  req: IncomingMessage,
  res: ServerResponse,
  r: ResourceRoute,
  query: URLSearchParams,
): Promise<void> {
  const { def, namespace, name, subresource } = r;
  const method = req.method ?? 'GET';
  const form = outputForm(req.headers.accept);
  if (!name || !def.subresources.some((s) => s.name === subresource))
    throw notFound(def.plural, def.group, name ?? '');
  if (subresource === 'status') {
    if (method === 'GET')
      return sendObject(
        res,
        d.cluster.store,
        def,
        getObject(d, def, namespace, name),
        form,
        apiNow(d),
      );
    if (method === 'PUT') return updateObject(d, req, res, def, namespace, name, query, form, true);
    if (method === 'PATCH')
      return patchObject(d, req, res, def, namespace, name, query, form, true);
    throw methodNotAllowed();
  }
  if (subresource === 'scale' && SCALABLE.has(def.key))
    return handleScale(d.cluster, req, res, def, namespace, name, query);
  if (subresource === 'eviction' && method === 'POST') {
    await readBody(req);
    const pod = getObject(d, def, namespace, name);
    deleteObject(d.cluster.store, 'pods', namespace, pod.metadata.name, apiNow(d));
    d.cluster.engine.settle();
    return sendJson(res, 201, { ...successStatus(), code: 201 });
  }
  if (subresource === 'binding' && method === 'POST') {
    const body = requireObject(parseJsonBody(await readBody(req)));
    const target = (body.target as { name?: string } | undefined)?.name;
    if (!target)
      throw invalid('Binding', '', name, [{ field: 'target.name', type: 'Required value' }]);
    d.cluster.store.mutate(
      'pods',
      namespace,
      getObject(d, def, namespace, name).metadata.name,
      (d) => {
        (d.spec as Record<string, unknown>).nodeName = target;
      },
    );
    d.cluster.engine.settle();
    return sendJson(res, 201, { ...successStatus(), code: 201 });
  }
  if (subresource === 'exec' || subresource === 'attach' || subresource === 'portforward') {
    throw badRequest('Upgrade request required');
  }
  throw methodNotAllowed();
}
