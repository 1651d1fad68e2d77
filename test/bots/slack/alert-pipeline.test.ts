import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AlertPipeline } from '../../../src/core/alerts/pipeline.js';
import { InProcessScheduler } from '../../../src/core/jobs/in-process-scheduler.js';
import type { ClusterAnalyzer } from '../../../src/core/monitor/analyzers/cluster-analyzer.js';
import { defaultMonitoringConfig } from '../../../src/core/monitor/config.js';
import type { FakeMessage } from '../../fakes/slack/index.js';
import { useSimTestCluster, waitFor } from '../../support/sim.js';
import { hostileLines } from './support/render-fixtures.js';
import { blocksText } from './support/slack-fixture.js';
import { useSlackFixture } from './support/use-slack-fixture.js';

// The whole alert pipeline against Slack: a fault injected into the sim is seen by the analyzers
// (watch events), becomes an incident and outbox rows, and reaches the fake Slack through the
// notify queue and the SlackNotifier, which meets a 429, a 500 after posting and a timeout after
// posting on the way. One message per incident, its update in the thread, the resolution edited in.

const channel = 'C_ONCALL';
const start = Date.parse('2025-03-03T09:00:00Z');
const sim = useSimTestCluster({
  scenario: 'healthy',
  realtime: false,
  clockStart: new Date(start),
});
const slack = useSlackFixture(sim, { notifierTimeoutMs: 300 });
let fx: ReturnType<typeof slack>;
let pipeline: AlertPipeline;
let analyzer: ClusterAnalyzer;
let scheduler: InProcessScheduler;
let lastEvent = Date.now();

beforeAll(async () => {
  fx = slack();
  scheduler = new InProcessScheduler();
  sim().cluster.cache.onChange(() => {
    lastEvent = Date.now();
  });
  pipeline = new AlertPipeline({
    config: defaultMonitoringConfig({
      collector: { intervalSeconds: 3600, flushIntervalSeconds: 3600 },
      analyzers: { intervalSeconds: 3600, crashLoopClearMinutes: 2 },
      alerts: { resolveAfterSeconds: 30 },
      delivery: { sweepIntervalSeconds: 3600, backoffSeconds: 0.05, timeoutSeconds: 5 },
    }),
    bindings: [{ platform: 'slack', channel, alerts: true, minSeverity: 'warning' }],
    db: fx.db,
    clusters: { names: () => ['sim'], get: async () => sim().cluster },
    notifiers: [fx.bot.notifier],
    scheduler,
    now: () => sim().sim.now(),
    timers: false,
  });
  await pipeline.start();
  await scheduler.start();
  analyzer = pipeline.analyzers.get('sim') as ClusterAnalyzer;
});
afterAll(async () => {
  await scheduler?.stop();
  await pipeline?.stop();
});

/** Moves the sim clock, letting watch events arrive and the analyzer and lifecycle act each step. */
async function advance(ms: number, step: number): Promise<void> {
  for (let done = 0; done < ms; done += step) {
    await sim().sim.advance(Math.min(step, ms - done));
    for (let i = 0; i < 200 && Date.now() - lastEvent < 8; i++)
      await new Promise((r) => setTimeout(r, 4));
    await analyzer.idle();
    await analyzer.checkDue();
    await pipeline.lifecycle.tick();
  }
}

const allSent = async () => (await pipeline.delivery.repo.list()).every((r) => r.status === 'sent');
const topLevel = () => fx.fake.workspace.topLevel(channel);

describe('alert pipeline -> Slack', () => {
  let root: FakeMessage;
  const faults: string[] = [];

  it('posts one alert message for an injected crash loop, through a 429 and a 500 that had posted', async () => {
    fx.fake.failNext(
      'chat.postMessage',
      { kind: 'rate-limited', retryAfterSeconds: 1 },
      { kind: 'server-error', commit: true },
    );
    faults.push(
      sim().sim.injectFault({
        type: 'crashloop',
        namespace: 'shop',
        deployment: 'api',
        count: 1,
        runFor: '5s',
        logs: hostileLines,
      }),
    );
    for (let i = 0; i < 120 && (await pipeline.lifecycle.openAlerts()).length === 0; i++)
      await advance(1000, 1000);
    const [incident] = await pipeline.lifecycle.openAlerts();
    expect(incident).toMatchObject({
      reason: 'CrashLoopBackOff',
      subject: { namespace: 'shop', name: 'api' },
    });
    await waitFor(allSent, 15_000, 'the alert delivered');
    expect(topLevel()).toHaveLength(1);
    root = topLevel()[0] as FakeMessage;
    const text = blocksText(root.blocks);
    expect(text).toContain('CrashLoopBackOff: Deployment shop/api');
    // The analyzer attached the crashed container's log: shown, escaped, pinging nobody.
    expect(text).toContain('&lt;!channel&gt; the database is down');
    expect(text).not.toMatch(/<!channel>|<https:\/\/evil/);
    expect(fx.fake.callsTo('chat.postMessage').map((c) => c.fault ?? 'ok')).toEqual([
      'rate-limited',
      'server-error',
    ]);
    const [row] = await pipeline.delivery.repo.list();
    expect(row?.messageId).toBe(root.ts);
  });

  it('threads the severity rise under it, once, although Slack timed out after posting', async () => {
    fx.fake.failNext('chat.postMessage', { kind: 'hang', ms: 2000, commit: true });
    faults.push(
      sim().sim.injectFault({
        type: 'crashloop',
        namespace: 'shop',
        deployment: 'api',
        runFor: '5s',
        logs: hostileLines,
      }),
    );
    for (
      let i = 0;
      i < 120 && (await pipeline.lifecycle.openAlerts())[0]?.severity !== 'critical';
      i++
    )
      await advance(2000, 2000);
    await waitFor(
      async () => (await pipeline.delivery.repo.list()).length === 2 && (await allSent()),
      15_000,
      'the update delivered',
    );
    const thread = fx.fake.workspace.thread(channel, root.ts).slice(1);
    expect(thread).toHaveLength(1);
    expect(blocksText(thread[0]?.blocks)).toContain('severity warning -&gt; critical');
    expect(topLevel()).toHaveLength(1);
  });

  it('edits the original when the crash loop is over, after a failed chat.update', async () => {
    fx.fake.failNext('chat.update', { kind: 'server-error' });
    for (const id of faults) sim().sim.clearFault(id);
    for (let i = 0; i < 60 && (await pipeline.lifecycle.openAlerts()).length > 0; i++)
      await advance(10_000, 10_000);
    expect(await pipeline.lifecycle.openAlerts()).toEqual([]);
    await waitFor(
      async () => (await pipeline.delivery.repo.list()).length === 3 && (await allSent()),
      15_000,
      'the resolution delivered',
    );
    const edited = fx.fake.workspace.find(channel, root.ts);
    expect(blocksText(edited?.blocks)).toContain('Resolved: CrashLoopBackOff: Deployment shop/api');
    const thread = fx.fake.workspace.thread(channel, root.ts).slice(1);
    expect(thread.map((m) => m.metadata?.event_payload.key)).toEqual(
      (await pipeline.delivery.repo.list()).slice(1).map((r) => r.key),
    );
    expect(blocksText(thread.at(-1)?.blocks)).toMatch(/Resolved after/);
    expect(topLevel()).toHaveLength(1);
  });
});
