// Stamping pods out of a workload's template, and the graceful delete every controller uses.
import { applyPodDefaults } from '../objects/pod-defaults.js';
import type { KubeObject, OwnerReference, Pod, PodTemplate } from '../objects/types.js';
import type { ObjectStore } from '../store/object-store.js';
import { isoSeconds } from '../util/duration.js';
import type { SeededRandom } from '../util/random.js';

export function ownerRef(owner: KubeObject): OwnerReference {
  return {
    apiVersion: owner.apiVersion,
    kind: owner.kind,
    name: owner.metadata.name,
    uid: owner.metadata.uid,
    controller: true,
    blockOwnerDeletion: true,
  };
}

export function podFromTemplate(
  template: PodTemplate,
  namespace: string,
  name: string,
  owner: KubeObject,
  rng: SeededRandom,
  extraLabels: Record<string, string> = {},
  generateName?: string,
): Pod {
  const pod: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      ...(generateName ? { generateName } : {}),
      namespace,
      uid: '',
      resourceVersion: '',
      creationTimestamp: '',
      labels: { ...(template.metadata?.labels ?? {}), ...extraLabels },
      ...(template.metadata?.annotations
        ? { annotations: { ...template.metadata.annotations } }
        : {}),
      ownerReferences: [ownerRef(owner)],
    },
    spec: structuredClone(template.spec),
    status: { phase: 'Pending' },
  };
  return applyPodDefaults(pod, rng.suffix(5));
}

/** Graceful delete: marks the pod Terminating; the kubelet removes it once its containers stop. */
export function deletePodGracefully(
  store: ObjectStore,
  pod: KubeObject,
  now: number,
  graceSeconds?: number,
): KubeObject | undefined {
  if (pod.metadata.deletionTimestamp) return pod;
  const grace =
    graceSeconds ??
    Number((pod.spec as Record<string, unknown> | undefined)?.terminationGracePeriodSeconds ?? 30);
  // A pod never bound to a node (or already finished) has nothing to stop: it goes at once.
  const phase = (pod.status as Record<string, unknown> | undefined)?.phase;
  if (
    grace === 0 ||
    !(pod.spec as Record<string, unknown> | undefined)?.nodeName ||
    phase === 'Succeeded' ||
    phase === 'Failed'
  ) {
    return store.remove('pods', pod.metadata.namespace, pod.metadata.name);
  }
  return store.mutate('pods', pod.metadata.namespace, pod.metadata.name, (d) => {
    d.metadata.deletionTimestamp = isoSeconds(now + grace * 1000);
    d.metadata.deletionGracePeriodSeconds = grace;
  });
}
