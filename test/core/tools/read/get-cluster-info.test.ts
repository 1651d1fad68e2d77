import { describe, expect, it } from 'vitest';
import { getClusterInfo } from '../../../../src/core/tools/read/get-cluster-info.js';
import { estimateTokens } from '../../../../src/core/tools/render/budget.js';
import { useBrokenShop } from './broken-shop.js';
import { runKubectl } from './kubectl-oracle.js';

describe('get_cluster_info on the simulated cluster', () => {
  const sim = useBrokenShop();

  it('gives version, nodes with use, counts and the current problems', async () => {
    const result = await sim().run(getClusterInfo);
    const version = JSON.parse(
      await runKubectl(sim().sim.kubeconfig, ['version', '-o', 'json']),
    ) as {
      serverVersion: { gitVersion: string };
    };
    const podCount = (await runKubectl(sim().sim.kubeconfig, ['get', 'pods', '-A', '--no-headers']))
      .trim()
      .split('\n').length;
    const lines = result.text.split('\n');
    expect(lines[0]).toMatch(
      new RegExp(
        `^Cluster sim: Kubernetes ${version.serverVersion.gitVersion.replace(/\./g, '\\.')} \\(linux/amd64\\); 4 nodes \\(4 ready\\); \\d+ namespaces; ${podCount} pods \\(`,
      ),
    );
    expect(lines[1]).toMatch(/^Problems \(\d+\):$/);
    expect(result.text).toMatch(/\n- pod team-001\/svc-2-\S+ CrashLoopBackOff, \d+ restarts?\n/);
    expect(result.text).toMatch(/\n- pod team-001\/svc-7-\S+ (ImagePullBackOff|ErrImagePull)\n/);
    expect(result.text).toMatch(/\n- deployment team-001\/svc-2 0\/1 ready\n/);
    expect(result.text).toMatch(/\nNODE\s+STATUS\s+ROLES\s+AGE\s+VERSION\s+CPU\s+MEMORY\s+PODS\n/);
    expect(result.text).toMatch(
      /\ncontrol-plane\s+Ready\s+control-plane\s+\S+\s+v\S+\s+\d+m\/4 \(\d+%\)\s+\d+Mi\/16Gi \(\d+%\)\s+\d+\n/,
    );
    expect(estimateTokens(result.text)).toBeLessThanOrEqual(2000);
  });
});
