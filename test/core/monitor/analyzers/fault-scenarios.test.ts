import type { V1Deployment, V1Node, V1Pod } from '@kubernetes/client-node';
import { afterEach, describe, expect, it } from 'vitest';
import type { Alert } from '../../../../src/core/alerts/alert.js';
import { parseMatchers } from '../../../../src/core/alerts/silences/matcher.js';
import { getJson } from '../../../../src/core/kube/http-json.js';
import { useTempDir } from '../../../support/temp-dir.js';
import { startAlertSim, type AlertSim } from './alert-sim.js';

const tempDir = useTempDir();
let run: AlertSim | undefined;
afterEach(async () => {
  await run?.stop();
  run = undefined;
});

interface ApiView {
  pods: V1Pod[];
  deployments: V1Deployment[];
  nodes: V1Node[];
  now: number;
}

interface Case {
  scenario: string;
  reason: string;
  kind: string;
  name: string;
  severity: 'warning' | 'critical';
  /** True once the API shows the fault as the analyzer defines it (thresholds: 1 min in these tests). */
  visible(api: ApiView, memo: Map<string, number>): boolean;
  evidence(alert: Alert): void;
}

const waiting = (p: V1Pod, reasons: string[]) =>
  (p.status?.containerStatuses ?? []).some((c) => reasons.includes(c.state?.waiting?.reason ?? ''));
const ofWorkload = (p: V1Pod, name: string) =>
  p.metadata?.namespace === 'shop' && (p.metadata?.name ?? '').startsWith(`${name}-`);
const since = (memo: Map<string, number>, key: string, on: boolean, now: number) => {
  if (!on) memo.delete(key);
  else if (!memo.has(key)) memo.set(key, now);
  return memo.get(key);
};

const cases: Case[] = [
  {
    scenario: 'crashloop',
    reason: 'CrashLoopBackOff',
    kind: 'Deployment',
    name: 'worker',
    severity: 'critical',
    visible: (api) =>
      api.pods.some((p) => ofWorkload(p, 'worker') && waiting(p, ['CrashLoopBackOff'])),
    evidence: (a) => {
      expect(a.evidence?.logs?.lines.join('\n')).toContain('failed to connect to queue');
      expect(a.evidence?.events.map((e) => e.reason)).toContain('BackOff');
      expect(a.evidence?.owner).toMatch(/^Deployment shop\/worker \(ready 0\/1\)$/);
    },
  },
  {
    scenario: 'oomkill',
    reason: 'OOMKilled',
    kind: 'Deployment',
    name: 'worker',
    severity: 'critical',
    visible: (api) =>
      api.pods.some(
        (p) =>
          ofWorkload(p, 'worker') &&
          (p.status?.containerStatuses ?? []).some(
            (c) => (c.state?.terminated ?? c.lastState?.terminated)?.reason === 'OOMKilled',
          ),
      ),
    evidence: (a) => {
      expect(a.summary).toContain('OOM-killed (exit code 137) at its 256Mi memory limit');
      expect(a.evidence?.logs?.container).toBe('worker');
      expect(a.evidence?.owner).toMatch(/^Deployment shop\/worker/);
    },
  },
  {
    scenario: 'imagepull',
    reason: 'ImagePullBackOff',
    kind: 'Deployment',
    name: 'web',
    severity: 'warning',
    visible: (api) =>
      api.pods.some(
        (p) => ofWorkload(p, 'web') && waiting(p, ['ErrImagePull', 'ImagePullBackOff']),
      ),
    evidence: (a) => {
      expect(a.summary).toContain('3.9.0-rc1-does-not-exist');
      expect(a.evidence?.events.some((e) => /Failed|BackOff/.test(e.reason))).toBe(true);
    },
  },
  {
    scenario: 'pending',
    reason: 'Pending',
    kind: 'Deployment',
    name: 'api',
    severity: 'warning',
    visible: (api) =>
      api.pods.some((p) => {
        const scheduled = p.status?.conditions?.find(
          (c) => c.type === 'PodScheduled' && c.status === 'False',
        );
        const at = scheduled ? Date.parse(scheduled.lastTransitionTime as unknown as string) : NaN;
        return ofWorkload(p, 'api') && p.status?.phase === 'Pending' && api.now - at >= 60_000;
      }),
    evidence: (a) => {
      expect(a.summary).toMatch(/cannot be scheduled: .*Insufficient cpu/);
      expect(a.evidence?.events.map((e) => e.reason)).toContain('FailedScheduling');
    },
  },
  {
    scenario: 'node-notready',
    reason: 'NodeNotReady',
    kind: 'Node',
    name: 'worker-2',
    severity: 'critical',
    visible: (api) =>
      api.nodes.some(
        (n) =>
          n.metadata?.name === 'worker-2' &&
          n.status?.conditions?.some((c) => c.type === 'Ready' && c.status !== 'True'),
      ),
    evidence: (a) => {
      expect(a.summary).toContain('Kubelet stopped posting node status');
      expect(a.evidence?.pods.length).toBeGreaterThan(0);
    },
  },
  {
    scenario: 'unavailable-replicas',
    reason: 'UnavailableReplicas',
    kind: 'Deployment',
    name: 'api',
    severity: 'warning',
    visible: (api, memo) => {
      const d = api.deployments.find(
        (x) => x.metadata?.namespace === 'shop' && x.metadata?.name === 'api',
      );
      const short = (d?.status?.availableReplicas ?? 0) < (d?.spec?.replicas ?? 1);
      const from = since(memo, 'api', short, api.now);
      return from !== undefined && api.now - from >= 60_000;
    },
    evidence: (a) => {
      expect(a.facts.available).toBe('1/3');
      expect(a.summary).toContain('containers with unready status');
      expect(a.evidence?.events.find((e) => e.reason === 'Unhealthy')?.message).toContain(
        'Readiness probe failed',
      );
    },
  },
];

