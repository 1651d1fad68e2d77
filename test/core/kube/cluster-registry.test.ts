import { writeFileSync } from 'node:fs';
import { createServer as createNetServer, type Socket } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../../src/core/errors/user-error.js';
import { ClusterRegistry } from '../../../src/core/kube/cluster-registry.js';
import { getPods } from '../../../src/core/tools/read/get-pods.js';
import { useSimTestCluster } from '../../support/sim.js';
import { useTempDir } from '../../support/temp-dir.js';
import { kubeconfigYaml } from './kubeconfig-fixture.js';

describe('ClusterRegistry', () => {
  const sim = useSimTestCluster({ pods: 40 });
  const tempDir = useTempDir();

  function registryWithADeadCluster(
    extra: Partial<ConstructorParameters<typeof ClusterRegistry>[0]> = {},
  ): ClusterRegistry {
    const dir = tempDir();
    const simFile = join(dir, 'sim.yaml');
    writeFileSync(simFile, sim().sim.kubeconfig);
    const deadFile = join(dir, 'dead.yaml');
    // Port 9 (discard) on loopback: nothing listens, so the connection is refused at once.
    writeFileSync(deadFile, kubeconfigYaml('http://127.0.0.1:9', 'dead'));
    return ClusterRegistry.fromConfig({
      config: {
        clusters: [
          { name: 'good', kubeconfig: simFile, context: 'ai4k8s-sim', inCluster: false },
          { name: 'down', kubeconfig: deadFile, inCluster: false },
          { name: 'typo', kubeconfig: simFile, context: 'no-such-context', inCluster: false },
        ],
      },
      logger: sim().logger,
      readyTimeoutMs: 10_000,
      ...extra,
    });
  }

  it('serves a working cluster while another is down, and says which one is down and why', async () => {
    const registry = registryWithADeadCluster();
    try {
      expect(registry.names()).toEqual(['good', 'down', 'typo']);
      expect(registry.defaultName).toBe('good');

      const down = await registry.get('down').catch((e: unknown) => e);
      expect(down).toBeInstanceOf(UserError);
      expect((down as UserError).kind).toBe('cluster-unavailable');
      expect((down as UserError).message).toMatch(
        /^cluster "down" is unreachable: connection refused/,
      );

      const typo = await registry.get('typo').catch((e: unknown) => e);
      expect((typo as UserError).toText()).toBe(
        'Cluster "typo": context "no-such-context" is not in its kubeconfig. Known contexts: ai4k8s-sim.',
      );

      const good = await registry.get();
      expect(good.name).toBe('good');
      const pods = await getPods.run(getPods.input.parse({ namespace: 'kube-system' }), {
        ...sim().ctx(),
        cluster: good,
      });
      expect(pods.text).toMatch(/etcd-control-plane\s+1\/1\s+Running/);
      expect(await registry.get('good')).toBe(good);
    } finally {
      registry.stop();
    }
  });

  it('refuses an unknown name listing the known ones', async () => {
    const registry = registryWithADeadCluster();
    const error = await registry.get('prod').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).kind).toBe('not-found');
    expect((error as UserError).toText()).toBe(
      'No cluster named "prod". Known clusters: good, down, typo.',
    );
    registry.stop();
  });

  it('reports per-cluster reachability for /readyz, connecting nothing', async () => {
    const registry = registryWithADeadCluster();
    try {
      const before = await registry.status();
      expect(before.map((s) => [s.name, s.state, s.reachable])).toEqual([
        ['good', 'idle', true],
        ['down', 'idle', false],
        ['typo', 'idle', false],
      ]);
      expect(before[1]?.error).toMatch(/connection refused/);
      await registry.get('good');
      await registry.get('down').catch(() => undefined);
      const after = await registry.status();
      expect(after.map((s) => [s.name, s.state])).toEqual([
        ['good', 'ready'],
        ['down', 'failed'],
        ['typo', 'idle'],
      ]);
    } finally {
      registry.stop();
    }
  });

  it('repeats a failure for a while, then tries again', async () => {
    const registry = registryWithADeadCluster({ retryAfterMs: 300 });
    try {
      const first = await registry.get('down').catch((e: unknown) => e);
      const again = await registry.get('down').catch((e: unknown) => e);
      expect(again).toBe(first);
      await new Promise((resolve) => setTimeout(resolve, 350));
      const later = await registry.get('down').catch((e: unknown) => e);
      expect(later).not.toBe(first);
      expect((later as UserError).kind).toBe('cluster-unavailable');
    } finally {
      registry.stop();
    }
  });

  it('gives up on a server that accepts connections but never answers', async () => {
    const sockets = new Set<Socket>();
    const silent = createNetServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as { port: number }).port;
    const file = join(tempDir(), 'silent.yaml');
    writeFileSync(file, kubeconfigYaml(`http://127.0.0.1:${port}`, 'silent'));
    const registry = ClusterRegistry.fromConfig({
      config: { clusters: [{ name: 'silent', kubeconfig: file, inCluster: false }] },
      logger: sim().logger,
      readyTimeoutMs: 500,
    });
    try {
      const error = await registry.get().catch((e: unknown) => e);
      expect((error as UserError).toText()).toBe(
        'Cluster "silent" did not list its objects within 1 s. Check that its API server is reachable and not overloaded, then retry.',
      );
    } finally {
      registry.stop();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });

  it('without clusters in the config uses the current context of KUBECONFIG, named after it', async () => {
    const file = join(tempDir(), 'config');
    writeFileSync(file, sim().sim.kubeconfig);
    const registry = ClusterRegistry.fromConfig({
      config: { clusters: [], kubeconfig: file },
      logger: sim().logger,
    });
    try {
      expect(registry.names()).toEqual(['ai4k8s-sim']);
      const cluster = await registry.get();
      expect(cluster.cache.list('pods').length).toBeGreaterThanOrEqual(40);
    } finally {
      registry.stop();
    }
  });
});
