// The REST verbs on stored resources: get, list, watch, create, update, patch, delete,
// deletecollection, plus the status, scale, eviction and binding subresources. This module
// dispatches a request to the verb handlers in ./rest/.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { outputForm } from './list.js';
import type { ResourceRoute } from './router.js';
import { methodNotAllowed } from './status.js';
import type { RestDeps } from './rest/common.js';
import { removeCollection, removeObject } from './rest/delete.js';
import { getOrWatch, listOrWatch } from './rest/read.js';
import { handleSubresource } from './rest/subresources.js';
import { createObject, patchObject, updateObject } from './rest/write.js';

export type { RestDeps } from './rest/common.js';

export class RestHandler {
  constructor(private readonly d: RestDeps) {}

  async handle(
    req: IncomingMessage,
    res: ServerResponse,
    r: ResourceRoute,
    query: URLSearchParams,
  ): Promise<void> {
    const d = this.d;
    const method = req.method ?? 'GET';
    const form = outputForm(req.headers.accept);
    const { def, namespace, name, subresource } = r;
    if (subresource) return handleSubresource(d, req, res, r, query);
    if (method === 'GET' && !name) return listOrWatch(d, res, r, query, form);
    if (method === 'GET' && name) return getOrWatch(d, res, r, name, query, form);
    if (method === 'POST' && !name) return createObject(d, req, res, def, namespace, query, form);
    if (method === 'PUT' && name)
      return updateObject(d, req, res, def, namespace, name, query, form);
    if (method === 'PATCH' && name)
      return patchObject(d, req, res, def, namespace, name, query, form);
    if (method === 'DELETE' && name) return removeObject(d, req, res, def, namespace, name, query);
    if (method === 'DELETE' && !name) return removeCollection(d, res, def, namespace, query);
    throw methodNotAllowed();
  }
}
