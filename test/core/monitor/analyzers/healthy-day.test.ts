import { afterEach, expect, it } from 'vitest';
import { seriesObject } from '../../../../src/core/monitor/series/series-key.js';
import { useTempDir } from '../../../support/temp-dir.js';
import { startAlertSim, type AlertSim } from './alert-sim.js';

const tempDir = useTempDir();
let run: AlertSim | undefined;
afterEach(async () => {
  await run?.stop();
  run = undefined;
});

it('stays quiet through 24 simulated hours of a healthy cluster, while collecting its series', async () => {
  // Default thresholds here: the point is that the real settings raise nothing on a healthy day.
  const r = (run = await startAlertSim(tempDir(), 'healthy', {
    monitoring: {
      analyzers: { pendingMinutes: 5, unavailableMinutes: 5, crashLoopClearMinutes: 10 },
      alerts: { resolveAfterSeconds: 60 },
    },
  }));
  const start = r.now();
  let cycles = 0;
  await r.advance(24 * 3_600_000, 5 * 60_000, async () => {
    await r.pipeline.collectOnce();
    await r.pipeline.analyzeOnce();
    cycles++;
  });
  expect(cycles).toBe(288);
  expect(await r.incidents()).toEqual([]);
  expect(r.notifier.calls).toEqual([]);

  const series = r.pipeline.series;
  if (!series) throw new Error('no series store');
  await series.flush();
  const pod = r.sim.cluster.cache
    .list('pods', 'shop')
    .find((p) => p.metadata?.name?.startsWith('api-'));
  const object = seriesObject.pod('shop', pod?.metadata?.name ?? '');
  const end = r.now();
  const raw = await series.readSeries(
    { cluster: 'sim', object, metric: 'cpu' },
    end - 6 * 3_600_000,
    end,
  );
  expect(raw.length).toBeGreaterThanOrEqual(70);
  expect(raw.every((p) => p.v > 0 && p.v < 0.5)).toBe(true);
  const day = await series.readSeries({ cluster: 'sim', object, metric: 'memory' }, start, end);
  expect(day.length).toBeGreaterThanOrEqual(280);
  const limit = await series.readSeries(
    { cluster: 'sim', object, metric: 'memory_limit' },
    end - 3_600_000,
    end,
  );
  expect(limit[0]?.v).toBe(256 * 2 ** 20);
  const ready = await series.readSeries(
    { cluster: 'sim', object: seriesObject.node('worker-1'), metric: 'ready' },
    start,
    end,
  );
  expect(ready.map((p) => p.v)).toEqual(expect.arrayContaining([1]));
  expect(ready.every((p) => p.v === 1)).toBe(true);
});
