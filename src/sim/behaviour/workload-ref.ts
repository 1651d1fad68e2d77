// Which workload (Deployment, StatefulSet, DaemonSet, or the bare Pod) a pod belongs to.
import type { KubeObject } from '../objects/types.js';
import type { ObjectStore } from '../store/object-store.js';

export interface WorkloadRef {
  kind: 'Deployment' | 'StatefulSet' | 'DaemonSet' | 'ReplicaSet' | 'Job' | 'Pod';
  name: string;
  namespace: string;
}

export function workloadOf(store: ObjectStore, pod: KubeObject): WorkloadRef {
  const namespace = pod.metadata.namespace ?? 'default';
  const owner =
    pod.metadata.ownerReferences?.find((o) => o.controller) ?? pod.metadata.ownerReferences?.[0];
  if (!owner) return { kind: 'Pod', name: pod.metadata.name, namespace };
  if (owner.kind === 'ReplicaSet') {
    const rs = store.get('apps/replicasets', namespace, owner.name);
    const dep = rs?.metadata.ownerReferences?.find((o) => o.kind === 'Deployment');
    if (dep) return { kind: 'Deployment', name: dep.name, namespace };
    // Pod names of a Deployment are "<deployment>-<hash>-<suffix>"; fall back when the RS is gone.
    const hash = pod.metadata.labels?.['pod-template-hash'];
    if (!rs && hash && owner.name.endsWith(`-${hash}`))
      return { kind: 'Deployment', name: owner.name.slice(0, -hash.length - 1), namespace };
    return { kind: 'ReplicaSet', name: owner.name, namespace };
  }
  if (owner.kind === 'StatefulSet' || owner.kind === 'DaemonSet' || owner.kind === 'Job')
    return { kind: owner.kind, name: owner.name, namespace };
  return { kind: 'Pod', name: pod.metadata.name, namespace };
}

export const workloadKey = (w: WorkloadRef): string => `${w.namespace}/${w.kind}/${w.name}`;
