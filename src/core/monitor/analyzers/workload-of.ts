import type { V1Pod } from '@kubernetes/client-node';
import type { ClusterCache } from '../../kube/cluster.js';

/** The object an alert about a pod is filed under: its owning workload, or the pod itself. */
export interface WorkloadRef {
  kind: string;
  namespace: string;
  name: string;
}

export function workloadKey(ref: WorkloadRef): string {
  return `${ref.kind}/${ref.namespace}/${ref.name}`;
}

/**
 * Follows the controller owner: ReplicaSet -> Deployment, otherwise the direct controller
 * (StatefulSet, DaemonSet, Job). Incidents are per workload, so three crashing replicas (or
 * the replacement pods of a rollout) are one incident, not one each.
 */
export function workloadOf(pod: V1Pod, cache: Pick<ClusterCache, 'get'>): WorkloadRef {
  const namespace = pod.metadata?.namespace ?? '';
  const owner =
    pod.metadata?.ownerReferences?.find((o) => o.controller) ?? pod.metadata?.ownerReferences?.[0];
  if (!owner) return { kind: 'Pod', namespace, name: pod.metadata?.name ?? '' };
  if (owner.kind !== 'ReplicaSet') return { kind: owner.kind, namespace, name: owner.name };
  const rs = cache.get('replicasets', namespace, owner.name);
  const rsOwner = rs?.metadata?.ownerReferences?.find((o) => o.controller);
  if (rsOwner) return { kind: rsOwner.kind, namespace, name: rsOwner.name };
  // The ReplicaSet may not be in the cache yet: its name is the deployment's plus the template hash.
  const hash = pod.metadata?.labels?.['pod-template-hash'];
  if (!rs && hash && owner.name.endsWith(`-${hash}`)) {
    return { kind: 'Deployment', namespace, name: owner.name.slice(0, -hash.length - 1) };
  }
  return { kind: 'ReplicaSet', namespace, name: owner.name };
}
