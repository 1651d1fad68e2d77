// Small predicates over pod status shared by the workload controllers.
import type { KubeObject, Pod } from '../objects/types.js';

export const isTerminal = (p: KubeObject): boolean => {
  const phase = (p as Pod).status?.phase;
  return phase === 'Succeeded' || phase === 'Failed';
};

export const isActive = (p: KubeObject): boolean => !p.metadata.deletionTimestamp && !isTerminal(p);

export const isReady = (p: KubeObject): boolean =>
  (p as Pod).status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') === true;

/** Available = ready for at least minReadySeconds. */
export function isAvailable(p: KubeObject, now: number, minReadySeconds = 0): boolean {
  const ready = (p as Pod).status?.conditions?.find(
    (c) => c.type === 'Ready' && c.status === 'True',
  );
  if (!ready) return false;
  if (minReadySeconds <= 0) return true;
  return Date.parse(String(ready.lastTransitionTime)) + minReadySeconds * 1000 <= now;
}
