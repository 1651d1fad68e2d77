// The REST verbs on stored resources: get, list, watch, create, update, patch, delete,
// deletecollection, plus the status, scale, eviction and binding subresources.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SimCluster } from '../cluster.js';
import { deleteObject } from '../controllers/garbage-collector.js';
import type { KubeObject, Workload } from '../objects/types.js';
import { prepareForCreate } from './defaults.js';
import { applyPatch, patchKind, requireObject } from './patch-body.js';
import { handleScale } from './scale.js';
import { parseJsonBody, readBody, readObjectBody, sendJson } from './http-util.js';
import {
  objectJson,
  outputForm,
  printerFor,
  selectorMatcher,
  sendList,
  sendObject,
} from './list.js';
import type { ResourceRoute } from './router.js';
import {
  ApiError,
  alreadyExists,
  badRequest,
  conflict,
  invalid,
  methodNotAllowed,
  notFound,
  successStatus,
} from './status.js';
import { checkEnvelope, checkPodUpdate, validateObject } from './validate.js';
import type { WatchHub } from './watch.js';
import type { ResourceDef } from './resources.js';
import { sendRaw } from './http-util.js';

export interface RestDeps {
  cluster: SimCluster;
  watches: WatchHub;
}

const SCALABLE = new Set(['apps/deployments', 'apps/replicasets', 'apps/statefulsets']);

export class RestHandler {
  constructor(private readonly d: RestDeps) {}

  private get store() {
    return this.d.cluster.store;
  }

  private now(): number {
    return this.d.cluster.apiNow();
  }

  private get(def: ResourceDef, ns: string | undefined, name: string): KubeObject {
    const obj = this.store.get(def.key, def.namespaced ? ns : undefined, name);
    if (!obj) throw notFound(def.plural, def.group, name);
    return obj;
  }

  async handle(
    req: IncomingMessage,
    res: ServerResponse,
    r: ResourceRoute,
    query: URLSearchParams,
  ): Promise<void> {
    const method = req.method ?? 'GET';
    const form = outputForm(req.headers.accept);
    const { def, namespace, name, subresource } = r;
    if (subresource) return this.subresource(req, res, r, query);
    if (method === 'GET' && !name) {
      if (query.get('watch') === 'true' || query.get('watch') === '1' || r.legacyWatch)
        return this.watch(res, def, namespace, query, form);
      return sendList(res, {
        store: this.store,
        def,
        namespace,
        query,
        form,
        now: this.now(),
        compactedBefore: (rv) => this.store.isCompacted(rv),
      });
    }
    if (method === 'GET' && name) {
      if (query.get('watch') === 'true' || r.legacyWatch) {
        query.set('fieldSelector', `metadata.name=${name}`);
        return this.watch(res, def, namespace, query, form);
      }
      return sendObject(res, this.store, def, this.get(def, namespace, name), form, this.now());
    }
    if (method === 'POST' && !name) return this.create(req, res, def, namespace, query, form);
    if (method === 'PUT' && name) return this.update(req, res, def, namespace, name, query, form);
    if (method === 'PATCH' && name) return this.patch(req, res, def, namespace, name, query, form);
    if (method === 'DELETE' && name) return this.remove(req, res, def, namespace, name, query);
    if (method === 'DELETE' && !name) return this.removeCollection(res, def, namespace, query);
    throw methodNotAllowed();
  }

  private watch(
    res: ServerResponse,
    def: ResourceDef,
    namespace: string | undefined,
    query: URLSearchParams,
    form: string,
  ): void {
    const match = selectorMatcher(def, query);
    const timeout = query.get('timeoutSeconds');
    this.d.watches.start(res, {
      def,
      namespace,
      match,
      resourceVersion: query.get('resourceVersion') ?? undefined,
      sendInitialEvents: query.get('sendInitialEvents') === 'true',
      bookmarks: query.get('allowWatchBookmarks') === 'true',
      timeoutSeconds: timeout ? Number(timeout) : undefined,
      printer: form === 'table' ? printerFor(def) : undefined,
      now: () => this.now(),
    });
  }

  private ensureNamespace(def: ResourceDef, ns: string | undefined): void {
    if (!def.namespaced || !ns) return;
    const nsObj = this.store.get('namespaces', undefined, ns);
    if (!nsObj) throw notFound('namespaces', '', ns);
    if (nsObj.metadata.deletionTimestamp) {
      throw new ApiError(
        403,
        'Forbidden',
        `${def.plural} "" is forbidden: unable to create new content in namespace ${ns} because it is being terminated`,
      );
    }
  }

  private async create(
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
    this.ensureNamespace(def, ns);
    const prepared = prepareForCreate(
      def,
      structuredClone(obj),
      ns,
      this.store,
      this.d.cluster.rng,
    );
    validateObject(def, prepared);
    if (this.store.get(def.key, prepared.metadata.namespace, prepared.metadata.name))
      throw alreadyExists(def.plural, def.group, prepared.metadata.name);
    if (query.get('dryRun') === 'All') {
      prepared.metadata.creationTimestamp = new Date(this.now())
        .toISOString()
        .replace(/\.\d+Z$/, 'Z');
      return sendJson(res, 201, prepared);
    }
    const created = this.store.create(def.key, prepared);
    this.d.cluster.engine.settle();
    sendObject(
      res,
      this.store,
      def,
      this.store.get(def.key, created.metadata.namespace, created.metadata.name) ?? created,
      form,
      this.now(),
      201,
    );
  }

