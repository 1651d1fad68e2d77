import type { V1Pod } from '@kubernetes/client-node';
import type { ClusterCache } from '../../kube/cluster.js';
import { parseQuantity } from '../../tools/render/quantity.js';
import { workloadKey, workloadOf, type WorkloadRef } from '../analyzers/workload-of.js';
import { seriesObject, type SeriesKey } from '../series/series-key.js';
import type { RollupPoint, SeriesStore } from '../series/series-store.js';
import {
  defaultRightSizeSettings,
  rightSize,
  type ResourceSpec,
  type RightSizeSettings,
  type RightSizing,
  type UsageStats,
} from './right-size.js';
import { usageStats, type ContainerRollups } from './usage-stats.js';

/** The right-sizing of one container of one workload, pooled over its running replicas. */
export interface WorkloadRecommendation {
  workload: WorkloadRef;
  container: string;
  pods: number;
  spec: ResourceSpec;
  stats?: UsageStats;
  sizing?: RightSizing;
}

export interface RecommendOptions {
  store: Pick<SeriesStore, 'readRollup'>;
  cache: Pick<ClusterCache, 'list' | 'get'>;
  cluster: string;
  /** Only this namespace (all when absent). */
  namespace?: string;
  /** Only this workload (`Deployment/shop/cart` as `workloadKey` writes it). */
  workload?: string;
  now: number;
  /** How far back usage is read (the rollup retention, 8 days by default). */
  lookbackMs: number;
  settings?: RightSizeSettings;
}

interface Group {
  workload: WorkloadRef;
  container: string;
  pods: V1Pod[];
  keys: Array<{ cpu: SeriesKey; memory: SeriesKey }>;
}

const READ_BATCH = 32;

/** Right-sizing for every container of every workload with running pods (in a namespace). */
export async function recommendWorkloads(
  options: RecommendOptions,
): Promise<WorkloadRecommendation[]> {
  const groups = new Map<string, Group>();
  for (const pod of options.cache.list('pods', options.namespace)) {
    if (pod.status?.phase !== 'Running') continue;
    const workload = workloadOf(pod, options.cache);
    if (options.workload !== undefined && workloadKey(workload) !== options.workload) continue;
    const namespace = pod.metadata?.namespace ?? '';
    const name = pod.metadata?.name ?? '';
    const containers = pod.spec?.containers ?? [];
    for (const c of containers) {
      const object =
        containers.length === 1
          ? seriesObject.pod(namespace, name)
          : seriesObject.container(namespace, name, c.name);
      const id = `${workloadKey(workload)}\u0000${c.name}`;
      let group = groups.get(id);
      if (!group) groups.set(id, (group = { workload, container: c.name, pods: [], keys: [] }));
      group.pods.push(pod);
      group.keys.push({
        cpu: { cluster: options.cluster, object, metric: 'cpu' },
        memory: { cluster: options.cluster, object, metric: 'memory' },
      });
    }
  }
  const from = options.now - options.lookbackMs;
  const read = (key: SeriesKey) => options.store.readRollup(key, from, options.now);
  const out: WorkloadRecommendation[] = [];
  const all = [...groups.values()];
  for (let i = 0; i < all.length; i += READ_BATCH) {
    const batch = all.slice(i, i + READ_BATCH);
    const rollups = await Promise.all(
      batch.map(async (g): Promise<ContainerRollups> => ({
        cpu: await Promise.all(g.keys.map((k) => read(k.cpu))),
        memory: await Promise.all(g.keys.map((k) => read(k.memory))),
      })),
    );
    batch.forEach((g, j) =>
      out.push(
        recommendationOf(
          g,
          rollups[j] as ContainerRollups,
          options.settings ?? defaultRightSizeSettings,
        ),
      ),
    );
  }
  return out;
}

function recommendationOf(
  group: Group,
  rollups: ContainerRollups,
  settings: RightSizeSettings,
): WorkloadRecommendation {
  const spec = specOf(newest(group.pods), group.container);
  const stats = usageStats(nonEmpty(rollups));
  const base = {
    workload: group.workload,
    container: group.container,
    pods: group.pods.length,
    spec,
  };
  return stats ? { ...base, stats, sizing: rightSize(spec, stats, settings) } : base;
}

function nonEmpty(r: ContainerRollups): ContainerRollups {
  return {
    cpu: r.cpu.filter((s: RollupPoint[]) => s.length > 0),
    memory: r.memory.filter((s) => s.length > 0),
  };
}

/** During a rollout replicas differ; the newest pod has the spec that will stay. */
function newest(pods: V1Pod[]): V1Pod {
  const created = (p: V1Pod) => Date.parse(String(p.metadata?.creationTimestamp ?? '')) || 0;
  return pods.reduce((a, b) => (created(b) > created(a) ? b : a));
}

function specOf(pod: V1Pod, container: string): ResourceSpec {
  const c = pod.spec?.containers?.find((x) => x.name === container);
  const spec: ResourceSpec = {};
  const set = (key: keyof ResourceSpec, value: string | undefined) => {
    const n = parseQuantity(value);
    if (n !== undefined) spec[key] = n;
  };
  set('cpuRequest', c?.resources?.requests?.cpu);
  set('cpuLimit', c?.resources?.limits?.cpu);
  set('memoryRequest', c?.resources?.requests?.memory);
  set('memoryLimit', c?.resources?.limits?.memory);
  return spec;
}
