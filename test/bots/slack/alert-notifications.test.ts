import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../../src/core/alerts/alert.js';
import { createAlertCommands } from '../../../src/core/alerts/commands/alert-commands.js';
import { AuditRepo } from '../../../src/core/store/repos/audit.js';
import type { FakeMessage } from '../../fakes/slack/index.js';
import { useSimTestCluster, waitFor } from '../../support/sim.js';
import {
  crashLoopFinding,
  startAlertPipeline,
  type AlertPipeline,
} from './support/alert-pipeline.js';
import { hostileLines } from './support/render-fixtures.js';
import { blocksText } from './support/slack-fixture.js';
import { useSlackFixture } from './support/use-slack-fixture.js';

// An injected crash loop on the sim goes through the alert pipeline (lifecycle -> outbox ->
// notify queue -> SlackNotifier) to the fake Slack, which fails along the way: one message per
// incident, updates in its thread, the original edited on resolution, nothing posted twice.

const alertsChannel = 'C_ALERTS';
const sim = useSimTestCluster({ scenario: 'demo' });
const slack = useSlackFixture(sim, { notifierTimeoutMs: 300 });
let fx: ReturnType<typeof slack>;
let pipeline: AlertPipeline;
let finding: Finding;
let faultId: string;
let root: FakeMessage;
/** The alert message as first posted: a stale client still shows its buttons. */
let original: FakeMessage;

beforeAll(async () => {
  fx = slack();
  pipeline = await startAlertPipeline({
    db: fx.db,
    notifier: fx.bot.notifier,
    channel: alertsChannel,
    logger: sim().logger,
  });
  const { lifecycle, silences, silenceRepo, now } = pipeline;
  for (const command of createAlertCommands({ lifecycle, silences, silenceRepo, now }))
    fx.agent.commands.register(command);
  faultId = await sim().fault(
    {
      type: 'crashloop',
      namespace: 'shop',
      deployment: 'catalog',
      logs: hostileLines,
      exitCode: 1,
      runFor: '1s',
    },
    (c) => crashLoopFinding(c, 'shop', 'catalog') !== undefined,
    30_000,
  );
  finding = crashLoopFinding(sim().cluster, 'shop', 'catalog') as Finding;
});
afterAll(async () => {
  await pipeline?.stop();
});

const topLevel = () => fx.fake.workspace.topLevel(alertsChannel);
const replies = () => (root ? fx.fake.workspace.thread(alertsChannel, root.ts).slice(1) : []);
const keyOf = (m: FakeMessage) => m.metadata?.event_payload.key;

