// A minimal OpenAPI v3: per group-version, the PATCH operations with their query parameters and
// group-version-kind. kubectl reads it to learn that the server validates fields itself
// (fieldValidation), so `kubectl apply`/`create -f` work without a client-side schema.
import type { ServerResponse } from 'node:http';
import { sendJson } from './http-util.js';
import { apiVersionOf, groupVersions } from './resources.js';
import { ApiError } from './status.js';

const HASH = 'SIMULATED0000000000000000000000000000000000000000000000000000000';
const gvPath = (group: string, version: string): string =>
  group ? `apis/${group}/${version}` : `api/${version}`;

const QUERY_PARAMS = ['dryRun', 'fieldManager', 'fieldValidation', 'force', 'pretty'].map(
  (name) => ({ name, in: 'query', schema: { type: 'string', uniqueItems: true } }),
);

function gvDocument(group: string, version: string): Record<string, unknown> | undefined {
  const gv = groupVersions().find((g) => g.group === group && g.version === version);
  if (!gv) return undefined;
  const paths: Record<string, unknown> = {};
  const schemas: Record<string, unknown> = {};
  for (const r of gv.resources) {
    if (r.virtual) continue;
    const gvk = { group: r.group, version: r.version, kind: r.kind };
    const op = (action: string) => ({
      'x-kubernetes-action': action,
      'x-kubernetes-group-version-kind': gvk,
      parameters: QUERY_PARAMS,
      responses: { '200': { description: 'OK' } },
    });
    const base = `/${gvPath(group, version)}${r.namespaced ? '/namespaces/{namespace}' : ''}/${r.plural}`;
    paths[base] = { post: op('post'), get: op('list') };
    paths[`${base}/{name}`] = {
      get: op('get'),
      put: op('put'),
      patch: op('patch'),
      delete: op('delete'),
    };
    const schemaName = `io.k8s.api.${group ? group.split('.')[0] : 'core'}.${version}.${r.kind}`;
    schemas[schemaName] = {
      type: 'object',
      'x-kubernetes-group-version-kind': [gvk],
      properties: {
        apiVersion: { type: 'string', enum: [apiVersionOf(r)] },
        kind: { type: 'string' },
        metadata: { type: 'object' },
      },
    };
  }
  return {
    openapi: '3.0.0',
    info: { title: 'Kubernetes', version: 'v1.35.0' },
    paths,
    components: { schemas },
  };
}

export function serveOpenApi(res: ServerResponse, path: string): void {
  if (path === '/openapi/v3') {
    const paths = Object.fromEntries(
      groupVersions().map((g) => [
        gvPath(g.group, g.version),
        { serverRelativeURL: `/openapi/v3/${gvPath(g.group, g.version)}?hash=${HASH}` },
      ]),
    );
    return sendJson(res, 200, { paths });
  }
  const m = /^\/openapi\/v3\/(?:api\/(v1)|apis\/([^/]+)\/([^/]+))$/.exec(path);
  const doc = m ? gvDocument(m[2] ?? '', m[1] ?? m[3] ?? '') : undefined;
  if (!doc) throw new ApiError(404, 'NotFound', 'the server could not find the requested resource');
  sendJson(res, 200, doc);
}
