import { createMcpHttpHandler } from '../mcp/index.js';
import { startHttpServer, type HttpServerHandle } from '../server/http-server.js';
import type { ReadinessProbe } from '../server/readiness.js';
import type { Services } from './build-services.js';

export interface StartServeOptions {
  services: Services;
  version: string;
  /** Override `port`/`host` of the config (tests and benchmarks use port 0). */
  port?: number;
  host?: string;
  shutdownTimeoutMs?: number;
}

export interface ServeHandle {
  http: HttpServerHandle;
  /** Where MCP clients connect: `<url>/mcp`. */
  mcpUrl: string;
  /** Stops accepting, finishes in-flight requests, then closes informers and the database. */
  close(): Promise<void>;
}

/** `ai4k8s serve`: one HTTP server with health routes and MCP; later parts mount their routers on `http`. */
export async function startServe(options: StartServeOptions): Promise<ServeHandle> {
  const { services } = options;
  const { config, logger } = services;
  const host = options.host ?? config.host;
  const http = await startHttpServer({
    host,
    port: options.port ?? config.port,
    logger,
    probes: readinessProbes(services),
    trustProxy: config.web.trustProxy,
    shutdownTimeoutMs: options.shutdownTimeoutMs,
  });
  http.mount(
    '/mcp',
    createMcpHttpHandler({
      invoker: services.tools,
      tokens: services.tokens,
      allowWrites: config.mcp.allowWrites,
      guard: { host, port: http.port, allowedOrigins: config.mcp.allowedOrigins },
      logger,
      version: options.version,
    }),
  );
  let closed: Promise<void> | undefined;
  return {
    http,
    mcpUrl: `${http.url}/mcp`,
    close() {
      closed ??= http.close().finally(() => services.close());
      return closed;
    },
  };
}

/** Ready when the database answers and every configured cluster's API server does. */
export function readinessProbes(services: Pick<Services, 'db' | 'clusters'>): ReadinessProbe[] {
  return [
    {
      name: 'database',
      check: async () => {
        await services.db.get('SELECT 1');
        return undefined;
      },
    },
    {
      name: 'clusters',
      check: async () => {
        const down = (await services.clusters.status()).filter((s) => !s.reachable);
        if (down.length === 0) return undefined;
        return down.map((s) => `${s.name} unreachable (${s.error ?? 'no answer'})`).join('; ');
      },
    },
  ];
}