describe('alerts in Slack through the outbox', () => {
  it('posts exactly one alert message although Slack answers 429, then 500 after posting', async () => {
    fx.fake.failNext(
      'chat.postMessage',
      { kind: 'rate-limited', retryAfterSeconds: 1 },
      { kind: 'server-error', commit: true },
    );
    await pipeline.lifecycle.reconcile('analyzer', [finding], { all: true, cluster: 'sim' });
    await waitFor(
      async () => (await pipeline.delivery.repo.list()).every((r) => r.status === 'sent'),
      15_000,
      'the new notification sent',
    );
    expect(topLevel()).toHaveLength(1);
    root = topLevel()[0] as FakeMessage;
    original = structuredClone(root);
    const [row] = await pipeline.delivery.repo.list();
    expect(row?.messageId).toBe(root.ts);
    expect(keyOf(root)).toBe(row?.key);
    expect(fx.fake.callsTo('chat.postMessage').map((c) => c.fault ?? 'ok')).toEqual([
      'rate-limited',
      'server-error',
    ]);
    expect(fx.fake.callsTo('conversations.history')).toHaveLength(1);
    // The 429 was retried after its Retry-After, not sooner.
    const [first, second] = fx.fake.callsTo('chat.postMessage');
    expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(950);
    const text = blocksText(root.blocks);
    expect(text).toContain('CrashLoopBackOff: Deployment shop/catalog');
    expect(text).toContain('&lt;!channel&gt; the database is down');
    expect(text).not.toMatch(/<!channel>|<https:/);
  });

  it('threads an update under it, once, although the first try timed out after posting', async () => {
    fx.fake.failNext('chat.postMessage', { kind: 'hang', ms: 3000, commit: true });
    await pipeline.lifecycle.reconcile('analyzer', [{ ...finding, severity: 'critical' }], {
      all: true,
      cluster: 'sim',
    });
    await waitFor(
      async () => (await pipeline.delivery.repo.list()).every((r) => r.status === 'sent'),
      15_000,
      'the update sent',
    );
    expect(topLevel()).toHaveLength(1);
    expect(replies()).toHaveLength(1);
    expect(blocksText(replies()[0]?.blocks)).toContain('severity warning -&gt; critical');
    expect(fx.fake.callsTo('conversations.replies')).toHaveLength(1);
  });

  it('runs the alert buttons as the clicking user, answering in the incident’s thread', async () => {
    const before = replies().length;
    await fx.click(root, 'alert.logs', 'viewer');
    const logs = await fx.fake.waitFor(
      () => replies().find((m) => blocksText(m.blocks).includes('Previous logs')),
      'the logs in the thread',
    );
    expect(blocksText(logs.blocks)).toContain('&lt;!channel&gt; the database is down');
    expect(blocksText(logs.blocks)).not.toContain('<!channel>');

    await fx.click(root, 'alert.explain', 'viewer');
    await fx.fake.waitFor(() => replies().length >= before + 2, 'the explanation in the thread');

    // A viewer may not acknowledge: told privately, nothing changes.
    const refused = await fx.click(root, 'alert.ack', 'viewer');
    const refusal = await fx.fake.waitFor(
      () => fx.fake.responses.find((r) => r.id === refused.responseUrlId),
      'the refusal',
    );
    expect(refusal.body.response_type).toBe('ephemeral');
    expect(blocksText(refusal.body.blocks as unknown[])).toContain(
      'Only operators and admins may acknowledge alerts',
    );

    // An operator may: the clicker hears it privately, the thread gets the incident's update.
    const ack = await fx.click(root, 'alert.ack', 'operator');
    const confirmed = await fx.fake.waitFor(
      () => fx.fake.responses.find((r) => r.id === ack.responseUrlId),
      'the confirmation',
    );
    expect(confirmed.body.response_type).toBe('ephemeral');
    expect(blocksText(confirmed.body.blocks as unknown[])).toMatch(
      /Acknowledged #\d+ CrashLoopBackOff on Deployment shop\/catalog/,
    );
    const update = await fx.fake.waitFor(
      () => replies().find((m) => blocksText(m.blocks).includes('acknowledged by otto')),
      'the acknowledgement in the thread',
    );
    expect(update.metadata?.event_type).toBe('ai4k8s_notification');
    const audit = await new AuditRepo(fx.db).list({ actor: 'slack:U_OP' });
    const alertId = (await pipeline.delivery.repo.list())[0]?.alertId;
    expect(
      audit.some((a) => (a.args as { text?: string } | undefined)?.text === `ack ${alertId}`),
    ).toBe(true);
  });

  it('edits the original on resolution and says so in the thread, also after a 500 and a 503', async () => {
    sim().sim.clearFault(faultId);
    const repliesChecks = fx.fake.callsTo('conversations.replies').length;
    fx.fake.failNext('chat.update', { kind: 'server-error' });
    fx.fake.failNext('chat.postMessage', { kind: 'server-error', status: 503 });
    await pipeline.lifecycle.reconcile('analyzer', [], { all: true, cluster: 'sim' });
    pipeline.clock.ms += 61_000;
    await pipeline.lifecycle.tick();
    await waitFor(
      async () => (await pipeline.delivery.repo.list()).every((r) => r.status === 'sent'),
      15_000,
      'the resolution sent',
    );
    const rows = await pipeline.delivery.repo.list();
    expect(rows.map((r) => r.kind)).toEqual(['new', 'update', 'update', 'resolved']);
    expect(topLevel()).toHaveLength(1);
    const edited = fx.fake.workspace.find(alertsChannel, root.ts);
    expect(edited?.edited).toBeDefined();
    expect(blocksText(edited?.blocks)).toContain(
      'Resolved: CrashLoopBackOff: Deployment shop/catalog',
    );
    expect((edited?.blocks ?? []).some((b) => (b as { type: string }).type === 'actions')).toBe(
      false,
    );
    const notifierReplies = replies().filter((m) => m.metadata);
    expect(notifierReplies.map((m) => keyOf(m))).toEqual(rows.slice(1).map((r) => r.key));
    expect(blocksText(notifierReplies.at(-1)?.blocks)).toMatch(/Resolved after/);
    expect(rows[3]?.messageId).toBe(notifierReplies.at(-1)?.ts);
    const updates = fx.fake
      .callsTo('chat.update')
      .filter((c) => c.params.channel === alertsChannel);
    expect(updates.map((c) => c.fault ?? 'ok')).toEqual(['server-error', 'ok', 'ok']);
    // The 503 may have posted: the thread was searched for the key before posting again.
    expect(fx.fake.callsTo('conversations.replies').length).toBe(repliesChecks + 1);

    // Silence 24h from a stale copy of the alert (its buttons are gone from the edited one).
    await fx.click(original, 'alert.silence.24h', 'operator');
    const silenced = await fx.fake.waitFor(
      () => replies().find((m) => blocksText(m.blocks).includes('Silenced #')),
      'the silence in the thread',
    );
    expect(blocksText(silenced.blocks)).toMatch(/for 1d, until/);
    expect((await pipeline.silenceRepo.active(Date.now())).map((x) => x.createdBy)).toEqual([
      'otto (slack:U_OP)',
    ]);
  });

  it('marks a notification failed for good when the bot is not in the channel, with the fix', async () => {
    fx.fake.workspace.channelsWithoutBot.add(alertsChannel);
    try {
      const other = { ...finding, subject: { ...finding.subject, name: 'frontend' } };
      await pipeline.lifecycle.reconcile('analyzer', [other], { fingerprints: [] });
      await waitFor(
        async () => (await pipeline.delivery.repo.list()).some((r) => r.status === 'failed'),
        10_000,
        'a failed row',
      );
      const failed = (await pipeline.delivery.repo.list()).find((r) => r.status === 'failed');
      expect(failed?.lastError).toContain('/invite @AI4K8s');
      expect(failed?.attempts).toBe(1);
    } finally {
      fx.fake.workspace.channelsWithoutBot.delete(alertsChannel);
    }
  });
});
