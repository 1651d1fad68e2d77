import type { V1Pod } from '@kubernetes/client-node';
import type { ClusterCache } from '../../kube/cluster.js';
import { workloadKey, workloadOf, type WorkloadRef } from './workload-of.js';

/** Which pods belong to which workload, kept up to date from watch events. */
export class WorkloadIndex {
  private readonly pods = new Map<string, Set<string>>();
  private readonly ofPod = new Map<string, string>();
  private readonly refs = new Map<string, WorkloadRef>();

  constructor(private readonly cache: Pick<ClusterCache, 'get'>) {}

  /** Files a pod under its workload; returns the workload key. */
  add(pod: V1Pod): string {
    const key = workloadKey(this.intern(workloadOf(pod, this.cache)));
    const pk = podKey(pod);
    const previous = this.ofPod.get(pk);
    if (previous && previous !== key) this.pods.get(previous)?.delete(pk);
    this.ofPod.set(pk, key);
    let set = this.pods.get(key);
    if (!set) this.pods.set(key, (set = new Set()));
    set.add(pk);
    return key;
  }

  /** Removes a pod; returns the workload key it was under. */
  remove(pod: V1Pod): string | undefined {
    const pk = podKey(pod);
    const key = this.ofPod.get(pk);
    this.ofPod.delete(pk);
    if (key) this.pods.get(key)?.delete(pk);
    return key;
  }

  workloadOfPod(namespace: string, name: string): string | undefined {
    return this.ofPod.get(`${namespace}/${name}`);
  }

  /** `namespace/name` of the workload's pods. */
  podsOf(key: string): Iterable<string> {
    return this.pods.get(key) ?? [];
  }

  hasPods(key: string): boolean {
    return (this.pods.get(key)?.size ?? 0) > 0;
  }

  /** Every pod with its workload key. */
  entries(): Iterable<[string, string]> {
    return this.ofPod.entries();
  }

  ref(key: string): WorkloadRef | undefined {
    return this.refs.get(key);
  }

  /** The one shared ref object per workload. */
  intern(ref: WorkloadRef): WorkloadRef {
    const key = workloadKey(ref);
    const known = this.refs.get(key);
    if (known) return known;
    this.refs.set(key, ref);
    return ref;
  }

  /** Rebuilds from a full list; workloads without pods are kept only if `keep` has them. */
  rebuild(pods: V1Pod[], keep: Set<string>): WorkloadRef[] {
    this.pods.clear();
    this.ofPod.clear();
    for (const pod of pods) this.add(pod);
    for (const key of this.refs.keys())
      if (!this.pods.has(key) && !keep.has(key)) this.refs.delete(key);
    return [...this.refs.values()];
  }
}

export function podKey(pod: V1Pod): string {
  return `${pod.metadata?.namespace ?? ''}/${pod.metadata?.name ?? ''}`;
}

export function splitPodKey(key: string): [string, string] {
  const i = key.indexOf('/');
  return [key.slice(0, i), key.slice(i + 1)];
}
