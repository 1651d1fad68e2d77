// The HTTP front of the simulated cluster: bearer-token auth, discovery, the REST resources,
// pod log/exec, metrics.k8s.io and the /sim/v1 control API.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import { createServer as createNetServer, type Server as NetServer, type Socket } from 'node:net';
import { Duplex } from 'node:stream';
import { timingSafeEqual } from 'node:crypto';
import type { SimCluster } from '../cluster.js';
import { handleControl } from './control.js';
import {
  aggregatedDiscovery,
  AGGREGATED_V2,
  AGGREGATED_V2BETA1,
  apiGroup,
  apiGroupList,
  apiResourceList,
  legacyApiVersions,
  versionInfo,
  wantsAggregated,
} from './discovery.js';
import { sendError, sendJson, sendRaw } from './http-util.js';
import { handleMetrics } from './metrics-api.js';
import { ExecServer, resolveExec } from './pod-exec.js';
import { handlePodLog } from './pod-log.js';
import { RestHandler } from './rest.js';
import { routeOf } from './router.js';
import { serveOpenApi } from './openapi.js';
import { ApiError, unauthorized } from './status.js';
import { WatchHub } from './watch.js';

export interface ApiServerOptions {
  cluster: SimCluster;
  token: string;
  log: (line: string) => void;
  tls: { certPem: string; keyPem: string };
}

const TLS_HANDSHAKE = 0x16;

function replayingStream(socket: Socket, first: Buffer): Duplex {
  const stream = new PassThroughDuplex(socket);
  stream.push(first);
  return stream;
}

class PassThroughDuplex extends Duplex {
  constructor(private readonly socket: Socket) {
    super();
    socket.on('data', (d: Buffer) => {
      if (!this.push(d)) socket.pause();
    });
    socket.on('end', () => this.push(null));
    socket.on('close', () => this.destroy());
    socket.on('error', (err) => this.destroy(err));
  }

  override _read(): void {
    this.socket.resume();
  }

  override _write(chunk: Buffer, _enc: BufferEncoding, cb: (err?: Error | null) => void): void {
    this.socket.write(chunk, cb);
  }

  override _final(cb: (err?: Error | null) => void): void {
    this.socket.end(cb);
  }

  override _destroy(err: Error | null, cb: (err?: Error | null) => void): void {
    this.socket.destroy();
    cb(err);
  }

  get remoteAddress(): string | undefined {
    return this.socket.remoteAddress;
  }

  setTimeout(ms: number, cb?: () => void): this {
    this.socket.setTimeout(ms, cb);
    return this;
  }

  setNoDelay(v?: boolean): this {
    this.socket.setNoDelay(v);
    return this;
  }

  setKeepAlive(enable?: boolean, delay?: number): this {
    this.socket.setKeepAlive(enable, delay);
    return this;
  }
}

const PUBLIC_PATHS = new Set(['/healthz', '/livez', '/readyz', '/version']);

/**
 * One port, two protocols: plain HTTP (the contract URL, handy for fetch and tests) and HTTPS
 * (the kubeconfig; kubectl sends bearer tokens only over TLS). The first byte decides.
 */
export class ApiServer {
  readonly server: Server;
  private readonly tlsServer: HttpsServer;
  private readonly front: NetServer;
  private readonly sockets = new Set<Socket>();
  readonly watches: WatchHub;
  private readonly exec = new ExecServer();
  private readonly rest: RestHandler;
  private readonly buildDate = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  private address = '127.0.0.1:0';

