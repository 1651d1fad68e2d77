import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { Router, type ErrorRequestHandler, type RequestHandler } from 'express';
import type { Logger } from '../core/log/logger.js';
import { healthRoutes } from './health-routes.js';
import type { ReadinessProbe } from './readiness.js';

export interface HttpServerOptions {
  host: string;
  /** 0 picks a free port (tests, benchmarks); the handle tells which. */
  port: number;
  logger: Logger;
  probes: ReadinessProbe[];
  /** `web.trustProxy`: believe X-Forwarded-* from a reverse proxy in front of us. */
  trustProxy?: boolean;
  /** How long `/readyz` waits for each probe. */
  probeTimeoutMs?: number;
  /** How long `close` waits for in-flight requests before cutting connections. */
  shutdownTimeoutMs?: number;
}

/** An express router (Slack events, the dashboard) or a plain `(req, res)` Node handler (MCP). */
export type MountableHandler = RequestHandler | Router;

export interface HttpServerHandle {
  /** `http://host:port` as clients on this machine reach it. */
  url: string;
  host: string;
  port: number;
  server: Server;
  /** Adds a handler under `path`; works before or after listening, always ahead of the 404. */
  mount(path: string, handler: MountableHandler): void;
  /** Stops accepting, lets in-flight requests finish (bounded), then resolves. */
  close(): Promise<void>;
}

/** The one HTTP server of `ai4k8s serve`: health routes, then whatever later parts mount. */
export async function startHttpServer(options: HttpServerOptions): Promise<HttpServerHandle> {
  const logger = options.logger.child({ component: 'http' });
  let closing = false;
  const app = express();
  app.disable('x-powered-by');
  if (options.trustProxy) app.set('trust proxy', true);
  const server = createServer(app);
  app.use((_req, res, next) => {
    // Keep-alive connections would hold a closing server open: drop each as its response ends.
    if (closing) res.setHeader('Connection', 'close');
    res.on('finish', () => {
      if (closing) setImmediate(() => server.closeIdleConnections());
    });
    next();
  });
  app.use(
    healthRoutes({
      probes: options.probes,
      probeTimeoutMs: options.probeTimeoutMs,
      isClosing: () => closing,
    }),
  );
  const mounted = Router();
  app.use(mounted);
  app.use((req, res) => {
    res
      .status(404)
      .json({ error: `Nothing at ${req.method} ${req.path}. Try /healthz, /readyz or /mcp.` });
  });
  app.use(((error, req, res, _next) => {
    logger.error({ err: error, method: req.method, path: req.path }, 'request failed');
    if (res.headersSent) return res.end();
    const status = typeof error?.status === 'number' && error.status < 500 ? error.status : 500;
    res.status(status).json({
      error: status === 500 ? 'Internal error; the server log has the details.' : error.message,
    });
  }) satisfies ErrorRequestHandler);

  await listen(server, options.port, options.host);
  const port = (server.address() as AddressInfo).port;
  const urlHost = options.host.includes(':') ? `[${options.host}]` : options.host;
  const url = `http://${['0.0.0.0', '::', ''].includes(options.host) ? 'localhost' : urlHost}:${port}`;
  logger.info({ url }, 'HTTP server listening');

  let closed: Promise<void> | undefined;
  return {
    url,
    host: options.host,
    port,
    server,
    mount(path, handler) {
      mounted.use(path, handler);
    },
    close() {
      closing = true;
      closed ??= stopServer(server, options.shutdownTimeoutMs ?? 10_000, logger);
      return closed;
    },
  };
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      const hint =
        error.code === 'EADDRINUSE'
          ? `port ${port} is in use; set another with PORT or \`port:\` in the config`
          : error.code === 'EACCES'
            ? `no permission to listen on port ${port}; use a port above 1023`
            : error.message;
      reject(new Error(`cannot listen on ${host}:${port}: ${hint}`, { cause: error }));
    };
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
}

async function stopServer(server: Server, timeoutMs: number, logger: Logger): Promise<void> {
  const done = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  const timer = setTimeout(() => {
    logger.warn(
      { timeoutMs },
      'in-flight requests did not finish in time; closing their connections',
    );
    server.closeAllConnections();
  }, timeoutMs);
  await done;
  clearTimeout(timer);
  logger.info('HTTP server closed');
}
