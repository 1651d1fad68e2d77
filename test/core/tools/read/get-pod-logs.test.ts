import { describe, expect, it } from 'vitest';
import { UserError } from '../../../../src/core/errors/user-error.js';
import { getPodLogs } from '../../../../src/core/tools/read/get-pod-logs.js';
import { estimateTokens } from '../../../../src/core/tools/render/budget.js';
import { printableLine } from '../../../../src/core/tools/render/log-lines.js';
import { toMillis } from '../../../../src/core/tools/render/age.js';
import { waitFor } from '../../../support/sim.js';
import { longLine, useBrokenShop } from './broken-shop.js';

interface LogsData {
  namespace: string;
  pod: string;
  container: string;
  previous: boolean;
  viaDeployment?: string;
  lines: { text: string; repeat: number }[];
}

const crashPod = (sim: ReturnType<ReturnType<typeof useBrokenShop>>): string =>
  sim.cluster.cache.list('pods', 'team-001').find((p) => p.metadata?.labels?.app === 'svc-2')
    ?.metadata?.name ?? '';

describe('get_pod_logs on the simulated cluster', () => {
  const sim = useBrokenShop();

  it("returns the previous container's logs of a crash-looping pod, ending with why it died", async () => {
    const result = await sim().run(getPodLogs, {
      pod: crashPod(sim()),
      namespace: 'team-001',
      previous: true,
    });
    const lines = result.text.split('\n');
    expect(lines[0]).toBe(
      `Logs of team-001/${crashPod(sim())}, container app; previous instance, last 100 lines:`,
    );
    expect(lines.at(-1)).toBe('FATAL: password authentication failed for user "shop"');
    expect(result.text).toContain('connecting to postgres at db:5432');
    expect((result.data as LogsData).previous).toBe(true);
  });

  it('collapses repeated consecutive lines with a count and cuts very long lines', async () => {
    const result = await sim().run(getPodLogs, { pod: crashPod(sim()), previous: true });
    expect(result.text).toContain('\nretrying (x3)\n');
    expect(result.text).not.toContain('retrying\nretrying');
    expect(result.text).toMatch(/\naaaa+… \(\d+ more characters\)\n/);
    expect((result.data as LogsData).lines).toContainEqual({ text: 'retrying', repeat: 3 });
    expect(estimateTokens(result.text)).toBeLessThanOrEqual(2000);
  });

  it('greps with a regex, and a hostile pattern on a 20,000-character line answers correctly', async () => {
    const fatal = await sim().run(getPodLogs, {
      pod: crashPod(sim()),
      previous: true,
      grep: '(?i)fatal|postgres',
    });
    expect(fatal.text.split('\n').slice(1)).toEqual([
      'connecting to postgres at db:5432',
      'FATAL: password authentication failed for user "shop"',
    ]);
    expect(fatal.text.split('\n')[0]).toMatch(
      /lines matching \/\(\?i\)fatal\|postgres\/: 2 of \d+:$/,
    );

    // `(a+)+$` backtracks exponentially in a backtracking engine; RE2 runs in linear time.
    const hostile = await sim().run(getPodLogs, {
      pod: crashPod(sim()),
      previous: true,
      grep: '(a+)+$',
    });
    const matched = (hostile.data as LogsData).lines.map((l) => l.text);
    expect(matched).toEqual([longLine]);
  });

  it('refuses a grep pattern RE2 cannot read, with the fix', async () => {
    const error = await sim()
      .run(getPodLogs, { pod: crashPod(sim()), grep: '(?<=x)y' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).kind).toBe('bad-input');
    expect((error as UserError).hint).toMatch(/RE2 syntax/);
  });

  it('takes a deployment name and reads its newest started pod', async () => {
    const { cluster } = sim();
    const before = cluster.cache
      .list('pods', 'team-001')
      .filter((p) => p.metadata?.labels?.app === 'svc-1');
    const victim = before[0]?.metadata?.name ?? '';
    await cluster.core.deleteNamespacedPod({ name: victim, namespace: 'team-001' });
    const isStarted = (name: string): boolean =>
      cluster.cache
        .get('pods', 'team-001', name)
        ?.status?.containerStatuses?.some((c) => c.state?.running) === true;
    let replacement = '';
    await waitFor(
      () => {
        const now = cluster.cache
          .list('pods', 'team-001')
          .filter((p) => p.metadata?.labels?.app === 'svc-1');
        replacement =
          now.find((p) => !before.some((b) => b.metadata?.name === p.metadata?.name))?.metadata
            ?.name ?? '';
        return replacement !== '' && isStarted(replacement);
      },
      20_000,
      'the replacement pod of svc-1 to run',
    );
    const newest = cluster.cache
      .list('pods', 'team-001')
      .filter((p) => p.metadata?.labels?.app === 'svc-1')
      .sort(
        (a, b) =>
          (toMillis(b.metadata?.creationTimestamp) ?? 0) -
          (toMillis(a.metadata?.creationTimestamp) ?? 0),
      )[0];
    expect(newest?.metadata?.name).toBe(replacement);

    const result = await sim().run(getPodLogs, { pod: 'svc-1', tailLines: 5 });
    const data = result.data as LogsData;
    expect(data.pod).toBe(replacement);
    expect(data.viaDeployment).toBe('team-001/svc-1');
    // The deleted pod may still be Terminating, so the deployment has 3 or 4 pods for a moment.
    expect(result.text.split('\n')[0]).toMatch(
      new RegExp(
        `^Logs of team-001/${replacement} \\(newest started of [34] pods of deployment team-001/svc-1\\), container app; last 5 lines:$`,
      ),
    );
    expect(data.lines.reduce((n, l) => n + l.repeat, 0)).toBeLessThanOrEqual(5);
  });

  it('keeps the most recent lines when the budget is small and says what it left out', async () => {
    const full = await sim().run(getPodLogs, { pod: 'svc-9' });
    const all = (full.data as LogsData).lines;
    expect(all.length).toBeGreaterThan(20);
    const result = await sim().run(getPodLogs, { pod: 'svc-9' }, { budgetTokens: 200 });
    expect(estimateTokens(result.text)).toBeLessThanOrEqual(200);
    const omitted =
      /\n… (\d+) earlier lines not shown; narrow with grep, sinceSeconds or tailLines\.\n/.exec(
        result.text,
      );
    expect(omitted).not.toBeNull();
    const shown = result.text.split('\n').slice(2);
    expect(Number(omitted?.[1]) + shown.length).toBe(all.length);
    expect(shown.at(-1)).toBe(printableLine(all.at(-1)!));
  });

  it('stops waiting for the API server when the call is cancelled', async () => {
    const error = await sim()
      .run(getPodLogs, { pod: crashPod(sim()) }, { signal: AbortSignal.abort() })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toMatch(
      /^cluster "sim" did not answer in time \(reading logs of team-001\/svc-2-/,
    );
  });

  it('explains a missing pod, a wrong container, and logs that do not exist yet', async () => {
    const missing = await sim()
      .run(getPodLogs, { pod: 'svc-2-nope' })
      .catch((e: unknown) => e);
    expect((missing as UserError).kind).toBe('not-found');
    expect((missing as UserError).message).toBe(
      'No pod or deployment named "svc-2-nope" in any namespace of cluster "sim".',
    );

    const similar = await sim()
      .run(getPodLogs, { pod: 'svc-1', namespace: 'kube-system' })
      .catch((e: unknown) => e);
    expect((similar as UserError).kind).toBe('not-found');

    const container = await sim()
      .run(getPodLogs, { pod: crashPod(sim()), container: 'sidecar' })
      .catch((e: unknown) => e);
    expect((container as UserError).toText()).toBe(
      `Pod team-001/${crashPod(sim())} has no container "sidecar". Its containers: app.`,
    );

    const pulling = sim()
      .cluster.cache.list('pods', 'team-001')
      .find((p) =>
        p.status?.containerStatuses?.some((c) => c.state?.waiting?.reason === 'ImagePullBackOff'),
      );
    const waiting = await sim()
      .run(getPodLogs, { pod: pulling?.metadata?.name ?? '' })
      .catch((e: unknown) => e);
    expect(waiting).toBeInstanceOf(UserError);
    expect((waiting as UserError).message).toMatch(
      /cluster "sim" refused the request \(reading logs of team-001\/svc-7-.*: container "app" .* is waiting to start: trying and failing to pull image\./,
    );
  });
});
