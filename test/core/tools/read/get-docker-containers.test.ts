import { describe, expect, it } from 'vitest';
import {
  getDockerContainers,
  type ContainerRow,
} from '../../../../src/core/tools/read/get-docker-containers.js';
import { useBrokenShop } from './broken-shop.js';

interface ContainersData {
  total: number;
  items: ContainerRow[];
}

describe('get_docker_containers on the simulated cluster', () => {
  const sim = useBrokenShop();

  it('shows each container with state, restarts, last termination and exit code, problems first', async () => {
    const result = await sim().run(getDockerContainers, { namespace: 'team-001' });
    const lines = result.text.split('\n');
    expect(lines[1]).toMatch(
      /^POD\s+CONTAINER\s+IMAGE\s+STATE\s+READY\s+RESTARTS\s+LAST TERMINATION\s+ID$/,
    );
    const crash = lines.find((l) => l.startsWith('svc-2-'));
    expect(crash).toMatch(
      /\sapp\s+ghcr\.io\/acme\/\S+\s+(Waiting: CrashLoopBackOff|Terminated: Error \(exit 3\)|Running \S+)\s+false\s+[1-9]\d*\s+Error exit 3, \S+ ago\s+containerd:\/\/[0-9a-f]{12}$/,
    );
    const oom = lines.find((l) => l.startsWith('svc-12-'));
    expect(oom).toMatch(/\sOOMKilled exit 137, \S+ ago\s/);
    const pulling = lines.find((l) => l.startsWith('svc-7-') && l.includes('9.9.9-typo'));
    expect(pulling).toMatch(
      /\s(Waiting: ImagePullBackOff|Waiting: ErrImagePull)\s+false\s+0\s+-\s+-$/,
    );
    const firstHealthy = lines.findIndex(
      (l) => / true \s*0\s/.test(` ${l} `) && l.includes('Running'),
    );
    expect(lines.indexOf(crash!)).toBeLessThan(firstHealthy);
  });

  it('selects one pod by name, with the full container id in the data', async () => {
    const pod = sim()
      .cluster.cache.list('pods', 'kube-system')
      .find((p) => p.metadata?.name === 'etcd-control-plane');
    const data = (await sim().run(getDockerContainers, { pod: 'etcd-control-plane' }))
      .data as ContainersData;
    expect(data.items).toHaveLength(1);
    expect(data.items[0]).toMatchObject({
      namespace: 'kube-system',
      pod: 'etcd-control-plane',
      container: 'etcd',
      ready: true,
      containerId: pod?.status?.containerStatuses?.[0]?.containerID,
      health: 'ok',
    });
  });

  it('problemsOnly leaves out healthy containers', async () => {
    const data = (await sim().run(getDockerContainers, { problemsOnly: true }))
      .data as ContainersData;
    expect(data.items.length).toBeGreaterThanOrEqual(5);
    expect(data.items.every((c) => c.health !== 'ok')).toBe(true);
  });
});
