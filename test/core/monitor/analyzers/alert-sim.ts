import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Alert } from '../../../../src/core/alerts/alert.js';
import { AlertPipeline } from '../../../../src/core/alerts/pipeline.js';
import type { ClusterAnalyzer } from '../../../../src/core/monitor/analyzers/cluster-analyzer.js';
import {
  defaultMonitoringConfig,
  type MonitoringConfigInput,
} from '../../../../src/core/monitor/config.js';
import { InProcessScheduler } from '../../../../src/core/jobs/in-process-scheduler.js';
import type { Database } from '../../../../src/core/store/database.js';
import { openStore } from '../../../../src/core/store/open-store.js';
import { RecordingNotifier } from '../../../support/recording-notifier.js';
import { startSimTestCluster, type SimTestCluster } from '../../../support/sim.js';

export const CLOCK_START = Date.parse('2025-03-03T09:00:00Z');

/** Thresholds shortened so a test walks minutes, not hours, of sim time (all still config). */
export const testMonitoring: MonitoringConfigInput = {
  // Jobs are driven by hand between clock steps; their timers must never fire on their own.
  collector: { intervalSeconds: 3600, flushIntervalSeconds: 3600 },
  analyzers: {
    intervalSeconds: 3600,
    pendingMinutes: 1,
    unavailableMinutes: 1,
    crashLoopClearMinutes: 5,
  },
  alerts: { resolveAfterSeconds: 30 },
  delivery: { sweepIntervalSeconds: 3600, backoffSeconds: 0.05 },
};

export interface AlertSim {
  sim: SimTestCluster;
  db: Database;
  pipeline: AlertPipeline;
  analyzer: ClusterAnalyzer;
  notifier: RecordingNotifier;
  now(): number;
  /** Advances the sim clock in `step` increments, letting watch events and analyzers settle each time. */
  advance(ms: number, step: number, each?: () => Promise<void> | void): Promise<void>;
  /** Lets watch events arrive and the analyzer and notify queue finish. */
  settle(): Promise<void>;
  /** Every incident ever opened (any state). */
  incidents(): Promise<Alert[]>;
  stop(): Promise<void>;
}

/**
 * A shipped scenario on the sim (frozen clock), its scenario faults moved so they begin
 * `faultAfterMs` after the start, and the whole pipeline on a real SQLite file, delivering to a
 * RecordingNotifier through the in-process notify queue.
 */
export async function startAlertSim(
  dir: string,
  scenario: string,
  options: { faultAfterMs?: number; monitoring?: MonitoringConfigInput } = {},
): Promise<AlertSim> {
  const faultAt = scenarioFaultOffsetMs(scenario);
  const faultsStartAt = new Date(CLOCK_START + (options.faultAfterMs ?? 30_000) - faultAt);
  const sim = await startSimTestCluster({
    scenario,
    realtime: false,
    clockStart: new Date(CLOCK_START),
    faultsStartAt,
  });
  const db = await openStore(join(dir, 'alerts.db'));
  const notifier = new RecordingNotifier('cli');
  const scheduler = new InProcessScheduler();
  let lastEvent = Date.now();
  sim.cluster.cache.onChange(() => {
    lastEvent = Date.now();
  });
  const pipeline = new AlertPipeline({
    config: defaultMonitoringConfig(mergeConfig(testMonitoring, options.monitoring)),
    bindings: [],
    db,
    clusters: { names: () => ['sim'], get: async () => sim.cluster },
    notifiers: [notifier],
    scheduler,
    now: () => sim.sim.now(),
    fallbackRoutes: [{ platform: 'cli', channel: 'log' }],
    timers: false,
  });
  await pipeline.start();
  await scheduler.start();
  const analyzer = pipeline.analyzers.get('sim');
  if (!analyzer) throw new Error('the analyzer did not attach to the sim cluster');

  const settle = async () => {
    // Watch events travel over a local socket: quiet for a few milliseconds means they are in.
    for (let i = 0; i < 200 && Date.now() - lastEvent < 8; i++)
      await new Promise((r) => setTimeout(r, 4));
    await new Promise((r) => setImmediate(r));
    await analyzer.idle();
    await analyzer.checkDue();
    await pipeline.lifecycle.tick();
  };
  return {
    sim,
    db,
    pipeline,
    analyzer,
    notifier,
    now: () => sim.sim.now().getTime(),
    settle,
    async advance(ms, step, each) {
      for (let done = 0; done < ms; done += step) {
        await sim.sim.advance(Math.min(step, ms - done));
        await settle();
        await each?.();
      }
    },
    incidents: () => pipeline.lifecycle.alerts.list({ includeResolved: true, limit: 1000 }),
    async stop() {
      await scheduler.stop();
      await pipeline.stop();
      await sim.stop();
      await db.close();
    },
  };
}

/** The scenario's first fault `at` (relative to the fault anchor), in ms. */
function scenarioFaultOffsetMs(scenario: string): number {
  const file = join(import.meta.dirname, '..', '..', '..', '..', 'scenarios', `${scenario}.yaml`);
  // Read with a pattern: only the first fault's `at:` matters here.
  const faults = readFileSync(file, 'utf8').split(/^faults:/m)[1] ?? '';
  const at = /^\s+at:\s*['"]?(-?[\dsmhd.]+)/m.exec(faults)?.[1];
  return at === undefined ? 0 : durationMs(/^-?\d+$/.test(at) ? Number(at) : at);
}

function durationMs(value: string | number): number {
  if (typeof value === 'number') return value * 1000;
  const sign = value.startsWith('-') ? -1 : 1;
  const units: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
  let total = 0;
  for (const [, n, unit] of value.replace(/^-/, '').matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h|d)/g))
    total += Number(n) * (units[unit as string] ?? 0);
  return sign * total;
}

function mergeConfig(
  a: MonitoringConfigInput,
  b: MonitoringConfigInput = {},
): MonitoringConfigInput {
  const out: Record<string, unknown> = { ...a };
  for (const [k, v] of Object.entries(b))
    out[k] = { ...((a as Record<string, object>)[k] ?? {}), ...(v as object) };
  return out as MonitoringConfigInput;
}