async function apiView(r: AlertSim): Promise<ApiView> {
  const kc = r.sim.cluster.kubeConfig;
  const [pods, deployments, nodes] = await Promise.all([
    getJson<{ items: V1Pod[] }>(kc, '/api/v1/pods'),
    getJson<{ items: V1Deployment[] }>(kc, '/apis/apps/v1/deployments'),
    getJson<{ items: V1Node[] }>(kc, '/api/v1/nodes'),
  ]);
  return { pods: pods.items, deployments: deployments.items, nodes: nodes.items, now: r.now() };
}

describe('fault scenarios on the sim', () => {
  for (const c of cases) {
    it(`${c.scenario}: one ${c.reason} incident, on time, with evidence, resolved when cleared`, async () => {
      const r = (run = await startAlertSim(tempDir(), c.scenario));
      expect(await r.incidents()).toEqual([]);
      let visibleAt: number | undefined;
      const memo = new Map<string, number>();
      // One-second steps until the incident opens, checking the API itself each step.
      for (let i = 0; i < 300 && (await r.incidents()).length === 0; i++) {
        await r.advance(1000, 1000);
        if (visibleAt === undefined && c.visible(await apiView(r), memo)) visibleAt = r.now();
      }
      const [incident] = await r.incidents();
      expect(incident, 'an incident opened').toBeDefined();
      expect(visibleAt, 'the fault showed in the API').toBeDefined();
      // Latency on the sim's clock: the analyzer saw it within 5 s of the API showing it.
      expect((incident?.firstSeenAt ?? 0) - (visibleAt ?? 0)).toBeLessThanOrEqual(5000);
      // More time with the fault on: still the same single incident.
      await r.advance(420_000, 5000);
      const during = await r.incidents();
      expect(during).toHaveLength(1);
      const alert = during[0] as Alert;
      expect(alert).toMatchObject({
        reason: c.reason,
        severity: c.severity,
        state: 'firing',
        subject: { cluster: 'sim', kind: c.kind, name: c.name },
      });
      c.evidence(alert);
      // Clearing the fault resolves it.
      r.sim.sim.clearFault('f-1');
      for (let i = 0; i < 120 && (await r.incidents())[0]?.state !== 'resolved'; i++)
        await r.advance(5000, 5000);
      const after = await r.incidents();
      expect(after.map((a) => [a.reason, a.state])).toEqual([[c.reason, 'resolved']]);
      await r.notifier.waitForSent(2);
      const sent = r.notifier.sent;
      expect(sent.every((n) => n.alert.id === alert.id)).toBe(true);
      expect(sent[0]?.kind).toBe('new');
      expect(sent.at(-1)?.kind).toBe('resolved');
      for (const n of sent.slice(1)) expect(n.previousMessageId).toBe(sent[0]?.messageId);
      expect([...r.notifier.sentPerKey().values()].every((count) => count === 1)).toBe(true);
    });
  }

  it('sends updates to the same incident: a severity rise and an acknowledgement', async () => {
    const r = (run = await startAlertSim(tempDir(), 'healthy'));
    // One of three api replicas crash-loops: degraded (warning)...
    r.sim.sim.injectFault({
      type: 'crashloop',
      namespace: 'shop',
      deployment: 'api',
      count: 1,
      runFor: '5s',
    });
    for (let i = 0; i < 120 && (await r.incidents()).length === 0; i++) await r.advance(1000, 1000);
    const [incident] = await r.incidents();
    expect(incident).toMatchObject({
      reason: 'CrashLoopBackOff',
      severity: 'warning',
      subject: { name: 'api' },
    });
    // ...then all of them: no ready replica left (critical), still the same incident.
    r.sim.sim.injectFault({
      type: 'crashloop',
      namespace: 'shop',
      deployment: 'api',
      runFor: '5s',
    });
    for (let i = 0; i < 120 && (await r.incidents())[0]?.severity !== 'critical'; i++)
      await r.advance(2000, 2000);
    await r.pipeline.lifecycle.acknowledge(incident?.id ?? 0, 'slack:U42');
    await r.advance(300_000, 10_000);
    await r.notifier.waitForSent(3);
    const sent = r.notifier.sent;
    expect(await r.incidents()).toHaveLength(1);
    expect(sent.map((n) => [n.kind, n.change, n.alert.id])).toEqual([
      ['new', undefined, incident?.id],
      ['update', 'severity warning -> critical', incident?.id],
      ['update', 'acknowledged by slack:U42', incident?.id],
    ]);
    expect(sent.slice(1).every((n) => n.previousMessageId === sent[0]?.messageId)).toBe(true);
  });

  it('keeps a silenced incident quiet from start to resolution', async () => {
    const r = (run = await startAlertSim(tempDir(), 'crashloop'));
    await r.pipeline.silenceRepo.create({
      matchers: parseMatchers('namespace=shop,reason=CrashLoopBackOff'),
      createdBy: 'slack:U1',
      createdAt: r.now(),
      expiresAt: r.now() + 3_600_000,
    });
    await r.pipeline.silences.refresh();
    await r.advance(120_000, 2000);
    expect((await r.incidents()).map((a) => [a.reason, a.state])).toEqual([
      ['CrashLoopBackOff', 'firing'],
    ]);
    r.sim.sim.clearFault('f-1');
    for (let i = 0; i < 120 && (await r.incidents())[0]?.state !== 'resolved'; i++)
      await r.advance(5000, 5000);
    expect((await r.incidents()).map((a) => a.state)).toEqual(['resolved']);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(r.notifier.calls).toEqual([]);
  });
});
