import { KubeConfig } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../../../src/core/errors/user-error.js';
import { createCluster } from '../../../../src/core/kube/create-cluster.js';
import { getPodTop, type UsageRow } from '../../../../src/core/tools/read/get-pod-top.js';
import { parseQuantity } from '../../../../src/core/tools/render/quantity.js';
import { useBrokenShop } from './broken-shop.js';
import { runKubectl } from './kubectl-oracle.js';

interface TopData {
  total: number;
  items: UsageRow[];
}

describe('get_pod_top on the simulated cluster', () => {
  const sim = useBrokenShop();

  it('shows pod use with % of requests and limits, sorted by memory', async () => {
    const result = await sim().run(getPodTop, { namespace: 'team-001' });
    const lines = result.text.split('\n');
    expect(lines[0]).toMatch(/^Pods in namespace team-001 by memory use \(cluster sim\): \d+;/);
    expect(lines[1]).toMatch(/^NAME\s+CPU\s+CPU\/REQ\s+CPU\/LIM\s+MEMORY\s+MEM\/REQ\s+MEM\/LIM$/);
    const data = result.data as TopData;
    const calm = data.items.filter((r) => r.severity === 0).map((r) => r.memoryBytes);
    expect(calm).toEqual([...calm].sort((a, b) => b - a));
    for (const row of data.items) {
      const pod = sim().cluster.cache.get('pods', 'team-001', row.name);
      const limit = parseQuantity(pod?.spec?.containers[0]?.resources?.limits?.memory);
      const request = parseQuantity(pod?.spec?.containers[0]?.resources?.requests?.memory);
      const line = lines.find((l) => l.startsWith(`${row.name} `));
      const cells = line?.split(/\s+/) ?? [];
      expect(cells[5]).toBe(`${Math.round((row.memoryBytes / request!) * 100)}%`);
      expect(cells[6]).toBe(`${Math.round((row.memoryBytes / limit!) * 100)}%`);
      expect(cells[3]).toBe('-'); // no CPU limit in the generated workloads
    }
  });

  it('agrees with kubectl top on which pods use memory and how much', async () => {
    const data = (await sim().run(getPodTop, { namespace: 'kube-system' })).data as TopData;
    const top = (
      await runKubectl(sim().sim.kubeconfig, ['top', 'pods', '-n', 'kube-system', '--no-headers'])
    )
      .trim()
      .split('\n')
      .map((l) => l.split(/\s+/));
    expect(data.items.map((r) => r.name).sort()).toEqual(top.map((cells) => cells[0]).sort());
    for (const [name, , memory] of top) {
      const mine = data.items.find((r) => r.name === name);
      // Both read the same scrape; kubectl rounds to Mi.
      expect(
        Math.abs((mine?.memoryBytes ?? 0) / 2 ** 20 - Number(memory?.replace('Mi', ''))),
      ).toBeLessThanOrEqual(1);
    }
  });

  it('shows nodes with % of allocatable', async () => {
    const result = await sim().run(getPodTop, { target: 'nodes' });
    const lines = result.text.split('\n');
    expect(lines[1]).toMatch(/^NAME\s+STATUS\s+CPU\s+CPU%\s+MEMORY\s+MEMORY%$/);
    const data = result.data as TopData;
    expect(data.items.map((r) => r.name).sort()).toEqual([
      'control-plane',
      'worker-1',
      'worker-2',
      'worker-3',
    ]);
    for (const node of data.items) {
      const line = lines.find((l) => l.startsWith(`${node.name} `));
      expect(line).toMatch(
        new RegExp(`\\s${Math.round((node.memoryBytes / node.memoryAllocatable!) * 100)}%$`),
      );
    }
  });

  it('says clearly when the cluster has no metrics API', async () => {
    // The same API server seen under a path where nothing is served: metrics.k8s.io answers 404,
    // exactly as an API server without metrics-server does.
    const kubeConfig = new KubeConfig();
    kubeConfig.loadFromString(sim().sim.kubeconfig);
    const server = kubeConfig.getCurrentCluster()?.server ?? '';
    kubeConfig.loadFromOptions({
      clusters: kubeConfig.clusters.map((c) => ({ ...c, server: `${server}/no-aggregated-apis` })),
      users: kubeConfig.users,
      contexts: kubeConfig.contexts,
      currentContext: kubeConfig.currentContext,
    });
    const bare = createCluster({ name: 'bare', kubeConfig, logger: sim().logger });
    const error = await getPodTop
      .run(getPodTop.input.parse({}), { ...sim().ctx(), cluster: bare })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).kind).toBe('unavailable');
    expect((error as UserError).toText()).toBe(
      'The metrics API (metrics.k8s.io) is not installed in cluster "bare", so CPU and memory use are unknown. ' +
        'Install or repair metrics-server (kubectl top needs it too); get_pods and get_docker_containers still work.',
    );
  });
});
