// Watch streams: newline-delimited {type, object} events from a resourceVersion, with the
// selector transitions (ADDED/DELETED as objects enter/leave a selection), bookmarks,
// sendInitialEvents, timeoutSeconds, and 410 Expired for a forgotten resourceVersion.
import type { ServerResponse } from 'node:http';
import type { KubeObject } from '../objects/types.js';
import { bodyJson, type ObjectStore, type StoreChange } from '../store/object-store.js';
import { apiVersionOf, type ResourceDef } from './resources.js';
import { tableRow, type TablePrinter } from './tables.js';

export interface WatchRequest {
  def: ResourceDef;
  namespace?: string;
  match: (obj: KubeObject) => boolean;
  resourceVersion?: string;
  sendInitialEvents: boolean;
  bookmarks: boolean;
  timeoutSeconds?: number;
  printer?: TablePrinter;
  now: () => number;
}

interface Watcher extends WatchRequest {
  res: ServerResponse;
  firstTable: boolean;
  timers: NodeJS.Timeout[];
  closed: boolean;
}

const BOOKMARK_EVERY_MS = 60_000;
const DEFAULT_TIMEOUT_S = 1800;

export class WatchHub {
  private readonly watchers = new Set<Watcher>();

  constructor(private readonly store: ObjectStore) {
    store.onChange((c) => this.dispatch(c));
  }

  get size(): number {
    return this.watchers.size;
  }

  start(res: ServerResponse, req: WatchRequest): void {
    const rv = req.resourceVersion;
    const fromRv = rv && rv !== '0' ? Number(rv) : undefined;
    if (rv && rv !== '0' && !Number.isFinite(fromRv)) {
      res.writeHead(400, { 'Content-Type': 'application/json' });
      res.end(
        JSON.stringify({
          kind: 'Status',
          apiVersion: 'v1',
          metadata: {},
          status: 'Failure',
          message: `invalid resource version "${rv}"`,
          reason: 'BadRequest',
          code: 400,
        }),
      );
      return;
    }
    res.writeHead(200, {
      'Content-Type': 'application/json',
      'Cache-Control': 'no-cache, private',
      'Transfer-Encoding': 'chunked',
    });
    res.flushHeaders();
    const w: Watcher = { ...req, res, firstTable: true, timers: [], closed: false };
    if (fromRv !== undefined && !req.sendInitialEvents) {
      const changes = this.store.changesSince(req.def.key, fromRv);
      if (changes === 'expired') {
        const status = {
          kind: 'Status',
          apiVersion: 'v1',
          metadata: {},
          status: 'Failure',
          message: `too old resource version: ${fromRv} (${this.store.currentRv()})`,
          reason: 'Expired',
          code: 410,
        };
        res.end(`${JSON.stringify({ type: 'ERROR', object: status })}\n`);
        return;
      }
      this.watchers.add(w);
      for (const c of changes) this.deliver(w, c);
    } else {
      this.watchers.add(w);
      for (const obj of this.store.list(req.def.key, req.namespace))
        if (req.match(obj)) this.send(w, 'ADDED', obj);
      if (req.sendInitialEvents) this.bookmark(w, true);
    }
    const timeout = (req.timeoutSeconds ?? DEFAULT_TIMEOUT_S) * 1000;
    w.timers.push(setTimeout(() => this.close(w), timeout));
    if (req.bookmarks) w.timers.push(setInterval(() => this.bookmark(w, false), BOOKMARK_EVERY_MS));
    for (const t of w.timers) t.unref();
    res.on('close', () => this.close(w));
  }

  /** Ends every open watch (the API server restarting, as informers must survive). */
  closeAll(): number {
    const n = this.watchers.size;
    for (const w of [...this.watchers]) this.close(w);
    return n;
  }

  private close(w: Watcher): void {
    if (w.closed) return;
    w.closed = true;
    for (const t of w.timers) clearTimeout(t);
    this.watchers.delete(w);
    if (!w.res.writableEnded) w.res.end();
  }

  private dispatch(c: StoreChange): void {
    for (const w of this.watchers) if (w.def.key === c.resource) this.deliver(w, c);
  }

  private deliver(w: Watcher, c: StoreChange): void {
    const ns = c.object.metadata.namespace;
    if (w.namespace !== undefined && ns !== w.namespace) return;
    const now = w.match(c.object);
    if (c.type === 'ADDED') {
      if (now) this.send(w, 'ADDED', c.object);
    } else if (c.type === 'DELETED') {
      if (w.match(c.previous ?? c.object)) this.send(w, 'DELETED', c.object);
    } else {
      const before = c.previous ? w.match(c.previous) : now;
      if (before && now) this.send(w, 'MODIFIED', c.object);
      else if (!before && now) this.send(w, 'ADDED', c.object);
      else if (before && !now) this.send(w, 'DELETED', c.object);
    }
  }

  private objectJson(w: Watcher, obj: KubeObject): string {
    if (w.printer) {
      const table = {
        kind: 'Table',
        apiVersion: 'meta.k8s.io/v1',
        metadata: { resourceVersion: obj.metadata.resourceVersion },
        columnDefinitions: w.firstTable ? w.printer.columns : null,
        rows: [tableRow(w.printer, obj, w.now())],
      };
      w.firstTable = false;
      return JSON.stringify(table);
    }
    const stored = this.store.get(w.def.key, obj.metadata.namespace, obj.metadata.name);
    const body = stored === obj ? this.store.body(w.def.key, obj) : bodyJson(obj);
    return `{"kind":${JSON.stringify(w.def.kind)},"apiVersion":${JSON.stringify(apiVersionOf(w.def))},${body.slice(1)}`;
  }

  private send(w: Watcher, type: string, obj: KubeObject): void {
    if (w.closed) return;
    w.res.write(`{"type":"${type}","object":${this.objectJson(w, obj)}}\n`);
  }

  private bookmark(w: Watcher, initialEnd: boolean): void {
    if (w.closed) return;
    const metadata: Record<string, unknown> = {
      resourceVersion: String(this.store.currentRv()),
      creationTimestamp: null,
    };
    if (initialEnd) metadata.annotations = { 'k8s.io/initial-events-end': 'true' };
    w.res.write(
      `${JSON.stringify({ type: 'BOOKMARK', object: { kind: w.def.kind, apiVersion: apiVersionOf(w.def), metadata } })}\n`,
    );
  }
}
