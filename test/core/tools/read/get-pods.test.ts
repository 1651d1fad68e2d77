import { describe, expect, it } from 'vitest';
import { UserError } from '../../../../src/core/errors/user-error.js';
import { getPods, type PodRow } from '../../../../src/core/tools/read/get-pods.js';
import { estimateTokens } from '../../../../src/core/tools/render/budget.js';
import { useBrokenShop } from './broken-shop.js';
import { kubectlPods, unhealthyByKubectl } from './kubectl-oracle.js';

interface PodsData {
  total: number;
  failing: number;
  notReady: number;
  items: PodRow[];
  continue?: string;
}

const tableRows = (text: string): string[][] =>
  text
    .split('\n')
    .slice(2)
    .filter((line) => !/ more; ask with continue=/.test(line))
    .map((line) => line.split(/\s{3,}/));

describe('get_pods on the simulated cluster', () => {
  const sim = useBrokenShop();

  it('lists the crash-looping pod first with CrashLoopBackOff and when it last restarted, like kubectl', async () => {
    const result = await sim().run(getPods);
    const lines = result.text.split('\n');
    expect(lines[0]).toMatch(
      /^Pods in all namespaces \(cluster sim\): \d+; \d+ failing, \d+ not ready, \d+ ok\.$/,
    );
    expect(lines[1]).toMatch(/^NAMESPACE\s+NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\s+NODE$/);
    const failing = tableRows(result.text).filter(
      (row) => row[3] !== 'Running' && row[3] !== 'Completed',
    );
    // Every failing row comes before every healthy one.
    const firstHealthy = tableRows(result.text).findIndex(
      (row) => row[3] === 'Running' && row[2] === '1/1',
    );
    expect(firstHealthy).toBeGreaterThanOrEqual(failing.length);
    const crash = tableRows(result.text).find((row) => row[1]?.startsWith('svc-2-'));
    expect(crash?.[3]).toBe('CrashLoopBackOff');
    expect(crash?.[4]).toMatch(/^\d+ \(\d+s ago\)$/);
    // Crash loops (here svc-2 and the OOM-looping svc-12) lead: failing pods, most restarted first.
    expect(['svc-2', 'svc-12']).toContain(
      tableRows(result.text)[0]?.[1]?.split('-').slice(0, 2).join('-'),
    );
    expect(Number(tableRows(result.text)[0]?.[4]?.split(' ')[0])).toBeGreaterThan(0);
  });

  it('agrees with kubectl on every pod status and names every pod kubectl shows as unhealthy', async () => {
    const result = await sim().run(getPods);
    const data = result.data as PodsData;
    const byKubectl = await kubectlPods(sim().sim.kubeconfig);
    const ours = new Map(data.items.map((p) => [`${p.namespace}/${p.name}`, p]));
    for (const pod of byKubectl) {
      const mine = ours.get(`${pod.namespace}/${pod.name}`);
      if (!mine) continue; // created or deleted between the two reads
      expect(`${pod.name} ${mine.ready} ${mine.status}`).toBe(
        `${pod.name} ${pod.ready} ${pod.status}`,
      );
    }
    const unhealthy = unhealthyByKubectl(byKubectl);
    // (svc-12 is OOM-looping: between kills kubectl sees it Running 1/1, so it is not listed here.)
    expect(unhealthy.map((p) => p.name.split('-').slice(0, 2).join('-')).sort()).toEqual(
      expect.arrayContaining(['svc-11', 'svc-2', 'svc-5', 'svc-5', 'svc-7']),
    );
    for (const pod of unhealthy) expect(result.text).toContain(pod.name);
  });

  it('filters by namespace (no NAMESPACE column), labelSelector and fieldSelector', async () => {
    const byNamespace = await sim().run(getPods, { namespace: 'kube-system' });
    expect(byNamespace.text.split('\n')[1]).toMatch(/^NAME\s+READY/);
    expect((byNamespace.data as PodsData).items.every((p) => p.namespace === 'kube-system')).toBe(
      true,
    );

    const byLabel = await sim().run(getPods, { labelSelector: 'app in (svc-2, svc-12)' });
    expect(
      (byLabel.data as PodsData).items.map((p) => p.name.split('-').slice(0, 2).join('-')).sort(),
    ).toEqual(['svc-12', 'svc-2']);

    const pending = await sim().run(getPods, { fieldSelector: 'status.phase=Pending' });
    const names = (pending.data as PodsData).items.map((p) => p.name);
    expect(names.length).toBeGreaterThan(0);
    expect((pending.data as PodsData).items.every((p) => p.phase === 'Pending')).toBe(true);

    const onNode = await sim().run(getPods, {
      fieldSelector: 'spec.nodeName=control-plane,metadata.namespace=kube-system',
    });
    expect((onNode.data as PodsData).items.map((p) => p.name)).toContain('etcd-control-plane');
  });

  it('problemsOnly lists only failing and not-ready pods', async () => {
    const result = await sim().run(getPods, { problemsOnly: true });
    const data = result.data as PodsData;
    expect(data.items.length).toBe(data.failing + data.notReady);
    expect(data.items.every((p) => p.health !== 'ok')).toBe(true);
    expect(data.items.find((p) => p.name.startsWith('svc-12-'))?.detail).toBe(
      'last exit OOMKilled (137)',
    );
  });

  it('pages with limit and continue without gaps or repeats', async () => {
    const all = ((await sim().run(getPods)).data as PodsData).items.map((p) => p.name);
    const seen: string[] = [];
    let token: string | undefined;
    do {
      const page = (await sim().run(getPods, { limit: 25, ...(token ? { continue: token } : {}) }))
        .data as PodsData;
      seen.push(...page.items.map((p) => p.name));
      token = page.continue;
    } while (token);
    expect(seen).toEqual(all);
  });

  it('cuts the text to a small budget, says how many are left and continues where the text stopped', async () => {
    const first = await sim().run(getPods, {}, { budgetTokens: 300 });
    expect(estimateTokens(first.text)).toBeLessThanOrEqual(300);
    const footer = first.text.split('\n').at(-1) ?? '';
    expect(footer).toMatch(
      /^\d+ more; ask with continue=\S+ or narrow with namespace \/ labelSelector \/ problemsOnly\.$/,
    );
    const token = /continue=(\S+)/.exec(footer)?.[1];
    expect(token).toBe(first.page?.continue);
    const shownNames = tableRows(first.text).map((row) => row[1]);
    const next = await sim().run(getPods, { continue: token }, { budgetTokens: 300 });
    const all = ((await sim().run(getPods)).data as PodsData).items.map((p) => p.name);
    expect(tableRows(next.text)[0]?.[1]).toBe(all[shownNames.length]);
    expect(Number(footer.split(' ')[0])).toBe(all.length - shownNames.length);
  });

  it('refuses a continue token from another query and a bad selector, with a fix', async () => {
    const page = (await sim().run(getPods, { limit: 5 })).data as PodsData;
    await expect(
      sim().run(getPods, { namespace: 'team-001', continue: page.continue }),
    ).rejects.toThrow(/does not belong to this query/);
    const error = await sim()
      .run(getPods, { fieldSelector: 'spec.restartPolicy=Always' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).hint).toBe(
      'Supported fields: metadata.name, metadata.namespace, status.phase, spec.nodeName.',
    );
  });

  it('describes itself for an LLM and an MCP client as a read-only tool', () => {
    expect(getPods.name).toBe('get_pods');
    expect(getPods.risk(getPods.input.parse({}))).toBe('read');
    expect(getPods.annotations).toEqual({
      readOnlyHint: true,
      destructiveHint: false,
      openWorldHint: false,
    });
    expect(getPods.description).toMatch(/CrashLoopBackOff/);
    expect(() => getPods.input.parse({ limit: 0 })).toThrow();
  });
});
