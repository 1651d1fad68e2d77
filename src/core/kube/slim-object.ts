import type { KubernetesObject } from '@kubernetes/client-node';

const lastApplied = 'kubectl.kubernetes.io/last-applied-configuration';

/**
 * Drops what no reader of the cache needs but can be half of an object's size (managed fields,
 * the last-applied copy of the whole manifest), so 10,000 pods stay small in memory.
 */
export function slimObject(object: KubernetesObject): void {
  const metadata = object.metadata;
  if (!metadata) return;
  if (metadata.managedFields !== undefined) delete metadata.managedFields;
  if (metadata.annotations?.[lastApplied] !== undefined) delete metadata.annotations[lastApplied];
}
