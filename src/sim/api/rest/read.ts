// The read verbs on stored resources: get, list and watch.
import type { ServerResponse } from 'node:http';
import { outputForm, printerFor, selectorMatcher, sendList, sendObject } from '../list.js';
import type { ResourceDef } from '../resources.js';
import type { ResourceRoute } from '../router.js';
import { apiNow, getObject, type RestDeps } from './common.js';

type Form = ReturnType<typeof outputForm>;

/** GET on a collection: a list, or a watch when asked for. */
export function listOrWatch(
  d: RestDeps,
  res: ServerResponse,
  r: ResourceRoute,
  query: URLSearchParams,
  form: Form,
): void {
  const { def, namespace } = r;
  if (query.get('watch') === 'true' || query.get('watch') === '1' || r.legacyWatch)
    return watchResource(d, res, def, namespace, query, form);
  return sendList(res, {
    store: d.cluster.store,
    def,
    namespace,
    query,
    form,
    now: apiNow(d),
    compactedBefore: (rv) => d.cluster.store.isCompacted(rv),
  });
}

/** GET on a named object: the object, or a watch of it when asked for. */
export function getOrWatch(
  d: RestDeps,
  res: ServerResponse,
  r: ResourceRoute,
  name: string,
  query: URLSearchParams,
  form: Form,
): void {
  const { def, namespace } = r;
  if (query.get('watch') === 'true' || r.legacyWatch) {
    query.set('fieldSelector', `metadata.name=${name}`);
    return watchResource(d, res, def, namespace, query, form);
  }
  return sendObject(res, d.cluster.store, def, getObject(d, def, namespace, name), form, apiNow(d));
}

export function watchResource(
  d: RestDeps,
  res: ServerResponse,
  def: ResourceDef,
  namespace: string | undefined,
  query: URLSearchParams,
  form: string,
): void {
  const match = selectorMatcher(def, query);
  const timeout = query.get('timeoutSeconds');
  d.watches.start(res, {
    def,
    namespace,
    match,
    resourceVersion: query.get('resourceVersion') ?? undefined,
    sendInitialEvents: query.get('sendInitialEvents') === 'true',
    bookmarks: query.get('allowWatchBookmarks') === 'true',
    timeoutSeconds: timeout ? Number(timeout) : undefined,
    printer: form === 'table' ? printerFor(def) : undefined,
    now: () => apiNow(d),
  });
}
