import type { V1Node, V1Pod } from '@kubernetes/client-node';
import type { Cluster } from '../../kube/cluster.js';
import { httpStatusOf } from '../../kube/errors.js';
import type { Logger } from '../../log/logger.js';
import { toMillis } from '../../tools/render/age.js';
import { parseQuantity } from '../../tools/render/quantity.js';
import type { SeriesStore } from '../series/series-store.js';
import { seriesObject, type StepMetric } from '../series/series-key.js';
import { MetricsReader } from './metrics-reader.js';

interface PodMetrics {
  metadata: { name: string; namespace: string };
  timestamp: string;
  containers: Array<{ name: string; usage: { cpu?: string; memory?: string } }>;
}

interface NodeMetrics {
  metadata: { name: string };
  timestamp: string;
  usage: { cpu?: string; memory?: string };
}

export interface CollectStats {
  cluster: string;
  podSamples: number;
  nodeSamples: number;
  /** Objects whose metrics timestamp had not moved since the last collection. */
  unchanged: number;
  /** Set when metrics.k8s.io could not be read (state from the cache was still collected). */
  metricsError?: string;
}

export interface MetricsCollectorOptions {
  store: SeriesStore;
  now: () => Date;
  logger?: Logger;
}

const STATE_REFRESH_MS = 3_600_000;
const podMetricsPath = '/apis/metrics.k8s.io/v1beta1/pods';
const nodeMetricsPath = '/apis/metrics.k8s.io/v1beta1/nodes';

/**
 * One collection cycle per call: pod and node usage from metrics.k8s.io, kept only when its
 * timestamp is new (metrics-server refreshes on its own schedule), plus requests, limits,
 * restarts and node conditions from the informer cache (stored only when they change).
 */
export class MetricsCollector {
  /** Per cluster: object -> timestamp of its last stored usage sample. */
  private readonly lastSeen = new Map<string, Map<string, number>>();
  private readonly warned = new Set<string>();
  private readonly reader = new MetricsReader();
  /** Per cluster: pod uid -> resourceVersion and time of its last state recording. */
  private readonly stateSeen = new Map<string, Map<string, { rv: string; at: number }>>();

  constructor(private readonly options: MetricsCollectorOptions) {}

  async collect(cluster: Pick<Cluster, 'name' | 'kubeConfig' | 'cache'>): Promise<CollectStats> {
    const stats: CollectStats = {
      cluster: cluster.name,
      podSamples: 0,
      nodeSamples: 0,
      unchanged: 0,
    };
    const previous = this.lastSeen.get(cluster.name) ?? new Map<string, number>();
    // Rebuilt every cycle, so deleted pods do not pile up.
    const seen = new Map<string, number>();
    try {
      const [pods, nodes] = await Promise.all([
        this.reader.get<{ items?: PodMetrics[] }>(
          cluster.name,
          cluster.kubeConfig,
          podMetricsPath,
          30_000,
        ),
        this.reader.get<{ items?: NodeMetrics[] }>(
          cluster.name,
          cluster.kubeConfig,
          nodeMetricsPath,
          30_000,
        ),
      ]);
      this.recordPods(cluster.name, pods.items ?? [], previous, seen, stats);
      this.recordNodes(cluster.name, nodes.items ?? [], previous, seen, stats);
      this.warned.delete(cluster.name);
    } catch (error) {
      stats.metricsError = metricsErrorText(error);
      if (!this.warned.has(cluster.name)) {
        this.warned.add(cluster.name);
        this.options.logger?.warn(
          { cluster: cluster.name, err: stats.metricsError },
          'cannot read metrics.k8s.io; usage is not collected',
        );
      }
      for (const [k, v] of previous) seen.set(k, v);
    }
    this.lastSeen.set(cluster.name, seen);
    const now = this.options.now().getTime();
    const before =
      this.stateSeen.get(cluster.name) ?? new Map<string, { rv: string; at: number }>();
    const after = new Map<string, { rv: string; at: number }>();
    for (const pod of cluster.cache.list('pods')) {
      const uid = pod.metadata?.uid ?? '';
      const rv = pod.metadata?.resourceVersion ?? '';
      const last = before.get(uid);
      // An unchanged pod has unchanged requests, limits and restarts; it is re-read hourly anyway.
      if (last && last.rv === rv && now - last.at < STATE_REFRESH_MS) {
        after.set(uid, last);
        continue;
      }
      this.recordPodState(cluster.name, pod, now);
      after.set(uid, { rv, at: now });
    }
    this.stateSeen.set(cluster.name, after);
    for (const node of cluster.cache.list('nodes')) this.recordNodeState(cluster.name, node, now);
    return stats;
  }

  /** Closes the kept-alive connections. */
  close(): void {
    this.reader.close();
  }

