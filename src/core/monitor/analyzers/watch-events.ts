import type { CoreV1Event, V1Deployment, V1Node, V1Pod } from '@kubernetes/client-node';
import type { CacheChange, ClusterCache } from '../../kube/cluster.js';
import type { WorkloadMemory } from './evaluate-workload.js';
import { nodeIsDown } from './node-findings.js';
import { splitPodKey, type WorkloadIndex } from './workload-index.js';
import { workloadKey } from './workload-of.js';

export function nodeKey(name: string): string {
  return `Node//${name}`;
}

/**
 * Turns one watch event into the groups (workloads, nodes) it may change, keeping the workload
 * index and the analyzer's memory of back-offs and restarts up to date on the way.
 */
export class WatchEvents {
  private readonly nodeReady = new Map<string, boolean>();

  constructor(
    private readonly cache: Pick<ClusterCache, 'get'>,
    private readonly index: WorkloadIndex,
    private readonly memory: WorkloadMemory,
    private readonly now: () => number,
  ) {}

  /** Records node readiness from a full list (so the next change is recognised as one). */
  sawNode(node: V1Node): void {
    this.nodeReady.set(node.metadata?.name ?? '', !nodeIsDown(node));
  }

  /** The keys of the groups to re-evaluate. */
  affected(change: CacheChange): string[] {
    switch (change.kind) {
      case 'pods':
        return this.pod(change.object as V1Pod, change.type);
      case 'deployments': {
        const d = change.object as V1Deployment;
        const ref = {
          kind: 'Deployment',
          namespace: d.metadata?.namespace ?? '',
          name: d.metadata?.name ?? '',
        };
        return [workloadKey(this.index.intern(ref))];
      }
      case 'nodes':
        return this.node(change.object as V1Node, change.type);
      case 'events': {
        const e = change.object as CoreV1Event;
        if (e.reason !== 'FailedScheduling' || e.involvedObject?.kind !== 'Pod') return [];
        const workload = this.index.workloadOfPod(
          e.involvedObject.namespace ?? '',
          e.involvedObject.name ?? '',
        );
        return workload ? [workload] : [];
      }
      default:
        return [];
    }
  }

  private pod(pod: V1Pod, type: CacheChange['type']): string[] {
    const previous = this.index.remove(pod);
    if (type === 'delete') {
      this.memory.restarts.forget(pod.metadata?.uid ?? '');
      for (const c of pod.status?.containerStatuses ?? [])
        this.memory.backoffSeen.delete(`${pod.metadata?.uid}/${c.name}`);
      return previous ? [previous] : [];
    }
    const workload = this.index.add(pod);
    this.observeContainers(pod);
    return previous && previous !== workload ? [previous, workload] : [workload];
  }

  /** Pods on a node going down or coming back change whether their workloads' gaps are explained. */
  private node(node: V1Node, type: CacheChange['type']): string[] {
    const name = node.metadata?.name ?? '';
    const keys = [nodeKey(name)];
    const ready = type !== 'delete' && !nodeIsDown(node);
    const changed = this.nodeReady.get(name) !== ready;
    if (type === 'delete') this.nodeReady.delete(name);
    else this.nodeReady.set(name, ready);
    if (!changed) return keys;
    for (const [podKey, workload] of this.index.entries()) {
      const [ns, pod] = splitPodKey(podKey);
      if (this.cache.get('pods', ns, pod)?.spec?.nodeName === name) keys.push(workload);
    }
    return keys;
  }

  /** Remembers back-offs (crash loops hold between crashes) and counts restarts (bursts). */
  private observeContainers(pod: V1Pod): void {
    const uid = pod.metadata?.uid ?? '';
    const now = this.now();
    for (const c of pod.status?.containerStatuses ?? []) {
      const key = `${uid}/${c.name}`;
      if (c.state?.waiting?.reason === 'CrashLoopBackOff') this.memory.backoffSeen.set(key, now);
      const last = c.lastState?.terminated;
      const explained =
        c.state?.waiting?.reason === 'CrashLoopBackOff' ||
        last?.reason === 'OOMKilled' ||
        last?.exitCode === 137 ||
        this.memory.backoffSeen.has(key);
      this.memory.restarts.observe(uid, c.name, c.restartCount ?? 0, now, explained);
    }
  }
}