  /** Stores a full replacement, keeping what clients may not change. */
  private replace(
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
    const stored = this.store.update(def.key, merged);
    this.d.cluster.engine.settle();
    return this.store.get(def.key, stored.metadata.namespace, stored.metadata.name) ?? stored;
  }

  private async update(
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
    const current = this.get(def, ns, name);
    if (query.get('dryRun') === 'All')
      return sendObject(res, this.store, def, current, form, this.now());
    sendObject(
      res,
      this.store,
      def,
      this.replace(def, current, body, statusOnly),
      form,
      this.now(),
    );
  }

  private async patch(
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
    const current = this.store.get(def.key, def.namespaced ? ns : undefined, name);
    if (!current) {
      if (kind !== 'apply') throw notFound(def.plural, def.group, name);
      const obj = requireObject(applyPatch(kind, {}, raw));
      obj.metadata.name ||= name;
      checkEnvelope(def, obj, ns);
      this.ensureNamespace(def, ns);
      const prepared = prepareForCreate(def, obj, ns, this.store, this.d.cluster.rng);
      validateObject(def, prepared);
      const created = this.store.create(def.key, prepared);
      this.d.cluster.engine.settle();
      return sendObject(
        res,
        this.store,
        def,
        this.store.get(def.key, created.metadata.namespace, created.metadata.name) ?? created,
        form,
        this.now(),
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
      this.store,
      def,
      this.replace(def, current, patched, statusOnly),
      form,
      this.now(),
    );
  }

  private async remove(
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
    const current = this.get(def, ns, name);
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
    if (
      query.get('dryRun') === 'All' ||
      (Array.isArray(opts.dryRun) && opts.dryRun.includes('All'))
    )
      return sendRaw(res, 200, objectJson(this.store, def, current));
    const graceRaw =
      query.get('gracePeriodSeconds') ??
      (opts.gracePeriodSeconds !== undefined ? String(opts.gracePeriodSeconds) : undefined);
    const grace = graceRaw !== undefined && graceRaw !== null ? Number(graceRaw) : undefined;
    const policy =
      query.get('propagationPolicy') ??
      (opts.propagationPolicy as string | undefined) ??
      (opts.orphanDependents === true ? 'Orphan' : 'Background');
    if (policy === 'Orphan') this.orphanDependents(current);
    deleteObject(this.store, def.key, def.namespaced ? ns : undefined, name, this.now(), grace);
    this.d.cluster.engine.settle();
    const after = this.store.get(def.key, def.namespaced ? ns : undefined, name);
    if (def.key === 'pods' || def.key === 'namespaces')
      return sendRaw(res, 200, objectJson(this.store, def, after ?? current));
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

  private orphanDependents(owner: KubeObject): void {
    for (const def of [{ key: 'apps/replicasets' }, { key: 'pods' }]) {
      for (const obj of this.store.list(def.key, owner.metadata.namespace)) {
        if (!obj.metadata.ownerReferences?.some((o) => o.uid === owner.metadata.uid)) continue;
        this.store.mutate(def.key, obj.metadata.namespace, obj.metadata.name, (d) => {
          d.metadata.ownerReferences = d.metadata.ownerReferences?.filter(
            (o) => o.uid !== owner.metadata.uid,
          );
          if (d.metadata.ownerReferences?.length === 0) delete d.metadata.ownerReferences;
        });
      }
    }
  }

  private removeCollection(
    res: ServerResponse,
    def: ResourceDef,
    ns: string | undefined,
    query: URLSearchParams,
  ): void {
    if (!def.verbs.includes('deletecollection')) throw methodNotAllowed();
    const match = selectorMatcher(def, query);
    for (const obj of this.store.list(def.key, ns).filter(match))
      deleteObject(this.store, def.key, obj.metadata.namespace, obj.metadata.name, this.now());
    this.d.cluster.engine.settle();
    sendJson(res, 200, successStatus());
  }

  private async subresource(
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
        return sendObject(res, this.store, def, this.get(def, namespace, name), form, this.now());
      if (method === 'PUT') return this.update(req, res, def, namespace, name, query, form, true);
      if (method === 'PATCH') return this.patch(req, res, def, namespace, name, query, form, true);
      throw methodNotAllowed();
    }
    if (subresource === 'scale' && SCALABLE.has(def.key))
      return handleScale(this.d.cluster, req, res, def, namespace, name, query);
    if (subresource === 'eviction' && method === 'POST') {
      await readBody(req);
      const pod = this.get(def, namespace, name);
      deleteObject(this.store, 'pods', namespace, pod.metadata.name, this.now());
      this.d.cluster.engine.settle();
      return sendJson(res, 201, { ...successStatus(), code: 201 });
    }
    if (subresource === 'binding' && method === 'POST') {
      const body = requireObject(parseJsonBody(await readBody(req)));
      const target = (body.target as { name?: string } | undefined)?.name;
      if (!target)
        throw invalid('Binding', '', name, [{ field: 'target.name', type: 'Required value' }]);
      this.store.mutate('pods', namespace, this.get(def, namespace, name).metadata.name, (d) => {
        (d.spec as Record<string, unknown>).nodeName = target;
      });
      this.d.cluster.engine.settle();
      return sendJson(res, 201, { ...successStatus(), code: 201 });
    }
    if (subresource === 'exec' || subresource === 'attach' || subresource === 'portforward') {
      throw badRequest('Upgrade request required');
    }
    throw methodNotAllowed();
  }
}
