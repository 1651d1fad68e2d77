// metrics.k8s.io/v1beta1 as metrics-server serves it: PodMetrics and NodeMetrics at the latest
// scrape of the sim clock.
import type { ServerResponse } from 'node:http';
import type { SimCluster } from '../cluster.js';
import type { KubeObject, Pod } from '../objects/types.js';
import { isoSeconds } from '../util/duration.js';
import { formatKi, formatNanoCores } from '../util/quantity.js';
import { sendJson } from './http-util.js';
import { selectorMatcher } from './list.js';
import type { ResourceRoute } from './router.js';
import { ApiError, methodNotAllowed } from './status.js';

const WINDOW = '15s';

export function handleMetrics(
  res: ServerResponse,
  method: string,
  cluster: SimCluster,
  r: ResourceRoute,
  query: URLSearchParams,
): void {
  if (method !== 'GET') throw methodNotAllowed();
  if (r.subresource)
    throw new ApiError(404, 'NotFound', 'the server could not find the requested resource');
  const now = cluster.apiNow();
  const at = cluster.metrics.scrapeTime(now);
  const timestamp = isoSeconds(at);
  const match = selectorMatcher(r.def, query);
  if (r.def.plural === 'pods') {
    const item = (pod: Pod): Record<string, unknown> | undefined => {
      const usage = cluster.metrics.podUsage(pod, at);
      if (!usage) return undefined;
      return {
        metadata: {
          name: pod.metadata.name,
          namespace: pod.metadata.namespace,
          creationTimestamp: isoSeconds(now),
          ...(pod.metadata.labels ? { labels: pod.metadata.labels } : {}),
        },
        timestamp,
        window: WINDOW,
        containers: usage.map((c) => ({
          name: c.name,
          usage: { cpu: formatNanoCores(c.cpu), memory: formatKi(c.memory) },
        })),
      };
    };
    if (r.name) {
      const pod = cluster.store.get('pods', r.namespace, r.name) as Pod | undefined;
      const m = pod ? item(pod) : undefined;
      if (!m)
        throw new ApiError(
          404,
          'NotFound',
          `podmetrics.metrics.k8s.io "${r.namespace}/${r.name}" not found`,
          { name: `${r.namespace}/${r.name}`, group: 'metrics.k8s.io', kind: 'pods' },
        );
      return sendJson(res, 200, { kind: 'PodMetrics', apiVersion: 'metrics.k8s.io/v1beta1', ...m });
    }
    const items = (cluster.store.list('pods', r.namespace) as Pod[])
      .filter(match)
      .map(item)
      .filter((x) => x !== undefined);
    return sendJson(res, 200, {
      kind: 'PodMetricsList',
      apiVersion: 'metrics.k8s.io/v1beta1',
      metadata: {},
      items,
    });
  }
  const totals = cluster.metrics.podTotalsByNode(at);
  const nodeItem = (node: KubeObject): Record<string, unknown> | undefined => {
    const u = cluster.metrics.nodeUsage(node, at, totals);
    if (!u) return undefined;
    return {
      metadata: {
        name: node.metadata.name,
        creationTimestamp: isoSeconds(now),
        ...(node.metadata.labels ? { labels: node.metadata.labels } : {}),
      },
      timestamp,
      window: '20s',
      usage: { cpu: formatNanoCores(u.cpu), memory: formatKi(u.memory) },
    };
  };
  if (r.name) {
    const node = cluster.store.get('nodes', undefined, r.name);
    const m = node ? nodeItem(node) : undefined;
    if (!m)
      throw new ApiError(404, 'NotFound', `nodemetrics.metrics.k8s.io "${r.name}" not found`, {
        name: r.name,
        group: 'metrics.k8s.io',
        kind: 'nodes',
      });
    return sendJson(res, 200, { kind: 'NodeMetrics', apiVersion: 'metrics.k8s.io/v1beta1', ...m });
  }
  const items = cluster.store
    .list('nodes')
    .filter(match)
    .map(nodeItem)
    .filter((x) => x !== undefined);
  sendJson(res, 200, {
    kind: 'NodeMetricsList',
    apiVersion: 'metrics.k8s.io/v1beta1',
    metadata: {},
    items,
  });
}
