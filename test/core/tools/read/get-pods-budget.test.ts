import { describe, expect, it } from 'vitest';
import { getPods } from '../../../../src/core/tools/read/get-pods.js';
import { estimateTokens } from '../../../../src/core/tools/render/budget.js';
import { useSimTestCluster, waitFor } from '../../../support/sim.js';
import { kubectlPods, unhealthyByKubectl } from './kubectl-oracle.js';

describe('get_pods on 2,000 pods', () => {
  const sim = useSimTestCluster({ pods: 2000 });

  it(
    'answers within the default budget and names every pod kubectl shows as unhealthy',
    { timeout: 60_000 },
    async () => {
      const { cluster } = sim();
      const withReplicas = (namespace: string, replicas: number): string => {
        const found = cluster.cache
          .list('deployments', namespace)
          .find((d) => d.spec?.replicas === replicas);
        if (!found?.metadata?.name)
          throw new Error(`no deployment with ${replicas} replicas in ${namespace}`);
        return found.metadata.name;
      };
      const crashLooping = withReplicas('team-002', 10);
      sim().sim.injectFault({
        type: 'crashloop',
        namespace: 'team-002',
        deployment: crashLooping,
        runFor: '1s',
      });
      sim().sim.injectFault({
        type: 'unready',
        namespace: 'team-003',
        deployment: withReplicas('team-003', 8),
      });
      sim().sim.injectFault({
        type: 'imagepull',
        namespace: 'team-001',
        deployment: withReplicas('team-001', 5),
        image: 'ghcr.io/acme/events:0.0.0-missing',
      });
      sim().sim.injectFault({
        type: 'pending',
        namespace: 'team-004',
        deployment: withReplicas('team-004', 3),
      });
      sim().sim.injectFault({
        type: 'oomkill',
        namespace: 'team-002',
        deployment: withReplicas('team-002', 4),
        after: '2s',
      });
      const restarted = (): number =>
        cluster.cache
          .list('pods', 'team-002')
          .filter((p) => p.metadata?.labels?.app === crashLooping)
          .filter((p) => (p.status?.containerStatuses?.[0]?.restartCount ?? 0) > 0).length;
      await waitFor(
        () => restarted() === 10,
        20_000,
        `the ten pods of team-002/${crashLooping} to crash`,
      );

      const result = await sim().run(getPods);
      const unhealthy = unhealthyByKubectl(await kubectlPods(sim().sim.kubeconfig));
      expect(unhealthy.length).toBeGreaterThanOrEqual(12);
      expect(estimateTokens(result.text)).toBeLessThanOrEqual(2000);
      const missing = unhealthy
        .filter((p) => !result.text.includes(p.name))
        .map((p) => `${p.namespace}/${p.name} ${p.status}`);
      expect(missing).toEqual([]);
      expect(result.text.split('\n').at(-1)).toMatch(
        /^[\d,]+ more; ask with continue=\S+ or narrow with namespace \/ labelSelector \/ problemsOnly\.$/,
      );
      expect(result.page?.total).toBe(cluster.cache.list('pods').length);
    },
  );
});
