import { afterEach, describe, expect, it } from 'vitest';
import { fingerprintOf } from '../../../src/core/alerts/fingerprint.js';
import { AlertLifecycle } from '../../../src/core/alerts/lifecycle/alert-lifecycle.js';
import { AlertRouter } from '../../../src/core/alerts/routing/alert-router.js';
import { parseMatchers } from '../../../src/core/alerts/silences/matcher.js';
import { Silences } from '../../../src/core/alerts/silences/silences.js';
import { UserError } from '../../../src/core/errors/user-error.js';
import { defaultMonitoringConfig } from '../../../src/core/monitor/config.js';
import { useTempDir } from '../../support/temp-dir.js';
import { alertFixture, finding, type AlertFixture } from './alert-fixture.js';

const tempDir = useTempDir();
const MIN = 60_000;
let fx: AlertFixture;

afterEach(async () => {
  await fx?.db.close();
});

async function outbox() {
  return fx.lifecycle.outbox.list();
}

describe('alert lifecycle', () => {
  it('opens one incident per fingerprint and writes its new notification with it', async () => {
    fx = await alertFixture(tempDir());
    const first = await fx.lifecycle.reconcile('analyzer', [finding()], { all: true });
    expect(first.opened).toHaveLength(1);
    await fx.lifecycle.reconcile('analyzer', [finding()], { all: true });
    await fx.lifecycle.reconcile('analyzer', [finding({ facts: { restarts: '4' } })], {
      all: true,
    });
    const rows = await outbox();
    expect(rows.map((r) => [r.kind, r.platform, r.channel])).toEqual([['new', 'test', '#ops']]);
    const open = await fx.lifecycle.alerts.open();
    expect(open).toHaveLength(1);
    expect(open[0]?.facts).toEqual({ restarts: '4' });
    expect(open[0]?.fingerprint).toBe(fingerprintOf(finding().subject, 'CrashLoopBackOff'));
    expect(fx.outboxIds).toEqual(rows.map((r) => r.id));
  });

  it('sends a severity change as an update of the same incident', async () => {
    fx = await alertFixture(tempDir());
    await fx.lifecycle.reconcile('analyzer', [finding()], { all: true });
    await fx.lifecycle.reconcile('analyzer', [finding({ severity: 'critical' })], { all: true });
    const rows = await outbox();
    expect(rows.map((r) => [r.kind, r.change, r.alertId])).toEqual([
      ['new', undefined, rows[0]?.alertId],
      ['update', 'severity warning -> critical', rows[0]?.alertId],
    ]);
    expect(JSON.parse(rows[1]?.payloadJson ?? '{}').severity).toBe('critical');
  });

  it('never lowers the severity of an open incident (no update per crash of a flapping readiness)', async () => {
    fx = await alertFixture(tempDir());
    await fx.lifecycle.reconcile('analyzer', [finding({ severity: 'critical' })], { all: true });
    await fx.lifecycle.reconcile('analyzer', [finding({ severity: 'warning' })], { all: true });
    await fx.lifecycle.reconcile('analyzer', [finding({ severity: 'critical' })], { all: true });
    expect((await outbox()).map((r) => r.kind)).toEqual(['new']);
    expect((await fx.lifecycle.alerts.open())[0]?.severity).toBe('critical');
  });

  it('explains a fingerprint once and reuses the explanation for its repeats', async () => {
    fx = await alertFixture(tempDir(), {
      config: { alerts: { resolveAfterSeconds: 0, cooldownMinutes: 0 } },
    });
    const asked: number[] = [];
    const config = defaultMonitoringConfig({
      alerts: { resolveAfterSeconds: 0, cooldownMinutes: 0 },
    });
    const explained = new AlertLifecycle({
      db: fx.db,
      now: fx.clock.now,
      settings: config.alerts,
      router: new AlertRouter({
        bindings: [],
        platforms: new Set(['test']),
        fallback: [{ platform: 'test', channel: '#ops' }],
      }),
      silences: new Silences(fx.silenceRepo, fx.clock.now),
      explainer: async (alert) => {
        asked.push(alert.id);
        return `why #${alert.id}`;
      },
    });
    const first = await explained.reconcile('analyzer', [finding()], { all: true });
    await new Promise((r) => setTimeout(r, 50));
    await explained.reconcile('analyzer', [], { all: true });
    const again = await explained.reconcile('analyzer', [finding()], { all: true });
    await new Promise((r) => setTimeout(r, 50));
    expect(again.opened[0]?.id).not.toBe(first.opened[0]?.id);
    expect(asked).toEqual([first.opened[0]?.id]);
    expect(again.opened[0]?.explanation).toBe(`why #${first.opened[0]?.id}`);
    expect((await explained.alerts.get(again.opened[0]?.id ?? 0))?.explanation).toBe(
      `why #${first.opened[0]?.id}`,
    );
  });

  it('resolves only after the condition stayed clear for resolveAfter', async () => {
    fx = await alertFixture(tempDir(), { config: { alerts: { resolveAfterSeconds: 60 } } });
    await fx.lifecycle.reconcile('analyzer', [finding()], { all: true });
    fx.clock.advance(10_000);
    await fx.lifecycle.reconcile('analyzer', [], { all: true });
    fx.clock.advance(30_000);
    expect((await fx.lifecycle.tick()).resolved).toHaveLength(0);
    // Back before the hold ran out: the clock restarts.
    await fx.lifecycle.reconcile('analyzer', [finding()], { all: true });
    await fx.lifecycle.reconcile('analyzer', [], { all: true });
    fx.clock.advance(59_000);
    expect((await fx.lifecycle.tick()).resolved).toHaveLength(0);
    fx.clock.advance(1_000);
    expect((await fx.lifecycle.tick()).resolved).toHaveLength(1);
    expect((await outbox()).map((r) => r.kind)).toEqual(['new', 'resolved']);
    expect(await fx.lifecycle.alerts.open()).toHaveLength(0);
  });

  it('reopens the same incident within the cooldown and opens a new one after it', async () => {
    fx = await alertFixture(tempDir(), {
      config: { alerts: { resolveAfterSeconds: 0, cooldownMinutes: 30 } },
    });
    const { opened } = await fx.lifecycle.reconcile('analyzer', [finding()], { all: true });
    const id = opened[0]?.id;
    await fx.lifecycle.reconcile('analyzer', [], { all: true });
    fx.clock.advance(10 * MIN);
    const again = await fx.lifecycle.reconcile('analyzer', [finding()], { all: true });
    expect(again.opened).toHaveLength(0);
    expect(again.updated.map((a) => a.id)).toEqual([id]);
    await fx.lifecycle.reconcile('analyzer', [], { all: true });
    fx.clock.advance(31 * MIN);
    const later = await fx.lifecycle.reconcile('analyzer', [finding()], { all: true });
    expect(later.opened).toHaveLength(1);
    expect(later.opened[0]?.id).not.toBe(id);
    const rows = await outbox();
    expect(rows.map((r) => [r.alertId === id, r.kind, r.change])).toEqual([
      [true, 'new', undefined],
      [true, 'resolved', undefined],
      [true, 'update', 'firing again'],
      [true, 'resolved', undefined],
      [false, 'new', undefined],
    ]);
  });

  it('damps a flapping incident: one flapping note, then quiet until stable', async () => {
    fx = await alertFixture(tempDir(), {
      config: {
        alerts: {
          resolveAfterSeconds: 0,
          cooldownMinutes: 30,
          flapReopenCount: 3,
          flapWindowMinutes: 60,
          flapHoldMinutes: 20,
        },
      },
    });
    await fx.lifecycle.reconcile('analyzer', [finding()], { all: true });
    for (let i = 0; i < 6; i++) {
      fx.clock.advance(MIN);
      await fx.lifecycle.reconcile('analyzer', [], { all: true });
      fx.clock.advance(MIN);
      await fx.lifecycle.reconcile('analyzer', [finding()], { all: true });
    }
    await fx.lifecycle.reconcile('analyzer', [], { all: true });
    fx.clock.advance(19 * MIN);
    await fx.lifecycle.tick();
    fx.clock.advance(MIN);
    await fx.lifecycle.tick();
    const rows = await outbox();
    expect(rows.map((r) => r.kind)).toEqual([
      'new',
      'resolved',
      'update',
      'resolved',
      'update',
      'resolved',
      'update',
      'resolved',
    ]);
    expect(rows[6]?.change).toMatch(/^flapping: fired again 3 times/);
    expect(new Set(rows.map((r) => r.alertId)).size).toBe(1);
  });

  it('keeps a silenced incident quiet and sends it once the silence lapses', async () => {
    fx = await alertFixture(tempDir());
    await fx.silenceRepo.create({
      matchers: parseMatchers('namespace=shop,reason=Crash*'),
      createdBy: 'slack:U1',
      createdAt: fx.clock.ms,
      expiresAt: fx.clock.ms + 60 * MIN,
    });
    await fx.silences.refresh();
    await fx.lifecycle.reconcile(
      'analyzer',
      [finding(), finding({ reason: 'OOMKilled', severity: 'critical' })],
      { all: true },
    );
    await fx.lifecycle.reconcile(
      'analyzer',
      [finding({ severity: 'critical' }), finding({ reason: 'OOMKilled', severity: 'critical' })],
      {
        all: true,
      },
    );
    expect((await outbox()).map((r) => JSON.parse(r.payloadJson).reason)).toEqual(['OOMKilled']);
    fx.clock.advance(61 * MIN);
    await fx.lifecycle.tick();
    const rows = await outbox();
    expect(rows.map((r) => [JSON.parse(r.payloadJson).reason, r.kind])).toEqual([
      ['OOMKilled', 'new'],
      ['CrashLoopBackOff', 'new'],
    ]);
  });

  it('silences by fingerprint, including the resolved note', async () => {
    fx = await alertFixture(tempDir(), { config: { alerts: { resolveAfterSeconds: 0 } } });
    await fx.silenceRepo.create({
      fingerprint: fingerprintOf(finding().subject, 'CrashLoopBackOff'),
      createdBy: 'cli:root',
      createdAt: fx.clock.ms,
      expiresAt: fx.clock.ms + 60 * MIN,
    });
    await fx.silences.refresh();
    await fx.lifecycle.reconcile('analyzer', [finding(), finding({ name: 'cart' })], { all: true });
    await fx.lifecycle.reconcile('analyzer', [], { all: true });
    expect((await outbox()).map((r) => [JSON.parse(r.payloadJson).subject.name, r.kind])).toEqual([
      ['cart', 'new'],
      ['cart', 'resolved'],
    ]);
  });

  it('acknowledges once, notes it in the thread, and refuses unknown or resolved ids', async () => {
    fx = await alertFixture(tempDir(), { config: { alerts: { resolveAfterSeconds: 0 } } });
    const { opened } = await fx.lifecycle.reconcile('analyzer', [finding()], { all: true });
    const id = opened[0]?.id as number;
    const acked = await fx.lifecycle.acknowledge(id, 'alice');
    expect(acked).toMatchObject({ state: 'acknowledged', ackedBy: 'alice' });
    await expect(fx.lifecycle.acknowledge(id, 'bob')).rejects.toThrow(
      /already acknowledged by alice/,
    );
    await expect(fx.lifecycle.acknowledge(999, 'bob')).rejects.toBeInstanceOf(UserError);
    // Acknowledged: a severity change is stored but not announced.
    await fx.lifecycle.reconcile('analyzer', [finding({ severity: 'critical' })], { all: true });
    await fx.lifecycle.reconcile('analyzer', [], { all: true });
    await expect(fx.lifecycle.acknowledge(id, 'bob')).rejects.toThrow(/already resolved/);
    const rows = await outbox();
    expect(rows.map((r) => [r.kind, r.change])).toEqual([
      ['new', undefined],
      ['update', 'acknowledged by alice'],
      ['resolved', undefined],
    ]);
  });

  it('clears only what the pass speaks for', async () => {
    fx = await alertFixture(tempDir(), { config: { alerts: { resolveAfterSeconds: 0 } } });
    await fx.lifecycle.reconcile('analyzer', [finding(), finding({ name: 'cart' })], { all: true });
    await fx.lifecycle.reconcile('anomaly', [finding({ name: 'web', reason: 'Anomaly' })], {
      all: true,
    });
    const cart = fingerprintOf(finding({ name: 'cart' }).subject, 'CrashLoopBackOff');
    const web = fingerprintOf(finding({ name: 'web' }).subject, 'Anomaly');
    // A watch-driven pass about cart says nothing about checkout, and an analyzer pass nothing about anomalies.
    await fx.lifecycle.reconcile('analyzer', [], { fingerprints: [cart, web] });
    expect((await fx.lifecycle.alerts.open()).map((a) => a.subject.name).sort()).toEqual([
      'checkout',
      'web',
    ]);
    await fx.lifecycle.reconcile('analyzer', [], { all: true, cluster: 'other' });
    expect(await fx.lifecycle.alerts.open()).toHaveLength(2);
  });

  it('routes by binding and brings a channel in when the severity reaches its minimum', async () => {
    fx = await alertFixture(tempDir(), {
      bindings: [
        {
          platform: 'slack',
          channel: 'C-shop',
          namespaces: ['shop'],
          minSeverity: 'warning',
          alerts: true,
        },
        { platform: 'slack', channel: 'C-pager', minSeverity: 'critical', alerts: true },
        {
          platform: 'slack',
          channel: 'C-other',
          namespaces: ['web'],
          minSeverity: 'info',
          alerts: true,
        },
        { platform: 'slack', channel: 'C-chat', minSeverity: 'info', alerts: false },
        {
          platform: 'discord',
          channel: 'D-oom',
          minSeverity: 'info',
          alertKinds: ['OOMKilled'],
          alerts: true,
        },
      ],
      platforms: ['slack', 'discord'],
    });
    await fx.lifecycle.reconcile('analyzer', [finding()], { all: true });
    await fx.lifecycle.reconcile('analyzer', [finding({ severity: 'critical' })], { all: true });
    const rows = await outbox();
    expect(rows.map((r) => [r.kind, r.channel])).toEqual([
      ['new', 'C-shop'],
      ['update', 'C-shop'],
      ['new', 'C-pager'],
    ]);
  });

  it('writes nothing when the outbox write fails (one transaction)', async () => {
    fx = await alertFixture(tempDir());
    await fx.db.exec('DROP TABLE alert_outbox');
    await expect(fx.lifecycle.reconcile('analyzer', [finding()], { all: true })).rejects.toThrow(
      /alert_outbox/,
    );
    expect(await fx.lifecycle.alerts.list({ includeResolved: true })).toEqual([]);
  });

  it('dedupes across a restart: a new lifecycle on the same database finds the open incident', async () => {
    fx = await alertFixture(tempDir());
    await fx.lifecycle.reconcile('analyzer', [finding()], { all: true });
    const config = defaultMonitoringConfig();
    const again = new AlertLifecycle({
      db: fx.db,
      now: fx.clock.now,
      settings: config.alerts,
      router: new AlertRouter({
        bindings: [],
        platforms: new Set(['test']),
        fallback: [{ platform: 'test', channel: '#ops' }],
      }),
      silences: new Silences(fx.silenceRepo, fx.clock.now),
    });
    expect((await again.reconcile('analyzer', [finding()], { all: true })).opened).toEqual([]);
    expect(await outbox()).toHaveLength(1);
  });
});
