import { describe, expect, it } from 'vitest';
import { getServices, type ServiceRow } from '../../../../src/core/tools/read/get-services.js';
import { useBrokenShop } from './broken-shop.js';
import { runKubectl } from './kubectl-oracle.js';

interface ServicesData {
  total: number;
  items: ServiceRow[];
}

describe('get_services on the simulated cluster', () => {
  const sim = useBrokenShop();

  it('shows ready endpoints from EndpointSlices, services without ready endpoints first', async () => {
    const result = await sim().run(getServices);
    const lines = result.text.split('\n');
    expect(lines[1]).toMatch(
      /^NAMESPACE\s+NAME\s+TYPE\s+CLUSTER-IP\s+EXTERNAL\s+PORT\(S\)\s+ENDPOINTS\s+AGE\s+SELECTOR$/,
    );
    // svc-5 is unready (0 of 2 ready); it must come before any fully ready service.
    const row = (name: string): string | undefined => lines.find((l) => l.split(/\s+/)[1] === name);
    expect(row('svc-5')).toMatch(
      /^team-001\s+svc-5\s+ClusterIP\s+10\.\d+\.\d+\.\d+\s+<none>\s+80\/TCP\s+0\/2\s+\S+\s+app=svc-5$/,
    );
    expect(lines.indexOf(row('svc-5')!)).toBeLessThan(lines.indexOf(row('kube-dns')!));
    expect(row('kube-dns')).toMatch(/\s2\/2\s/);
    expect(row('kubernetes')).toMatch(
      /^default\s+kubernetes\s+ClusterIP\s+10\.96\.0\.1\s+<none>\s+443\/TCP\s+-\s/,
    );
  });

  it('counts the same ready endpoints kubectl shows in the EndpointSlices', async () => {
    const data = (await sim().run(getServices, { namespace: 'team-001' })).data as ServicesData;
    const slices = JSON.parse(
      await runKubectl(sim().sim.kubeconfig, [
        'get',
        'endpointslices',
        '-n',
        'team-001',
        '-o',
        'json',
      ]),
    ) as {
      items: {
        metadata: { labels: Record<string, string> };
        endpoints?: { conditions?: { ready?: boolean } }[];
      }[];
    };
    for (const svc of data.items) {
      const mine = slices.items.filter(
        (s) => s.metadata.labels['kubernetes.io/service-name'] === svc.name,
      );
      const ready = mine
        .flatMap((s) => s.endpoints ?? [])
        .filter((e) => e.conditions?.ready !== false).length;
      expect(`${svc.name} ${svc.readyEndpoints}`).toBe(`${svc.name} ${ready}`);
    }
  });

  it('problemsOnly keeps the services that send traffic nowhere', async () => {
    const data = (await sim().run(getServices, { problemsOnly: true })).data as ServicesData;
    expect(data.items.map((s) => s.name)).toContain('svc-5');
    expect(
      data.items.every((s) => s.readyEndpoints < s.totalEndpoints || s.readyEndpoints === 0),
    ).toBe(true);
  });
});
