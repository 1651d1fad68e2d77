// The simulator's own control API under /sim/v1: clock, faults, and test helpers.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SimCluster } from '../cluster.js';
import { isoSeconds, parseDuration } from '../util/duration.js';
import { isRecord, parseJsonBody, readBody, sendJson } from './http-util.js';
import { ApiError, badRequest, methodNotAllowed } from './status.js';
import type { WatchHub } from './watch.js';

export interface ControlDeps {
  cluster: SimCluster;
  watches: WatchHub;
}

function clockView(c: SimCluster): Record<string, unknown> {
  return {
    now: new Date(c.apiNow()).toISOString(),
    start: isoSeconds(c.start),
    faultsStartAt: isoSeconds(c.anchor),
    realtime: c.clock.isRealtime(),
    scenario: c.scenarioName,
    resourceVersion: String(c.store.currentRv()),
  };
}

export async function handleControl(
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  d: ControlDeps,
): Promise<void> {
  const method = req.method ?? 'GET';
  const c = d.cluster;
  const parts = path.split('/').filter(Boolean).slice(2);
  const [what, id] = parts;
  if (what === 'clock') {
    if (method === 'GET') return sendJson(res, 200, clockView(c));
    if (method !== 'POST') throw methodNotAllowed();
    const body = parseJsonBody(await readBody(req));
    if (!isRecord(body))
      throw badRequest('send {"advance": "90m"} (or seconds) or {"set": "2025-01-01T00:00:00Z"}');
    if (body.advance !== undefined) {
      let ms: number;
      try {
        ms = parseDuration(body.advance as string | number);
      } catch (err) {
        throw badRequest((err as Error).message);
      }
      if (ms < 0)
        throw badRequest('advance must not be negative: the sim clock only moves forward');
      await c.advance(ms);
    } else if (body.set !== undefined) {
      const t = Date.parse(String(body.set));
      if (Number.isNaN(t)) throw badRequest(`set: "${String(body.set)}" is not an RFC 3339 time`);
      if (t < c.now())
        throw badRequest(
          `set: ${String(body.set)} is in the sim's past (now ${new Date(c.now()).toISOString()}); the clock only moves forward`,
        );
      await c.advanceTo(t);
    } else
      throw badRequest('send {"advance": "90m"} (or seconds) or {"set": "2025-01-01T00:00:00Z"}');
    return sendJson(res, 200, clockView(c));
  }
  if (what === 'faults') {
    if (method === 'GET' && !id)
      return sendJson(res, 200, { items: c.faults.list().map((f) => c.faults.describe(f)) });
    if (method === 'GET' && id) {
      const f = c.faults.get(id);
      if (!f) throw new ApiError(404, 'NotFound', `fault "${id}" not found`);
      return sendJson(res, 200, c.faults.describe(f));
    }
    if (method === 'POST' && !id) {
      const body = parseJsonBody(await readBody(req));
      c.catchUp();
      let faultId: string;
      try {
        faultId = c.faults.add(body, c.apiNow());
      } catch (err) {
        throw badRequest((err as Error).message);
      }
      c.catchUp();
      const f = c.faults.get(faultId);
      return sendJson(res, 201, f ? c.faults.describe(f) : { id: faultId });
    }
    if (method === 'DELETE' && id) {
      if (!c.faults.clear(id))
        throw new ApiError(404, 'NotFound', `fault "${id}" not found or already cleared`);
      c.engine.settle();
      const f = c.faults.get(id);
      return sendJson(res, 200, f ? c.faults.describe(f) : { id });
    }
    throw methodNotAllowed();
  }
  if (what === 'watches' && id === 'close' && method === 'POST')
    return sendJson(res, 200, { closed: d.watches.closeAll() });
  if (what === 'compact' && method === 'POST')
    return sendJson(res, 200, { resourceVersion: String(c.store.compact()) });
  throw new ApiError(404, 'NotFound', `unknown control endpoint ${path}: see src/sim/README.md`);
}
