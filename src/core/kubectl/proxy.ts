import { randomBytes } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../log/logger.js';
import type { Risk } from '../policy/roles.js';
import type { Cluster } from '../kube/cluster.js';
import { backwardHeaders, forwardHeaders } from './forward-headers.js';
import { sendStatus } from './k8s-status.js';
import { relayResponse } from './relay-response.js';
import { refuseRequest } from './request-policy.js';
import { upstreamKubeConfig } from './upstream-kubeconfig.js';

export interface KubectlProxyOptions {
  logger: Logger;
  /** Largest non-streaming response body the proxy will buffer to redact. */
  maxResponseBytes?: number;
}

/** What one kubectl run may do through the proxy: one cluster, one risk class, until revoked. */
export interface ProxyGrant {
  token: string;
  /** The server address for the run's kubeconfig; it carries the token. */
  server: string;
  revoke(): void;
}

interface GrantState {
  cluster: Cluster;
  risk: Risk;
}

/**
 * The only way kubectl reaches a cluster: a loopback HTTP server holding the real credentials.
 * Each run gets a one-time token bound to a cluster and a risk class; the proxy allows only that
 * class's HTTP methods and redacts Secret values and secret-named env values in every answer.
 * The token travels in the server URL's path (`/t/TOKEN/api/...`), because kubectl 1.35 does not
 * send a bearer token over plain HTTP, and loopback needs no TLS.
 */
export class KubectlProxy {
  private readonly grants = new Map<string, GrantState>();

  private constructor(
    private readonly server: http.Server,
    readonly url: string,
    private readonly options: Required<KubectlProxyOptions>,
  ) {}

  static async start(options: KubectlProxyOptions): Promise<KubectlProxy> {
    const server = http.createServer();
    const resolved = { maxResponseBytes: 256 * 1024 * 1024, ...options };
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const { port } = server.address() as AddressInfo;
    const proxy = new KubectlProxy(server, `http://127.0.0.1:${port}`, resolved);
    server.on('request', (req, res) => {
      proxy.handle(req, res).catch((error: unknown) => {
        resolved.logger.error({ err: error, path: req.url }, 'kubectl proxy failed on a request');
        if (!res.headersSent)
          sendStatus(res, 502, 'InternalError', 'the AI4K8s proxy failed on this request');
        else res.destroy();
      });
    });
    // WebSocket and SPDY upgrades (exec, attach, port-forward) never pass.
    server.on('upgrade', (_req, socket) => {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    });
    return proxy;
  }

  grant(cluster: Cluster, risk: Risk): ProxyGrant {
    const token = randomBytes(32).toString('base64url');
    this.grants.set(token, { cluster, risk });
    return { token, server: `${this.url}/t/${token}`, revoke: () => this.grants.delete(token) };
  }

  async close(): Promise<void> {
    this.grants.clear();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const { grant, path } = this.authorize(req.url ?? '/');
    if (!grant) {
      sendStatus(res, 401, 'Unauthorized', 'the AI4K8s kubectl proxy needs a valid one-time token');
      return;
    }
    const refusal = refuseRequest(req.method, path, grant.risk, req.headers);
    if (refusal) {
      this.options.logger.warn(
        { method: req.method, path, risk: grant.risk },
        'kubectl proxy refused a request',
      );
      sendStatus(res, 403, 'Forbidden', `AI4K8s refused this request: ${refusal}`);
      return;
    }
    await this.forward(grant.cluster, path, req, res);
  }

  /** The token is the first path segment under /t/; the rest is the Kubernetes API path. */
  private authorize(url: string): { grant?: GrantState; path: string } {
    const match = /^\/t\/([A-Za-z0-9_-]+)(\/.*)?$/.exec(url);
    if (!match?.[1]) return { path: url };
    return { grant: this.grants.get(match[1]), path: match[2] ?? '/' };
  }

  private async forward(
    cluster: Cluster,
    path: string,
    req: http.IncomingMessage,
    res: http.ServerResponse,
  ): Promise<void> {
    const server = cluster.kubeConfig.getCurrentCluster()?.server;
    if (!server) {
      sendStatus(res, 503, 'ServiceUnavailable', `cluster "${cluster.name}" has no server address`);
      return;
    }
    const target = new URL(server.replace(/\/+$/, '') + path);
    const options: https.RequestOptions = {
      method: req.method,
      headers: forwardHeaders(req.headers),
    };
    await upstreamKubeConfig(cluster.kubeConfig).applyToHTTPSOptions(options);
    const send = target.protocol === 'https:' ? https.request : http.request;
    const upstream = send(target, options, (answer) => {
      res.statusCode = answer.statusCode ?? 502;
      for (const [name, value] of Object.entries(backwardHeaders(answer.headers))) {
        if (value !== undefined) res.setHeader(name, value);
      }
      relayResponse({
        answer,
        res,
        target,
        maxBytes: this.options.maxResponseBytes,
        logger: this.options.logger,
      });
    });
    upstream.on('error', (error) => {
      this.options.logger.warn(
        { err: error, cluster: cluster.name },
        'kubectl proxy could not reach the cluster',
      );
      if (!res.headersSent) {
        sendStatus(
          res,
          503,
          'ServiceUnavailable',
          `cluster "${cluster.name}" could not be reached: ${error.message}`,
        );
      } else res.destroy();
    });
    // kubectl gone (timeout, output cap): stop the upstream request too.
    res.on('close', () => upstream.destroy());
    req.pipe(upstream);
  }
}