  private recordPods(
    cluster: string,
    items: PodMetrics[],
    previous: Map<string, number>,
    seen: Map<string, number>,
    stats: CollectStats,
  ): void {
    const store = this.options.store;
    for (const m of items) {
      const { namespace, name } = m.metadata;
      const object = seriesObject.pod(namespace, name);
      const t = toMillis(m.timestamp);
      if (t === undefined) continue;
      seen.set(object, t);
      if (previous.get(object) === t) {
        stats.unchanged++;
        continue;
      }
      let cpu = 0;
      let memory = 0;
      for (const c of m.containers) {
        const cc = parseQuantity(c.usage.cpu) ?? 0;
        const cm = parseQuantity(c.usage.memory) ?? 0;
        cpu += cc;
        memory += cm;
        if (m.containers.length > 1) {
          const container = seriesObject.container(namespace, name, c.name);
          store.record({ cluster, object: container, metric: 'cpu' }, t, cc);
          store.record({ cluster, object: container, metric: 'memory' }, t, cm);
        }
      }
      store.record({ cluster, object, metric: 'cpu' }, t, cpu);
      store.record({ cluster, object, metric: 'memory' }, t, memory);
      stats.podSamples++;
    }
  }

  private recordNodes(
    cluster: string,
    items: NodeMetrics[],
    previous: Map<string, number>,
    seen: Map<string, number>,
    stats: CollectStats,
  ): void {
    for (const m of items) {
      const object = seriesObject.node(m.metadata.name);
      const t = toMillis(m.timestamp);
      if (t === undefined) continue;
      seen.set(object, t);
      if (previous.get(object) === t) {
        stats.unchanged++;
        continue;
      }
      this.options.store.record(
        { cluster, object, metric: 'cpu' },
        t,
        parseQuantity(m.usage.cpu) ?? 0,
      );
      this.options.store.record(
        { cluster, object, metric: 'memory' },
        t,
        parseQuantity(m.usage.memory) ?? 0,
      );
      stats.nodeSamples++;
    }
  }

  private recordPodState(cluster: string, pod: V1Pod, now: number): void {
    const namespace = pod.metadata?.namespace ?? '';
    const name = pod.metadata?.name ?? '';
    const containers = pod.spec?.containers ?? [];
    const step = (object: string, metric: StepMetric, value: number | undefined) => {
      if (value !== undefined)
        this.options.store.recordStep({ cluster, object, metric }, now, value);
    };
    const totals: Partial<Record<StepMetric, number>> = {};
    // A pod-level limit exists only if every container has one (otherwise the pod is unbounded).
    const sum = (metric: StepMetric, value: number | undefined, all: boolean) => {
      if (value === undefined) {
        if (all) totals[metric] = Number.NaN;
        return;
      }
      totals[metric] = (totals[metric] ?? 0) + value;
    };
    const restartsByContainer = new Map(
      (pod.status?.containerStatuses ?? []).map((s) => [s.name, s.restartCount ?? 0]),
    );
    for (const c of containers) {
      const requests = c.resources?.requests ?? {};
      const limits = c.resources?.limits ?? {};
      const values: Array<[StepMetric, number | undefined, boolean]> = [
        ['cpu_request', parseQuantity(requests.cpu), false],
        ['memory_request', parseQuantity(requests.memory), false],
        ['cpu_limit', parseQuantity(limits.cpu), true],
        ['memory_limit', parseQuantity(limits.memory), true],
        ['restarts', restartsByContainer.get(c.name), false],
      ];
      for (const [metric, value, all] of values) {
        sum(metric, value, all);
        if (containers.length > 1)
          step(seriesObject.container(namespace, name, c.name), metric, value);
      }
    }
    const object = seriesObject.pod(namespace, name);
    for (const [metric, value] of Object.entries(totals) as Array<[StepMetric, number]>) {
      if (!Number.isNaN(value)) step(object, metric, value);
    }
  }

  private recordNodeState(cluster: string, node: V1Node, now: number): void {
    const object = seriesObject.node(node.metadata?.name ?? '');
    const step = (metric: StepMetric, value: number | undefined) => {
      if (value !== undefined)
        this.options.store.recordStep({ cluster, object, metric }, now, value);
    };
    step('cpu_allocatable', parseQuantity(node.status?.allocatable?.cpu));
    step('memory_allocatable', parseQuantity(node.status?.allocatable?.memory));
    const conditions: Record<string, StepMetric> = {
      Ready: 'ready',
      MemoryPressure: 'memory_pressure',
      DiskPressure: 'disk_pressure',
      PIDPressure: 'pid_pressure',
    };
    for (const c of node.status?.conditions ?? []) {
      const metric = conditions[c.type];
      if (metric) step(metric, c.status === 'True' ? 1 : 0);
    }
  }
}

function metricsErrorText(error: unknown): string {
  const status = httpStatusOf(error);
  if (status === 404) return 'metrics.k8s.io is not served (is metrics-server installed?)';
  if (status === 503) return 'metrics.k8s.io is unavailable (metrics-server not ready)';
  return error instanceof Error ? error.message : String(error);
}
