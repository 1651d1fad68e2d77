// The write verbs on stored resources: create, update (full replacement) and patch.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { KubeObject, Workload } from '../../objects/types.js';
import { prepareForCreate } from '../defaults.js';
import { readBody, readObjectBody, sendJson } from '../http-util.js';
import { outputForm, sendObject } from '../list.js';
import { applyPatch, patchKind, requireObject } from '../patch-body.js';
import type { ResourceDef } from '../resources.js';
import {
  alreadyExists,
  badRequest,
  conflict,
  invalid,
  methodNotAllowed,
  notFound,
} from '../status.js';
import { checkEnvelope, checkPodUpdate, validateObject } from '../validate.js';
import { apiNow, ensureNamespace, getObject, type RestDeps } from './common.js';

export async function createObject(
  d: RestDeps,
  req: IncomingMessage,
  res: ServerResponse,
  def: ResourceDef,
  ns: string | undefined,
  query: URLSearchParams,
  form: ReturnType<typeof outputForm>,
): Promise<void> {
  if (!def.verbs.includes('create')) throw methodNotAllowed();
  const obj = requireObject(await readObjectBody(req));
  checkEnvelope(def, obj, ns);
  ensureNamespace(d, def, ns);
  const prepared = prepareForCreate(def, structuredClone(obj), ns, d.cluster.store, d.cluster.rng);
  validateObject(def, prepared);
  if (d.cluster.store.get(def.key, prepared.metadata.namespace, prepared.metadata.name))
    throw alreadyExists(def.plural, def.group, prepared.metadata.name);
  if (query.get('dryRun') === 'All') {
    prepared.metadata.creationTimestamp = new Date(apiNow(d)).toISOString().replace(/\.\d+Z$/, 'Z');
    return sendJson(res, 201, prepared);
  }
  const created = d.cluster.store.create(def.key, prepared);
  d.cluster.engine.settle();
  sendObject(
    res,
    d.cluster.store,
    def,
    d.cluster.store.get(def.key, created.metadata.namespace, created.metadata.name) ?? created,
    form,
    apiNow(d),
    201,
  );
}

/** Stores a full replacement, keeping what clients may not change. */
export function replaceObject(
  d: RestDeps,
  def: ResourceDef,
  current: KubeObject,
  next: KubeObject,
  statusOnly: boolean,
): KubeObject {
  if (next.metadata.name !== current.metadata.name)
    throw badRequest(
      `the name of the object (${next.metadata.name}) does not match the name on the URL (${current.metadata.name})`,
    );
  if (
    next.metadata.resourceVersion &&
    next.metadata.resourceVersion !== current.metadata.resourceVersion
  )
    throw conflict(def.plural, def.group, current.metadata.name);
  let merged: KubeObject;
  if (statusOnly) {
    merged = { ...structuredClone(current), status: next.status };
  } else {
    merged = { ...next, apiVersion: current.apiVersion, kind: current.kind };
    merged.metadata = {
      ...next.metadata,
      namespace: current.metadata.namespace,
      uid: current.metadata.uid,
      creationTimestamp: current.metadata.creationTimestamp,
    };
    if (current.metadata.deletionTimestamp)
      merged.metadata.deletionTimestamp = current.metadata.deletionTimestamp;
    else delete merged.metadata.deletionTimestamp;
    if (current.status !== undefined && def.subresources.some((s) => s.name === 'status'))
      merged.status = current.status;
    validateObject(def, merged);
    if (def.key === 'pods') checkPodUpdate(current, merged);
    if (
      def.group === 'apps' &&
      JSON.stringify((current as Workload).spec.selector) !==
        JSON.stringify((merged as Workload).spec?.selector)
    ) {
      throw invalid(def.kind, def.group, current.metadata.name, [
        {
          field: 'spec.selector',
          type: 'Invalid value',
          detail: `${JSON.stringify((merged as Workload).spec?.selector)}: field is immutable`,
        },
      ]);
    }
  }
  delete merged.metadata.managedFields;
  const stored = d.cluster.store.update(def.key, merged);
  d.cluster.engine.settle();
  return d.cluster.store.get(def.key, stored.metadata.namespace, stored.metadata.name) ?? stored;
}

export async function updateObject(
  d: RestDeps,
  req: IncomingMessage,
  res: ServerResponse,
  def: ResourceDef,
  ns: string | undefined,
  name: string,
  query: URLSearchParams,
  form: ReturnType<typeof outputForm>,
  statusOnly = false,
): Promise<void> {
  if (!def.verbs.includes('update')) throw methodNotAllowed();
  const body = requireObject(await readObjectBody(req));
  checkEnvelope(def, body, ns);
  const current = getObject(d, def, ns, name);
  if (query.get('dryRun') === 'All')
    return sendObject(res, d.cluster.store, def, current, form, apiNow(d));
  sendObject(
    res,
    d.cluster.store,
    def,
    replaceObject(d, def, current, body, statusOnly),
    form,
    apiNow(d),
  );
}

export async function patchObject(
  d: RestDeps,
  req: IncomingMessage,
  res: ServerResponse,
  def: ResourceDef,
  ns: string | undefined,
  name: string,
  query: URLSearchParams,
  form: ReturnType<typeof outputForm>,
  statusOnly = false,
): Promise<void> {
  if (!def.verbs.includes('patch')) throw methodNotAllowed();
  const kind = patchKind(req.headers['content-type']);
  const raw = await readBody(req);
  const current = d.cluster.store.get(def.key, def.namespaced ? ns : undefined, name);
  if (!current) {
    if (kind !== 'apply') throw notFound(def.plural, def.group, name);
    const obj = requireObject(applyPatch(kind, {}, raw));
    obj.metadata.name ||= name;
    checkEnvelope(def, obj, ns);
    ensureNamespace(d, def, ns);
    const prepared = prepareForCreate(def, obj, ns, d.cluster.store, d.cluster.rng);
    validateObject(def, prepared);
    const created = d.cluster.store.create(def.key, prepared);
    d.cluster.engine.settle();
    return sendObject(
      res,
      d.cluster.store,
      def,
      d.cluster.store.get(def.key, created.metadata.namespace, created.metadata.name) ?? created,
      form,
      apiNow(d),
      201,
    );
  }
  const patched = requireObject(applyPatch(kind, structuredClone(current), raw));
  if (patched.metadata.name !== current.metadata.name)
    throw badRequest('metadata.name cannot be changed by a patch');
  if (query.get('dryRun') === 'All') return sendJson(res, 200, patched);
  if (kind !== 'json' && !patched.metadata.resourceVersion)
    patched.metadata.resourceVersion = current.metadata.resourceVersion;
  sendObject(
    res,
    d.cluster.store,
    def,
    replaceObject(d, def, current, patched, statusOnly),
    form,
    apiNow(d),
  );
}
