import type { V1Pod } from '@kubernetes/client-node';
import type { ClusterCache } from '../../kube/cluster.js';
import { parseFieldSelector, parseLabelSelector } from '../../kube/selectors.js';

export interface PodFilter {
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
}

const podFields: Record<string, (pod: V1Pod) => string | undefined> = {
  'metadata.name': (p) => p.metadata?.name,
  'metadata.namespace': (p) => p.metadata?.namespace,
  'status.phase': (p) => p.status?.phase,
  'spec.nodeName': (p) => p.spec?.nodeName,
};

/** Pods of the cache that match a namespace, a label selector and a field selector. */
export function selectPods(cache: ClusterCache, filter: PodFilter): V1Pod[] {
  // Parse both first, so a bad selector is reported even when no pod would be tested.
  const labels = filter.labelSelector ? parseLabelSelector(filter.labelSelector) : undefined;
  const fields = filter.fieldSelector
    ? parseFieldSelector(filter.fieldSelector, podFields)
    : undefined;
  const pods = cache.list('pods', filter.namespace);
  if (!labels && !fields) return pods;
  return pods.filter(
    (pod) => (!labels || labels(pod.metadata?.labels)) && (!fields || fields(pod)),
  );
}
