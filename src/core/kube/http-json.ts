import http from 'node:http';
import https from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';

export interface GetJsonOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
}

/** An HTTP error with the Kubernetes `Status` body, shaped like client-node's ApiException. */
export class KubeHttpError extends Error {
  constructor(
    readonly code: number,
    readonly body: string,
  ) {
    super(`HTTP ${code}`);
    this.name = 'KubeHttpError';
  }
}

/**
 * GET a path of the API server and parse the JSON, with the kubeconfig's credentials.
 * Used for informer lists: the typed clients turn every object into class instances with Date
 * fields, while watch events stay plain JSON; listing raw keeps the cache one shape (and is faster).
 */
export async function getJson<T>(
  kubeConfig: KubeConfig,
  path: string,
  options: GetJsonOptions = {},
): Promise<T> {
  const cluster = kubeConfig.getCurrentCluster();
  if (!cluster) throw new Error('the kubeconfig has no current cluster');
  const url = new URL(cluster.server.replace(/\/+$/, '') + path);
  const requestOptions: https.RequestOptions = {};
  await kubeConfig.applyToHTTPSOptions(requestOptions);
  const transport = url.protocol === 'https:' ? https : http;
  const signals = [
    options.signal,
    options.timeoutMs ? AbortSignal.timeout(options.timeoutMs) : undefined,
  ].filter((s): s is AbortSignal => s !== undefined);

  return new Promise<T>((resolve, reject) => {
    const request = transport.request(
      url,
      {
        method: 'GET',
        agent: requestOptions.agent,
        auth: requestOptions.auth,
        headers: { ...requestOptions.headers, Accept: 'application/json' },
        signal: signals.length > 0 ? AbortSignal.any(signals) : undefined,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const status = response.statusCode ?? 0;
          if (status < 200 || status > 299) {
            reject(new KubeHttpError(status, text));
            return;
          }
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
