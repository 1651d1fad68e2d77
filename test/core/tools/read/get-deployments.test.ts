import { describe, expect, it } from 'vitest';
import {
  getDeployments,
  type DeploymentRow,
} from '../../../../src/core/tools/read/get-deployments.js';
import { useBrokenShop } from './broken-shop.js';

interface DeploymentsData {
  total: number;
  items: DeploymentRow[];
}

describe('get_deployments on the simulated cluster', () => {
  const sim = useBrokenShop();

  it('lists broken deployments first with ready/desired, failing conditions and what their pods show', async () => {
    const result = await sim().run(getDeployments, { namespace: 'team-001' });
    const lines = result.text.split('\n');
    expect(lines[1]).toMatch(/^NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE\s+IMAGES\s+PROBLEMS$/);
    const svc2 = lines.find((l) => l.startsWith('svc-2 '));
    expect(svc2).toMatch(
      /^svc-2\s+0\/1\s+1\s+0\s+\S+\s+ghcr\.io\/acme\/\S+\s+Available=False MinimumReplicasUnavailable; 1 CrashLoopBackOff$/,
    );
    const svc5 = lines.find((l) => l.startsWith('svc-5 '));
    expect(svc5).toMatch(/\s0\/2\s.*2 Running but not ready$/);
    const healthy = lines.findIndex((l) => l.startsWith('svc-1 '));
    expect(lines.indexOf(svc2!)).toBeLessThan(healthy);
    expect(lines.indexOf(svc5!)).toBeLessThan(healthy);
    expect(lines[healthy]).toMatch(/^svc-1\s+3\/3\s+3\s+3\s/);
  });

  it('flags a rollout whose new pod cannot pull its image although old pods still serve', async () => {
    const data = (await sim().run(getDeployments, { problemsOnly: true })).data as DeploymentsData;
    const svc7 = data.items.find((d) => d.name === 'svc-7');
    expect(svc7?.images).toEqual(['ghcr.io/acme/events:9.9.9-typo']);
    expect(svc7?.problems.join('; ')).toMatch(/1 (ImagePullBackOff|ErrImagePull)/);
    expect(svc7?.health).not.toBe('ok');
    expect(data.items.every((d) => d.health !== 'ok')).toBe(true);
    expect(data.items.map((d) => d.name)).not.toContain('svc-1');
  });

  it("filters by the deployments' own labels", async () => {
    const data = (await sim().run(getDeployments, { labelSelector: 'k8s-app=kube-dns' }))
      .data as DeploymentsData;
    expect(data.items.map((d) => `${d.namespace}/${d.name}`)).toEqual(['kube-system/coredns']);
  });
});
