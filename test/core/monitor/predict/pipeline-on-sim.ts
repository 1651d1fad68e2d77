import { join } from 'node:path';
import { AlertPipeline } from '../../../../src/core/alerts/pipeline.js';
import { InProcessScheduler } from '../../../../src/core/jobs/in-process-scheduler.js';
import { defaultMonitoringConfig } from '../../../../src/core/monitor/config.js';
import { ForecastJob } from '../../../../src/core/monitor/forecast-job.js';
import type { Database } from '../../../../src/core/store/database.js';
import { openStore } from '../../../../src/core/store/open-store.js';
import { RecordingNotifier } from '../../../support/recording-notifier.js';
import { startSimTestCluster, type SimTestCluster } from '../../../support/sim.js';

export interface PipelineOnSim {
  sim: SimTestCluster;
  db: Database;
  pipeline: AlertPipeline;
  forecastJob: ForecastJob;
  notifier: RecordingNotifier;
  now(): number;
  /** Lets watch events reach the cache and the analyzer finish. */
  settle(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The demo scenario on a frozen sim clock with the whole alert pipeline on a real SQLite file
 * (delivering to a RecordingNotifier through the in-process notify queue) and the forecast job.
 * Jobs are run by hand between clock steps.
 */
export async function startPipelineOnSim(
  dir: string,
  clockStart: number,
  faultsStartAt: number,
): Promise<PipelineOnSim> {
  const sim = await startSimTestCluster({
    scenario: 'demo',
    realtime: false,
    clockStart: new Date(clockStart),
    faultsStartAt: new Date(faultsStartAt),
  });
  const db = await openStore(join(dir, 'ai4k8s.db'));
  const notifier = new RecordingNotifier('cli');
  const scheduler = new InProcessScheduler();
  const now = () => sim.sim.now();
  const pipeline = new AlertPipeline({
    config: defaultMonitoringConfig({
      collector: { intervalSeconds: 3600, flushIntervalSeconds: 3600 },
      analyzers: { intervalSeconds: 3600 },
      delivery: { sweepIntervalSeconds: 3600, backoffSeconds: 0.05 },
    }),
    bindings: [],
    db,
    clusters: { names: () => ['sim'], get: async () => sim.cluster },
    notifiers: [notifier],
    scheduler,
    now,
    fallbackRoutes: [{ platform: 'cli', channel: 'log' }],
    timers: false,
  });
  await pipeline.start();
  await scheduler.start();
  const forecastJob = new ForecastJob({
    series: () => pipeline.series,
    clusters: { names: () => ['sim'], get: async () => sim.cluster },
    lifecycle: pipeline.lifecycle,
    now,
  });
  return {
    sim,
    db,
    pipeline,
    forecastJob,
    notifier,
    now: () => now().getTime(),
    async settle() {
      await new Promise((r) => setTimeout(r, 5));
      await pipeline.analyzers.get('sim')?.idle();
    },
    async stop() {
      await scheduler.stop();
      await pipeline.stop();
      await sim.stop();
      await db.close();
    },
  };
}
