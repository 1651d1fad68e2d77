import type { V1Node, V1Pod } from '@kubernetes/client-node';
import type { AlertSubject } from '../../alerts/alert.js';
import type { ClusterCache } from '../../kube/cluster.js';
import { parseQuantity } from '../../tools/render/quantity.js';
import { workloadOf } from '../analyzers/workload-of.js';
import { seriesObject, type SeriesKey } from '../series/series-key.js';
import type { UsageUnit } from './format.js';

/** What forecasts need of a cluster: its name and informer cache (a `Cluster` fits). */
export interface ForecastCluster {
  name: string;
  cache: Pick<ClusterCache, 'list' | 'get'>;
}

/** What running out means for a series with a limit: the reason of its predictive alert. */
export type LimitKind = 'container-memory' | 'node-memory' | 'node-cpu';

export const predictiveReasons: Record<LimitKind, string> = {
  'container-memory': 'PredictedOOM',
  'node-memory': 'NodeMemoryExhaustion',
  'node-cpu': 'NodeCPUExhaustion',
};

/** One usage series of a live object, and the limit it must stay under, if any. */
export interface UsageTarget {
  key: SeriesKey;
  unit: UsageUnit;
  limit?: { kind: LimitKind; value: number; subject: AlertSubject };
  /** `shop/cart-7d9`, `shop/cart-7d9 (container cart)`, `node worker-1`. */
  label: string;
  /** Set for pod and container series. */
  pod?: { namespace: string; name: string; container?: string };
  node?: string;
}

/**
 * Every usage series the collector writes for the running pods and the nodes of one cluster
 * (pod series, container series of multi-container pods, node series), with the limits that
 * matter: each container's memory limit (on the series that is that container's) and each
 * node's allocatable memory and CPU.
 */
export function usageTargets(
  cluster: string,
  cache: Pick<ClusterCache, 'list' | 'get'>,
): UsageTarget[] {
  const targets: UsageTarget[] = [];
  for (const pod of cache.list('pods')) {
    if (pod.status?.phase !== 'Running') continue;
    targets.push(...podTargets(cluster, pod, cache));
  }
  for (const node of cache.list('nodes')) targets.push(...nodeTargets(cluster, node));
  return targets;
}

/** The usage series of one pod (and of its containers, when it has several). */
export function podTargets(
  cluster: string,
  pod: V1Pod,
  cache: Pick<ClusterCache, 'get'>,
): UsageTarget[] {
  const namespace = pod.metadata?.namespace ?? '';
  const name = pod.metadata?.name ?? '';
  const containers = pod.spec?.containers ?? [];
  const object = seriesObject.pod(namespace, name);
  const label = `${namespace}/${name}`;
  const out: UsageTarget[] = [];
  const single = containers.length === 1;
  let subject: AlertSubject | undefined;
  const subjectOf = () => (subject ??= { cluster, ...workloadOf(pod, cache) });
  const memoryLimit = (c: (typeof containers)[number]) =>
    parseQuantity(c.resources?.limits?.memory);
  const limitOn = (value: number | undefined) =>
    value !== undefined && value > 0
      ? { limit: { kind: 'container-memory' as const, value, subject: subjectOf() } }
      : {};

  const podRef = { namespace, name };
  out.push({ key: { cluster, object, metric: 'cpu' }, unit: 'cores', label, pod: podRef });
  out.push({
    key: { cluster, object, metric: 'memory' },
    unit: 'bytes',
    label,
    pod: podRef,
    // A single container's series is the pod's: its limit applies there.
    ...(single && containers[0] ? limitOn(memoryLimit(containers[0])) : {}),
  });
  if (single) return out;
  for (const c of containers) {
    const container = seriesObject.container(namespace, name, c.name);
    const ref = { namespace, name, container: c.name };
    const clabel = `${label} (container ${c.name})`;
    out.push({
      key: { cluster, object: container, metric: 'cpu' },
      unit: 'cores',
      label: clabel,
      pod: ref,
    });
    out.push({
      key: { cluster, object: container, metric: 'memory' },
      unit: 'bytes',
      label: clabel,
      pod: ref,
      ...limitOn(memoryLimit(c)),
    });
  }
  return out;
}

/** A node's memory and CPU series, limited by its allocatable. */
export function nodeTargets(cluster: string, node: V1Node): UsageTarget[] {
  const name = node.metadata?.name ?? '';
  const object = seriesObject.node(name);
  const subject: AlertSubject = { cluster, kind: 'Node', namespace: '', name };
  const label = `node ${name}`;
  const memory = parseQuantity(node.status?.allocatable?.memory);
  const cpu = parseQuantity(node.status?.allocatable?.cpu);
  return [
    {
      key: { cluster, object, metric: 'memory' },
      unit: 'bytes',
      label,
      node: name,
      ...(memory ? { limit: { kind: 'node-memory' as const, value: memory, subject } } : {}),
    },
    {
      key: { cluster, object, metric: 'cpu' },
      unit: 'cores',
      label,
      node: name,
      ...(cpu ? { limit: { kind: 'node-cpu' as const, value: cpu, subject } } : {}),
    },
  ];
}
