import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBuiltinCommands } from '../../../src/core/agent/commands/builtin/index.js';
import type { Alert } from '../../../src/core/alerts/alert.js';
import { createMonitorCommands } from '../../../src/core/monitor/commands.js';
import {
  followWallClock,
  warmUpDemo,
  type DemoWarmUpResult,
} from '../../../src/core/monitor/demo-warmup.js';
import type { ForecastRunStats } from '../../../src/core/monitor/forecast-job.js';
import { seriesObject } from '../../../src/core/monitor/series/series-key.js';
import { createAgentFixture, type AgentFixture } from '../agent/helpers/agent-fixture.js';
import { startPipelineOnSim, type PipelineOnSim } from './predict/pipeline-on-sim.js';

const HOUR = 3_600_000;
// The end of the warm-up ("now"); the demo's faults are placed relative to it.
const END = Date.parse('2025-03-04T09:00:00Z');

const dir = mkdtempSync(join(tmpdir(), 'ai4k8s-warmup-'));
let p: PipelineOnSim;
let agent: AgentFixture;
let result: DemoWarmUpResult;
const forecastRuns: ForecastRunStats[] = [];
let sentDuringWarmUp = -1;
let outboxDuringWarmUp = -1;
let incidentsAfterWarmUp: Alert[] = [];

beforeAll(async () => {
  p = await startPipelineOnSim(dir, END - 24 * HOUR, END);
  result = await warmUpDemo({
    sim: p.sim.sim,
    collect: () => p.pipeline.collectOnce(),
    jobs: [
      { name: 'analyze', everyMs: 60_000, run: () => p.pipeline.analyzeOnce() },
      {
        name: 'forecast',
        everyMs: 10 * 60_000,
        run: async () => forecastRuns.push(await p.forecastJob.run()),
      },
    ],
    silences: { repo: p.pipeline.silenceRepo, cache: p.pipeline.silences },
    until: () => new Date(END),
    settle: () => new Promise((r) => setImmediate(r)),
  });
  await p.settle();
  sentDuringWarmUp = p.notifier.sent.length;
  outboxDuringWarmUp = (await p.pipeline.lifecycle.outbox.list()).length;
  incidentsAfterWarmUp = await p.pipeline.lifecycle.alerts.list({
    includeResolved: true,
    limit: 1000,
  });
  const commands = createBuiltinCommands();
  for (const c of createMonitorCommands({
    series: () => p.pipeline.series,
    clusters: { get: async () => p.sim.cluster },
    now: () => p.sim.sim.now(),
  }))
    commands.register(c);
  mkdirSync(join(dir, 'agent'));
  agent = await createAgentFixture(p.sim, join(dir, 'agent'), { commands });
}, 60_000);

