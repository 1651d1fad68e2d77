// What metrics-server would report: per-container usage from the usage models (clamped to the
// container's limits) at the latest 15-second scrape, and node usage summed from its pods.
import type { Behaviours } from '../behaviour/behaviours.js';
import { cpuLimit, memoryLimit } from '../behaviour/behaviours.js';
import { usageAt } from '../behaviour/usage-models.js';
import type { FaultManager } from '../behaviour/faults.js';
import type { Kubelet } from '../controllers/kubelet.js';
import type { KubeObject, Pod } from '../objects/types.js';
import type { ObjectStore } from '../store/object-store.js';
import { parseQuantity } from '../util/quantity.js';
import { unitHash } from '../util/random.js';

export const SCRAPE_MS = 15_000;

export interface ContainerUsage {
  name: string;
  cpu: number;
  memory: number;
}

export class MetricsSource {
  constructor(
    private readonly store: ObjectStore,
    private readonly kubelet: Kubelet,
    private readonly behaviours: Behaviours,
    private readonly faults: FaultManager,
  ) {}

  /** Time of the latest scrape at or before `now`. */
  scrapeTime(now: number): number {
    return Math.floor(now / SCRAPE_MS) * SCRAPE_MS;
  }

  /** Usage of the running containers of a pod, or undefined when metrics-server has none. */
  podUsage(pod: Pod, at: number): ContainerUsage[] | undefined {
    const rt = this.kubelet.runtime(pod.metadata.uid);
    if (!rt || this.faults.nodeDown(rt.node) || pod.status?.phase !== 'Running') return undefined;
    const out: ContainerUsage[] = [];
    for (const c of rt.containers) {
      const inst = c.current;
      if (c.phase !== 'running' || !inst || inst.startedAt > at) continue;
      const spec = pod.spec.containers.find((x) => x.name === c.name);
      if (!spec) continue;
      const b = this.behaviours.resolve(pod, spec);
      const key = `${pod.metadata.uid}/${c.name}`;
      const memCap = memoryLimit(spec);
      // Just below the limit at most: reaching it is the OOM kill, which the kubelet handles.
      const memory = usageAt(
        b.memory,
        at,
        inst.startedAt,
        `${key}/m`,
        memCap !== undefined ? memCap - 4096 : undefined,
      );
      const cpu = usageAt(b.cpu, at, inst.startedAt, `${key}/c`, cpuLimit(spec));
      out.push({ name: c.name, cpu, memory });
    }
    return out.length > 0 ? out : undefined;
  }

  /** Sum of pod usage per node, in one pass over the pods. */
  podTotalsByNode(at: number): Map<string, { cpu: number; memory: number }> {
    const totals = new Map<string, { cpu: number; memory: number }>();
    for (const p of this.store.list('pods')) {
      const pod = p as Pod;
      const node = pod.spec.nodeName;
      if (!node) continue;
      for (const c of this.podUsage(pod, at) ?? []) {
        const t = totals.get(node) ?? { cpu: 0, memory: 0 };
        t.cpu += c.cpu;
        t.memory += c.memory;
        totals.set(node, t);
      }
    }
    return totals;
  }

  nodeUsage(
    node: KubeObject,
    at: number,
    totals = this.podTotalsByNode(at),
  ): { cpu: number; memory: number } | undefined {
    if (this.faults.nodeDown(node.metadata.name)) return undefined;
    const capacity = (node.status?.capacity as Record<string, string> | undefined) ?? {};
    const capCpu = parseQuantity(capacity.cpu ?? '1');
    const capMem = parseQuantity(capacity.memory ?? '1Gi');
    // System daemons (kubelet, containerd, OS) use some of the node as well.
    const jitter = unitHash(node.metadata.name, Math.floor(at / SCRAPE_MS));
    const pods = totals.get(node.metadata.name) ?? { cpu: 0, memory: 0 };
    const cpu = capCpu * (0.03 + 0.01 * jitter) + pods.cpu;
    const memory = capMem * 0.06 + 200 * 2 ** 20 * jitter + pods.memory;
    return { cpu: Math.min(cpu, capCpu), memory: Math.min(memory, capMem) };
  }
}