  constructor(private readonly o: ApiServerOptions) {
    this.watches = new WatchHub(o.cluster.store);
    this.rest = new RestHandler({ cluster: o.cluster, watches: this.watches });
    const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
      this.handle(req, res).catch((err: unknown) => this.fail(res, err));
    };
    const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void =>
      this.upgrade(req, socket, head);
    this.server = createServer(onRequest);
    this.tlsServer = createHttpsServer({ key: o.tls.keyPem, cert: o.tls.certPem }, onRequest);
    for (const s of [this.server, this.tlsServer]) {
      s.keepAliveTimeout = 65_000;
      s.on('upgrade', onUpgrade);
    }
    this.front = createNetServer((socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
      socket.on('error', () => socket.destroy());
      socket.once('data', (first: Buffer) => {
        socket.pause();
        if (first[0] !== TLS_HANDSHAKE) {
          socket.unshift(first);
          this.server.emit('connection', socket);
          socket.resume();
          return;
        }
        // TLS reads the native handle directly and would miss the byte already read, so it
        // gets a plain stream wrapper that replays it.
        this.tlsServer.emit('connection', replayingStream(socket, first));
      });
    });
  }

  async listen(port: number): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      this.front.once('error', reject);
      this.front.listen(port, '127.0.0.1', () => resolve());
    });
    const addr = this.front.address();
    const actual = typeof addr === 'object' && addr ? addr.port : port;
    this.address = `127.0.0.1:${actual}`;
    return actual;
  }

  async close(): Promise<void> {
    this.watches.closeAll();
    this.exec.closeAll();
    this.server.closeAllConnections();
    this.tlsServer.closeAllConnections();
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.front.close(() => resolve()));
  }

  private authorized(req: IncomingMessage): boolean {
    const header = req.headers.authorization ?? '';
    const m = /^Bearer\s+(.+)$/i.exec(header);
    if (!m?.[1]) return false;
    const given = Buffer.from(m[1].trim());
    const want = Buffer.from(this.o.token);
    return given.length === want.length && timingSafeEqual(given, want);
  }

  private fail(res: ServerResponse, err: unknown): void {
    if (err instanceof ApiError) return sendError(res, err);
    this.o.log(`sim: internal error: ${(err as Error).stack ?? String(err)}`);
    sendError(
      res,
      new ApiError(500, 'InternalError', `Internal error occurred: ${(err as Error).message}`),
    );
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://sim');
    const path = url.pathname.replace(/\/+$/, '') || '/';
    if (PUBLIC_PATHS.has(path) && req.method === 'GET') {
      if (path === '/version') return sendJson(res, 200, versionInfo(this.buildDate));
      return sendRaw(res, 200, 'ok', 'text/plain; charset=utf-8');
    }
    if (!this.authorized(req)) return sendError(res, unauthorized());
    const cluster = this.o.cluster;
    cluster.catchUp();
    if (path.startsWith('/sim/v1'))
      return handleControl(req, res, path, { cluster, watches: this.watches });
    if (req.method === 'GET') {
      const aggregated = wantsAggregated(req.headers.accept);
      if (path === '/api') {
        if (aggregated)
          return sendRaw(
            res,
            200,
            JSON.stringify(aggregatedDiscovery(true, aggregated)),
            aggregated === 'v2' ? AGGREGATED_V2 : AGGREGATED_V2BETA1,
          );
        return sendJson(res, 200, legacyApiVersions(this.address));
      }
      if (path === '/apis') {
        if (aggregated)
          return sendRaw(
            res,
            200,
            JSON.stringify(aggregatedDiscovery(false, aggregated)),
            aggregated === 'v2' ? AGGREGATED_V2 : AGGREGATED_V2BETA1,
          );
        return sendJson(res, 200, apiGroupList());
      }
    }
    if (path.startsWith('/openapi/') && req.method === 'GET') return serveOpenApi(res, path);
    const route = routeOf(path);
    if (route.kind === 'group-version' && req.method === 'GET') {
      const list = apiResourceList(route.group, route.version);
      if (list) return sendJson(res, 200, list);
    }
    if (route.kind === 'group' && req.method === 'GET') {
      const g = apiGroup(route.group);
      if (g) return sendJson(res, 200, g);
    }
    if (route.kind !== 'resource')
      throw new ApiError(404, 'NotFound', 'the server could not find the requested resource');
    const r = route.route;
    if (r.def.virtual) return handleMetrics(res, req.method ?? 'GET', cluster, r, url.searchParams);
    if (r.def.key === 'pods' && r.subresource === 'log' && r.name && r.namespace) {
      if (req.method !== 'GET')
        throw new ApiError(
          405,
          'MethodNotAllowed',
          'the server does not allow this method on the requested resource',
        );
      return handlePodLog(res, cluster, r.namespace, r.name, url.searchParams);
    }
    return this.rest.handle(req, res, r, url.searchParams);
  }

  private upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const reject = (err: ApiError): void => {
      const body = JSON.stringify(err.toStatus());
      socket.end(
        `HTTP/1.1 ${err.code} ${err.reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      );
    };
    try {
      if (!this.authorized(req)) return reject(unauthorized());
      const url = new URL(req.url ?? '/', 'http://sim');
      const route = routeOf(url.pathname);
      if (
        route.kind !== 'resource' ||
        route.route.def.key !== 'pods' ||
        route.route.subresource !== 'exec' ||
        !route.route.name ||
        !route.route.namespace
      ) {
        return reject(
          new ApiError(404, 'NotFound', 'the server could not find the requested resource'),
        );
      }
      this.o.cluster.catchUp();
      const target = resolveExec(
        this.o.cluster,
        route.route.namespace,
        route.route.name,
        url.searchParams,
      );
      this.exec.upgrade(req, socket, head, target);
    } catch (err) {
      if (err instanceof ApiError) return reject(err);
      this.o.log(`sim: exec upgrade failed: ${(err as Error).message}`);
      reject(new ApiError(500, 'InternalError', (err as Error).message));
    }
  }
}
