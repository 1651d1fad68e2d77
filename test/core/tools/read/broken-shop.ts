// A small simulated cluster (60 pods) with one workload broken in each common way, shared by the
// read tool tests. Faults are injected at start and awaited until the cache shows them.
import type { V1Pod } from '@kubernetes/client-node';
import type { Cluster } from '../../../../src/core/kube/cluster.js';
import type { FaultSpec } from '../../../../src/sim/index.js';
import { useSimTestCluster, waitFor, type SimTestCluster } from '../../../support/sim.js';
import { beforeAll } from 'vitest';

export const longLine = 'a'.repeat(20_000);

export const crashLogLines = [
  'connecting to postgres at db:5432',
  'retrying',
  'retrying',
  'retrying',
  `${longLine}!`,
  longLine,
  'FATAL: password authentication failed for user "shop"',
];

export const faults: FaultSpec[] = [
  {
    type: 'crashloop',
    namespace: 'team-001',
    deployment: 'svc-2',
    runFor: '1s',
    exitCode: 3,
    logs: crashLogLines,
  },
  { type: 'oomkill', namespace: 'team-001', deployment: 'svc-12', after: '2s' },
  {
    type: 'imagepull',
    namespace: 'team-001',
    deployment: 'svc-7',
    image: 'ghcr.io/acme/events:9.9.9-typo',
  },
  { type: 'pending', namespace: 'team-001', deployment: 'svc-11' },
  { type: 'unready', namespace: 'team-001', deployment: 'svc-5' },
];

const podsOf = (cluster: Cluster, deployment: string): V1Pod[] =>
  cluster.cache.list('pods', 'team-001').filter((p) => p.metadata?.labels?.app === deployment);

const waiting = (pod: V1Pod, reason: string): boolean =>
  (pod.status?.containerStatuses ?? []).some((c) => c.state?.waiting?.reason === reason);

/** The cluster with every fault visible in the cache. */
export function useBrokenShop(): () => SimTestCluster {
  const sim = useSimTestCluster({ pods: 60 });
  beforeAll(async () => {
    const { cluster } = sim();
    for (const fault of faults) sim().sim.injectFault(fault);
    await waitFor(
      () =>
        podsOf(cluster, 'svc-2').some((p) => waiting(p, 'CrashLoopBackOff')) &&
        podsOf(cluster, 'svc-12').some((p) =>
          p.status?.containerStatuses?.some((c) => c.lastState?.terminated?.reason === 'OOMKilled'),
        ) &&
        podsOf(cluster, 'svc-7').some((p) => waiting(p, 'ImagePullBackOff')) &&
        podsOf(cluster, 'svc-11').some((p) => p.status?.phase === 'Pending') &&
        podsOf(cluster, 'svc-5').every((p) => p.status?.containerStatuses?.every((c) => !c.ready)),
      30_000,
      'every fault to show in the cache',
    );
  });
  return sim;
}
