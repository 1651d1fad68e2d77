import type { NodeMetricsList, PodMetricsList } from '@kubernetes/client-node';
import { UserError } from '../../errors/user-error.js';
import type { Cluster } from '../../kube/cluster.js';
import { httpStatusOf, toKubeUserError } from '../../kube/errors.js';
import { getJson } from '../../kube/http-json.js';

const metricsTimeoutMs = 15_000;

/** Pod usage from metrics.k8s.io; `UserError('unavailable')` with a fix when the API is absent. */
export function fetchPodMetrics(
  cluster: Cluster,
  namespace: string | undefined,
  signal: AbortSignal,
): Promise<PodMetricsList> {
  const path = namespace
    ? `/apis/metrics.k8s.io/v1beta1/namespaces/${encodeURIComponent(namespace)}/pods`
    : '/apis/metrics.k8s.io/v1beta1/pods';
  return fetchMetrics<PodMetricsList>(cluster, path, signal);
}

export function fetchNodeMetrics(cluster: Cluster, signal: AbortSignal): Promise<NodeMetricsList> {
  return fetchMetrics<NodeMetricsList>(cluster, '/apis/metrics.k8s.io/v1beta1/nodes', signal);
}

// Raw GET rather than client-node's `Metrics`, which can be neither aborted nor timed out.
async function fetchMetrics<T>(cluster: Cluster, path: string, signal: AbortSignal): Promise<T> {
  try {
    return await getJson<T>(cluster.kubeConfig, path, { signal, timeoutMs: metricsTimeoutMs });
  } catch (error) {
    const status = httpStatusOf(error);
    if (status === 404 || status === 503) {
      throw new UserError(
        'unavailable',
        `The metrics API (metrics.k8s.io) is ${status === 404 ? 'not installed' : 'not answering'} in cluster "${cluster.name}", so CPU and memory use are unknown.`,
        'Install or repair metrics-server (kubectl top needs it too); get_pods and get_docker_containers still work.',
        { cause: error },
      );
    }
    throw toKubeUserError(error, cluster.name, 'reading metrics');
  }
}
