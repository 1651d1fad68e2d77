import { describe, expect, it } from 'vitest';
import type { CacheChange } from '../../../src/core/kube/cluster.js';
import { createCluster, type ConnectedCluster } from '../../../src/core/kube/create-cluster.js';
import { UserError } from '../../../src/core/errors/user-error.js';
import { kubeConfigFromString, useSimTestCluster, waitFor } from '../../support/sim.js';
import { createServer } from 'node:http';
import { startSimCluster, type SimHandle } from '../../../src/sim/index.js';
import { kubeconfigYaml } from './kubeconfig-fixture.js';

describe('InformerCache against the simulated cluster', () => {
  const sim = useSimTestCluster({ pods: 40 });

  /** A cache of our own (the shared one belongs to the registry), so its counters are ours. */
  async function freshCluster(): Promise<ConnectedCluster> {
    const cluster = createCluster({
      name: 'sim',
      kubeConfig: kubeConfigFromString(sim().sim.kubeconfig),
      logger: sim().logger,
      cache: { backoff: { initialMs: 50, maxMs: 500 } },
    });
    await cluster.cache.ready();
    return cluster;
  }

  async function deleteOnePod(cluster: ConnectedCluster): Promise<string> {
    const victim = cluster.cache.list('pods', 'team-001')[0]?.metadata?.name ?? '';
    await cluster.core.deleteNamespacedPod({
      name: victim,
      namespace: 'team-001',
      gracePeriodSeconds: 0,
    });
    return victim;
  }

  it('lists every kind and matches what the API server holds', async () => {
    const cluster = await freshCluster();
    try {
      const pods = await cluster.core.listPodForAllNamespaces();
      expect(
        cluster.cache
          .list('pods')
          .map((p) => p.metadata?.name)
          .sort(),
      ).toEqual(pods.items.map((p) => p.metadata?.name).sort());
      expect(cluster.cache.list('nodes').length).toBe((await cluster.core.listNode()).items.length);
      expect(
        cluster.cache
          .list('pods', 'kube-system')
          .every((p) => p.metadata?.namespace === 'kube-system'),
      ).toBe(true);
      const etcd = cluster.cache.get('pods', 'kube-system', 'etcd-control-plane');
      expect(etcd?.metadata?.name).toBe('etcd-control-plane');
      expect(typeof etcd?.metadata?.creationTimestamp).toBe('string');
      expect(cluster.cache.get('nodes', undefined, 'worker-1')?.metadata?.name).toBe('worker-1');
      const health = cluster.cache.health();
      expect(Object.keys(health).sort()).toEqual([
        'deployments',
        'endpointslices',
        'events',
        'namespaces',
        'nodes',
        'pods',
        'replicasets',
        'services',
      ]);
    } finally {
      cluster.cache.stop();
    }
  });

  it('tells onChange listeners about changes as they are watched', async () => {
    const cluster = await freshCluster();
    try {
      const changes: CacheChange[] = [];
      const unsubscribe = cluster.cache.onChange((change) => changes.push(change));
      const victim = await deleteOnePod(cluster);
      await waitFor(
        () =>
          changes.some(
            (c) => c.kind === 'pods' && c.type === 'delete' && c.object.metadata?.name === victim,
          ),
        10_000,
        'the delete event',
      );
      await waitFor(
        () => changes.some((c) => c.kind === 'pods' && c.type === 'add'),
        10_000,
        'the replacement pod',
      );
      unsubscribe();
      const seen = changes.length;
      await deleteOnePod(cluster);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(changes.length).toBe(seen);
    } finally {
      cluster.cache.stop();
    }
  });

  it('recovers when the API server closes every watch, without listing again', async () => {
    const cluster = await freshCluster();
    try {
      const closed = (await sim().control('watches/close')) as { closed: number };
      expect(closed.closed).toBeGreaterThanOrEqual(8);
      const victim = await deleteOnePod(cluster);
      await waitFor(
        () => cluster.cache.get('pods', 'team-001', victim) === undefined,
        10_000,
        'the deletion after re-watch',
      );
      expect(cluster.cache.health().pods?.lists).toBe(1);
    } finally {
      cluster.cache.stop();
    }
  });

  it('lists again after a 410 Expired (history compacted while its watch was down)', async () => {
    const cluster = await freshCluster();
    try {
      // Move the resourceVersion past what the pods informer has seen, then forget all history.
      await cluster.core.createNamespace({ body: { metadata: { name: `bump-${Date.now()}` } } });
      await waitFor(
        () => cluster.cache.list('namespaces').some((n) => n.metadata?.name?.startsWith('bump-')),
        10_000,
        'the namespace',
      );
      await sim().control('compact');
      await sim().control('watches/close');
      await waitFor(
        () => (cluster.cache.health().pods?.lists ?? 0) >= 2,
        10_000,
        'a relist of pods',
      );
      const victim = await deleteOnePod(cluster);
      await waitFor(
        () => cluster.cache.get('pods', 'team-001', victim) === undefined,
        10_000,
        'the deletion after relist',
      );
      const apiPods = (await cluster.core.listNamespacedPod({ namespace: 'team-001' })).items
        .map((p) => p.metadata?.name)
        .sort();
      await waitFor(
        () =>
          JSON.stringify(
            cluster.cache
              .list('pods', 'team-001')
              .map((p) => p.metadata?.name)
              .sort(),
          ) === JSON.stringify(apiPods),
        10_000,
        'the cache to match the API server',
      );
    } finally {
      cluster.cache.stop();
    }
  });

  it('rejects ready() with a UserError naming the cluster when the API server answers 401', async () => {
    const kubeConfig = kubeConfigFromString(
      sim().sim.kubeconfig.replace(sim().sim.token, 'wrong-token'),
    );
    const cluster = createCluster({
      name: 'locked',
      kubeConfig,
      logger: sim().logger,
      cache: { backoff: { initialMs: 50 } },
    });
    const error = await cluster.cache.ready().catch((e: unknown) => e);
    cluster.cache.stop();
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toMatch(
      /^cluster "locked" rejected our credentials \(401 Unauthorized\)/,
    );
  });

  it('keeps retrying with back-off while the API server is down and fills in once it is up', async () => {
    const port = await freePort();
    const kubeConfig = kubeConfigFromString(
      kubeconfigYaml(`http://127.0.0.1:${port}`, 'late', 'late-token'),
    );
    const cluster = createCluster({
      name: 'late',
      kubeConfig,
      logger: sim().logger,
      cache: { backoff: { initialMs: 50, maxMs: 200 } },
    });
    let late: SimHandle | undefined;
    try {
      const first = await cluster.cache.ready().catch((e: unknown) => e);
      expect((first as UserError).toText()).toMatch(
        /^cluster "late" is unreachable: connection refused \(listing and watching \w+\)\. Check that its API server is running/,
      );
      await waitFor(
        () => (cluster.cache.health().pods?.restarts ?? 0) >= 2,
        5_000,
        'restarts with back-off',
      );
      late = await startSimCluster({ pods: 20, port, token: 'late-token', log: () => undefined });
      await waitFor(
        () => cluster.cache.health().pods?.listed === true,
        10_000,
        'the first list once the server is up',
      );
      expect(cluster.cache.list('pods').length).toBeGreaterThanOrEqual(20);
    } finally {
      cluster.cache.stop();
      await late?.stop();
    }
  });
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
