import { request } from 'node:http';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/core/log/logger.js';
import { openStore } from '../../src/core/store/open-store.js';
import { startHttpServer, type HttpServerHandle } from '../../src/server/http-server.js';
import type { ReadinessProbe } from '../../src/server/readiness.js';
import { useTempDir } from '../support/temp-dir.js';

const tempDir = useTempDir();
const logger = createLogger({ level: 'silent' });
const servers: HttpServerHandle[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function start(probes: ReadinessProbe[]): Promise<HttpServerHandle> {
  const server = await startHttpServer({
    host: '127.0.0.1',
    port: 0,
    logger,
    probes,
    probeTimeoutMs: 300,
    // Longer than the test timeout: a close that waits for it fails the test.
    shutdownTimeoutMs: 60_000,
  });
  servers.push(server);
  return server;
}

async function databaseProbe(): Promise<{ probe: ReadinessProbe; close: () => Promise<void> }> {
  const db = await openStore(join(tempDir(), 'ai4k8s.db'));
  return {
    probe: { name: 'database', check: async () => (await db.get('SELECT 1 AS one'), undefined) },
    close: () => db.close(),
  };
}

describe('the serve HTTP server', () => {
  it('answers /healthz while the process is up', async () => {
    const server = await start([]);
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('is ready while the database answers, and says why not once it does not', async () => {
    const db = await databaseProbe();
    const server = await start([db.probe]);
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', checks: { database: 'ok' } });

    await db.close();
    const down = await fetch(`${server.url}/readyz`);
    expect(down.status).toBe(503);
    const body = (await down.json()) as { status: string; reason: string };
    expect(body.status).toBe('not ready');
    expect(body.reason).toMatch(/^database: .*closed/i);
  });

  it('reports a probe that hangs as not ready instead of hanging', async () => {
    const hung: ReadinessProbe = { name: 'cluster demo', check: () => new Promise(() => {}) };
    const server = await start([hung]);
    const res = await fetch(`${server.url}/readyz`);
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ reason: 'cluster demo: no answer within 300 ms' });
  });

  it('mounts handlers after listening, ahead of the JSON 404', async () => {
    const server = await start([]);
    expect((await fetch(`${server.url}/slack/events`)).status).toBe(404);
    server.mount('/slack/events', (_req, res) => res.end('mounted'));
    expect(await (await fetch(`${server.url}/slack/events`)).text()).toBe('mounted');
    const missing = await fetch(`${server.url}/nothing`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({
      error: expect.stringContaining('Nothing at GET /nothing'),
    });
  });

  it('says clearly when the port is taken', async () => {
    const first = await start([]);
    await expect(
      startHttpServer({ host: '127.0.0.1', port: first.port, logger, probes: [] }),
    ).rejects.toThrow(`cannot listen on 127.0.0.1:${first.port}: port ${first.port} is in use`);
  });

  it('on close finishes the request in flight, then refuses new connections', async () => {
    const server = await start([]);
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    let arrived!: () => void;
    const hasArrived = new Promise<void>((r) => (arrived = r));
    server.mount('/slow', async (_req, res) => {
      arrived();
      await released;
      res.end('finished');
    });
    const inFlight = fetch(`${server.url}/slow`).then((r) => r.text());
    await hasArrived;
    const closed = server.close();
    let closedYet = false;
    void closed.then(() => (closedYet = true));
    await new Promise((r) => setTimeout(r, 50));
    expect(closedYet).toBe(false);
    release();
    expect(await inFlight).toBe('finished');
    await closed;
    await expect(rawGet(server.port, '/healthz')).rejects.toThrow(/ECONNREFUSED/);
  });
});

function rawGet(port: number, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port, path }, (res) => resolve(res.statusCode ?? 0))
      .on('error', reject)
      .end();
  });
}
