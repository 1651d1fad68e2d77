import type { V1Pod } from '@kubernetes/client-node';
import { isUserError } from '../../core/errors/user-error.js';
import type { Cluster } from '../../core/kube/cluster.js';
import { fetchPodMetrics } from '../../core/tools/read/fetch-metrics.js';
import { parseQuantity } from '../../core/tools/render/quantity.js';

export interface Consumer {
  namespace: string;
  name: string;
  cpuCores: number;
  memoryBytes: number;
  cpuLimit?: number;
  memoryLimit?: number;
}

export interface TopConsumers {
  byMemory: Consumer[];
  byCpu: Consumer[];
  /** Why usage is unknown (no metrics API), when it is. */
  error?: string;
}

interface Cached {
  at: number;
  value: Promise<TopConsumers>;
}

/**
 * The pods using the most memory and CPU, from metrics.k8s.io. metrics-server refreshes every
 * 15 s or so, so one read serves every page view in that time (and concurrent views share it).
 */
export class TopConsumersReader {
  private readonly cache = new Map<string, Cached>();

  constructor(
    private readonly options: { ttlMs?: number; count?: number; now?: () => number } = {},
  ) {}

  get(cluster: Cluster): Promise<TopConsumers> {
    const now = (this.options.now ?? Date.now)();
    const cached = this.cache.get(cluster.name);
    if (cached && now - cached.at < (this.options.ttlMs ?? 15_000)) return cached.value;
    const value = this.read(cluster);
    this.cache.set(cluster.name, { at: now, value });
    return value;
  }

  private async read(cluster: Cluster): Promise<TopConsumers> {
    const count = this.options.count ?? 5;
    let items;
    try {
      items = (await fetchPodMetrics(cluster, undefined, AbortSignal.timeout(10_000))).items ?? [];
    } catch (error) {
      this.cache.delete(cluster.name);
      return {
        byMemory: [],
        byCpu: [],
        error: isUserError(error) ? error.message : 'CPU and memory use could not be read.',
      };
    }
    const rows = items.map((item): Consumer => {
      const pod = cluster.cache.get('pods', item.metadata.namespace, item.metadata.name);
      let cpu = 0;
      let memory = 0;
      for (const c of item.containers) {
        cpu += parseQuantity(c.usage.cpu) ?? 0;
        memory += parseQuantity(c.usage.memory) ?? 0;
      }
      return {
        namespace: item.metadata.namespace,
        name: item.metadata.name,
        cpuCores: cpu,
        memoryBytes: memory,
        cpuLimit: podLimit(pod, 'cpu'),
        memoryLimit: podLimit(pod, 'memory'),
      };
    });
    return {
      byMemory: top(rows, (r) => r.memoryBytes, count),
      byCpu: top(rows, (r) => r.cpuCores, count),
    };
  }
}

function top(rows: Consumer[], by: (r: Consumer) => number, count: number): Consumer[] {
  return [...rows].sort((a, b) => by(b) - by(a)).slice(0, count);
}

/** The pod's limit: the sum over containers, or undefined when one container has none. */
function podLimit(pod: V1Pod | undefined, resource: 'cpu' | 'memory'): number | undefined {
  const containers = pod?.spec?.containers ?? [];
  if (containers.length === 0) return undefined;
  let sum = 0;
  for (const c of containers) {
    const limit = parseQuantity(c.resources?.limits?.[resource]);
    if (limit === undefined) return undefined;
    sum += limit;
  }
  return sum;
}
