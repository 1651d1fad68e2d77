// GET on collections and objects: selectors, pagination, and the three output forms
// (typed JSON, server-side Table, PartialObjectMetadata).
import type { ServerResponse } from 'node:http';
import type { KubeObject } from '../objects/types.js';
import { bodyJson, type ObjectStore } from '../store/object-store.js';
import {
  parseFieldSelector,
  parseLabelSelector,
  SelectorError,
  type FieldGetter,
} from '../util/selectors.js';
import { sendJson, sendRaw } from './http-util.js';
import { apiVersionOf, type ResourceDef } from './resources.js';
import { badRequest, expired } from './status.js';
import { DEFAULT_PRINTER, PRINTERS, tableRow, type TablePrinter } from './tables.js';

export type OutputForm = 'json' | 'table' | 'metadata';

export function outputForm(accept: string | undefined): OutputForm {
  if (!accept) return 'json';
  for (const part of accept.split(',')) {
    const p = part.replace(/\s+/g, '');
    if (p.includes('as=Table') && p.includes('g=meta.k8s.io')) return 'table';
    if (p.includes('as=PartialObjectMetadata')) return 'metadata';
    if (p.startsWith('application/json') || p.startsWith('*/*') || p.startsWith('application/yaml'))
      return 'json';
  }
  return 'json';
}

export function printerFor(def: ResourceDef): TablePrinter {
  return PRINTERS[def.key] ?? DEFAULT_PRINTER;
}

/** Builds the object matcher for label and field selectors (400 on a bad selector). */
export function selectorMatcher(
  def: ResourceDef,
  query: URLSearchParams,
): (obj: KubeObject) => boolean {
  const fields: Record<string, FieldGetter> = {
    'metadata.name': (o) => o.metadata.name,
    ...(def.namespaced ? { 'metadata.namespace': (o: KubeObject) => o.metadata.namespace } : {}),
    ...def.fields,
  };
  try {
    const labels = parseLabelSelector(query.get('labelSelector'));
    const fieldMatch = parseFieldSelector(query.get('fieldSelector'), fields);
    return (o) => labels(o.metadata.labels) && fieldMatch(o);
  } catch (err) {
    if (err instanceof SelectorError) throw badRequest(err.message);
    throw err;
  }
}

interface ContinueToken {
  rv: number;
  start: string;
}

function decodeContinue(token: string): ContinueToken {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as ContinueToken;
    if (typeof parsed.rv !== 'number' || typeof parsed.start !== 'string') throw new Error('shape');
    return parsed;
  } catch {
    throw badRequest(
      'continue key is not valid: the continue token is malformed; restart the list without it',
    );
  }
}

const keyOf = (o: KubeObject): string => `${o.metadata.namespace ?? ''}/${o.metadata.name}`;

export interface ListArgs {
  store: ObjectStore;
  def: ResourceDef;
  namespace?: string;
  query: URLSearchParams;
  form: OutputForm;
  now: number;
  compactedBefore: (rv: number) => boolean;
}

export function sendList(res: ServerResponse, a: ListArgs): void {
  const match = selectorMatcher(a.def, a.query);
  const limit = Number(a.query.get('limit') ?? 0);
  const token = a.query.get('continue');
  let items = a.store.list(a.def.key, a.namespace).filter(match);
  const rv = a.store.currentRv();
  if (token) {
    const c = decodeContinue(token);
    if (a.compactedBefore(c.rv)) {
      throw expired(
        'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.',
      );
    }
    items = items.filter((o) => keyOf(o) > c.start);
  }
  const meta: Record<string, unknown> = { resourceVersion: String(rv) };
  if (limit > 0 && items.length > limit) {
    const last = items[limit - 1];
    meta.continue = Buffer.from(JSON.stringify({ rv, start: last ? keyOf(last) : '' })).toString(
      'base64url',
    );
    meta.remainingItemCount = items.length - limit;
    items = items.slice(0, limit);
  }
  if (a.form === 'table') {
    const printer = printerFor(a.def);
    const includeObject = a.query.get('includeObject');
    const rows = items.map((o) => {
      const row = tableRow(printer, o, a.now);
      if (includeObject === 'None') delete row.object;
      if (includeObject === 'Object')
        row.object = { ...o, kind: a.def.kind, apiVersion: apiVersionOf(a.def) };
      return row;
    });
    sendJson(res, 200, {
      kind: 'Table',
      apiVersion: 'meta.k8s.io/v1',
      metadata: meta,
      columnDefinitions: printer.columns,
      rows,
    });
    return;
  }
  if (a.form === 'metadata') {
    sendJson(res, 200, {
      kind: 'PartialObjectMetadataList',
      apiVersion: 'meta.k8s.io/v1',
      metadata: meta,
      items: items.map((o) => ({
        kind: 'PartialObjectMetadata',
        apiVersion: 'meta.k8s.io/v1',
        metadata: o.metadata,
      })),
    });
    return;
  }
  // Items are cached JSON strings, streamed in chunks: a 10,000-pod list is neither 10,000
  // stringify calls nor one 30 MB string.
  const head = `{"kind":${JSON.stringify(a.def.listKind)},"apiVersion":${JSON.stringify(apiVersionOf(a.def))},"metadata":${JSON.stringify(meta)},"items":[`;
  if (items.length < 200) {
    sendRaw(res, 200, `${head}${items.map((o) => a.store.body(a.def.key, o)).join(',')}]}`);
    return;
  }
  res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private' });
  // Bodies are taken now (a consistent snapshot) and written as the socket drains.
  const bodies = items.map((o) => a.store.body(a.def.key, o));
  let i = 0;
  const pump = (): void => {
    let chunk = i === 0 ? head : '';
    while (i < bodies.length) {
      chunk += (i > 0 ? ',' : '') + bodies[i];
      i++;
      if (chunk.length > 256 * 1024) {
        if (!res.write(chunk)) {
          res.once('drain', pump);
          return;
        }
        chunk = '';
      }
    }
    res.end(`${chunk}]}`);
  };
  pump();
}

export function objectJson(store: ObjectStore, def: ResourceDef, obj: KubeObject): string {
  const body =
    store.get(def.key, obj.metadata.namespace, obj.metadata.name) === obj
      ? store.body(def.key, obj)
      : bodyJson(obj);
  return `{"kind":${JSON.stringify(def.kind)},"apiVersion":${JSON.stringify(apiVersionOf(def))},${body.slice(1)}`;
}

export function sendObject(
  res: ServerResponse,
  store: ObjectStore,
  def: ResourceDef,
  obj: KubeObject,
  form: OutputForm,
  now: number,
  code = 200,
): void {
  if (form === 'table') {
    const printer = printerFor(def);
    sendJson(res, code, {
      kind: 'Table',
      apiVersion: 'meta.k8s.io/v1',
      metadata: { resourceVersion: obj.metadata.resourceVersion },
      columnDefinitions: printer.columns,
      rows: [tableRow(printer, obj, now)],
    });
    return;
  }
  if (form === 'metadata') {
    sendJson(res, code, {
      kind: 'PartialObjectMetadata',
      apiVersion: 'meta.k8s.io/v1',
      metadata: obj.metadata,
    });
    return;
  }
  sendRaw(res, code, objectJson(store, def, obj));
}
