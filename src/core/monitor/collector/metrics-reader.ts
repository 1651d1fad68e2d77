import http from 'node:http';
import https from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';
import { KubeHttpError } from '../../kube/http-json.js';

interface CachedAgent {
  agent: http.Agent;
  key: string;
  createdAt: number;
}

// Credentials from exec plugins and rotated client certificates are picked up at least this often.
const AGENT_MAX_AGE_MS = 10 * 60_000;

/**
 * GETs metrics.k8s.io JSON over a kept-alive connection per cluster. The collector asks every
 * interval; a new TLS handshake each time would cost more than reading 10,000 pods' usage.
 */
export class MetricsReader {
  private readonly agents = new Map<string, CachedAgent>();

  async get<T>(
    cluster: string,
    kubeConfig: KubeConfig,
    path: string,
    timeoutMs: number,
  ): Promise<T> {
    const server = kubeConfig.getCurrentCluster()?.server;
    if (!server) throw new Error('the kubeconfig has no current cluster');
    const url = new URL(server.replace(/\/+$/, '') + path);
    const options: https.RequestOptions = {};
    await kubeConfig.applyToHTTPSOptions(options);
    const agent = this.agentFor(cluster, url, options);
    return new Promise<T>((resolve, reject) => {
      const request = (url.protocol === 'https:' ? https : http).request(
        url,
        {
          method: 'GET',
          agent,
          auth: options.auth,
          headers: { ...options.headers, Accept: 'application/json' },
          signal: AbortSignal.timeout(timeoutMs),
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('error', reject);
          response.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            const status = response.statusCode ?? 0;
            if (status < 200 || status > 299) return reject(new KubeHttpError(status, text));
            try {
              resolve(JSON.parse(text) as T);
            } catch (error) {
              reject(new Error(`the API server sent invalid JSON for ${path}`, { cause: error }));
            }
          });
        },
      );
      request.on('error', reject);
      request.end();
    });
  }

  close(): void {
    for (const { agent } of this.agents.values()) agent.destroy();
    this.agents.clear();
  }

  private agentFor(cluster: string, url: URL, options: https.RequestOptions): http.Agent {
    const tls = {
      ca: options.ca,
      cert: options.cert,
      key: options.key,
      pfx: options.pfx,
      passphrase: options.passphrase,
      servername: options.servername,
      ...(options.rejectUnauthorized !== undefined && {
        rejectUnauthorized: options.rejectUnauthorized,
      }),
    };
    const key = `${url.protocol}|${String(tls.ca ?? '')}|${String(tls.cert ?? '')}`;
    const cached = this.agents.get(cluster);
    if (cached && cached.key === key && Date.now() - cached.createdAt < AGENT_MAX_AGE_MS)
      return cached.agent;
    cached?.agent.destroy();
    const agent =
      url.protocol === 'https:'
        ? new https.Agent({ keepAlive: true, maxSockets: 2, ...tls })
        : new http.Agent({ keepAlive: true, maxSockets: 2 });
    this.agents.set(cluster, { agent, key, createdAt: Date.now() });
    return agent;
  }
}