afterAll(async () => {
  await agent?.close();
  await p?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('demo warm-up', () => {
  it('replays the last 24 hours in collector steps up to the end', () => {
    expect(result.from).toBe(END - 24 * HOUR);
    expect(result.to).toBe(END);
    expect(p.sim.sim.now().getTime()).toBe(END);
    expect(result.steps).toBe((24 * HOUR) / 30_000);
    expect(forecastRuns).toHaveLength(24 * 6);
  });

  it('leaves 24 hours of usage series for charts and forecasts', async () => {
    const store = p.pipeline.series;
    if (!store) throw new Error('no series store');
    const frontend = p.sim.cluster.cache
      .list('pods', 'shop')
      .find((pod) => pod.metadata?.name?.startsWith('frontend-'));
    const key = {
      cluster: 'sim',
      object: seriesObject.pod('shop', frontend?.metadata?.name ?? ''),
      metric: 'memory' as const,
    };
    const rollups = await store.readRollup(key, END - 25 * HOUR, END);
    expect(rollups[0]?.t).toBeLessThanOrEqual(END - 24 * HOUR + 5 * 60_000);
    expect(rollups.at(-1)?.t).toBeGreaterThanOrEqual(END - 10 * 60_000);
    expect(rollups.length).toBeGreaterThanOrEqual(24 * 12 - 1);
    const node = await store.readRollup(
      { cluster: 'sim', object: seriesObject.node('worker-1'), metric: 'cpu' },
      END - 25 * HOUR,
      END,
    );
    expect(node.length).toBeGreaterThanOrEqual(24 * 12 - 1);
    // And the forecast job had a day of history by the end.
    expect(forecastRuns.at(-1)?.forecast).toBeGreaterThan(50);
  });

  it('sends nothing while replaying the past, then announces what is still open once', async () => {
    expect(sentDuringWarmUp).toBe(0);
    expect(outboxDuringWarmUp).toBe(0);
    // The replayed day did raise incidents: the crash loop and the predicted OOM of the leak.
    const reasons = incidentsAfterWarmUp.map(
      (a) => `${a.reason} ${a.subject.namespace}/${a.subject.name}`,
    );
    expect(reasons).toContain('CrashLoopBackOff payments/fraud-check');
    expect(reasons).toContain('PredictedOOM shop/recommendations');
    // Healthy workloads and nodes got no predictive alert in 24 hours.
    expect(
      incidentsAfterWarmUp.filter((a) => a.source === 'forecast').map((a) => a.subject.name),
    ).toEqual(['recommendations']);
    await p.pipeline.lifecycle.tick();
    const open = (await p.pipeline.lifecycle.openAlerts()).filter((a) => a.state !== 'resolved');
    await p.notifier.waitForSent(open.length);
    await new Promise((r) => setTimeout(r, 100));
    expect(p.notifier.sent.map((n) => n.kind)).toEqual(open.map(() => 'new'));
    expect(new Set(p.notifier.sent.map((n) => n.alert.id))).toEqual(new Set(open.map((a) => a.id)));
    const resolvedInWarmUp = incidentsAfterWarmUp
      .filter((a) => a.state === 'resolved')
      .map((a) => a.id);
    for (const id of resolvedInWarmUp)
      expect(p.notifier.sent.some((n) => n.alert.id === id)).toBe(false);
    expect(p.pipeline.silences.active()).toEqual([]);
  });

  it('answers `recommend` from the replayed usage (frontend: CPU daily 60m +- 35m, memory 140 Mi)', async () => {
    const text = agent.text(await agent.ask('recommend shop', 'viewer'));
    const frontend = text
      .split('\n')
      .find((line) => line.includes('Deployment shop/frontend (3 pods)'));
    // Requests 100m / 128 Mi, limits 500m / 256 Mi. CPU p95 of 60m + 35m cos is about 95m: close
    // enough to 100m; the CPU limit becomes twice that. Memory peaks of 140 Mi + 3 % noise (up to
    // 144 Mi) want a 160 Mi request and a limit of 176-184 Mi.
    expect(frontend).toMatch(
      /100m ok\s+500m -> 190m\s+128 Mi -> 160 Mi\s+256 Mi -> 1(76|84) Mi\s+CPU p95 9\dm, memory peak 14\d Mi/,
    );
    const monitoring = agent.text(await agent.ask('recommend -n monitoring', 'viewer'));
    expect(monitoring).toMatch(/Idle: .*monitoring\/node-exporter \(\dm CPU at p95\)/);
    expect(agent.text(await agent.ask('recommend nowhere', 'viewer'))).toMatch(
      /There is no namespace nowhere in sim\./,
    );
  });
});

describe('after the warm-up', () => {
  it('keeps the sim clock on the wall clock', async () => {
    const wall = END + 90_000;
    const stop = followWallClock(p.sim.sim, 10, () => wall);
    try {
      for (let i = 0; i < 200 && p.sim.sim.now().getTime() < wall; i++)
        await new Promise((r) => setTimeout(r, 10));
    } finally {
      stop();
    }
    expect(p.sim.sim.now().getTime()).toBe(wall);
  });
});
