// The chart data from a real series store on SQLite and the real forecaster.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SeriesStore } from '../../../src/core/monitor/series/series-store.js';
import type { Database } from '../../../src/core/store/database.js';
import { openStore } from '../../../src/core/store/open-store.js';
import { metricsViewOf } from '../../../src/web/adapters/pipeline-views.js';
import { chartData } from '../../../src/web/data/metrics-chart.js';
import { useTempDir } from '../../support/temp-dir.js';

const MiB = 1024 * 1024;
const start = Date.parse('2025-03-03T06:00:00Z');
const tempDir = useTempDir('ai4k8s-web-chart-');
let db: Database | undefined;

afterEach(async () => {
  await db?.close();
  db = undefined;
});

/** Three hours of a pod's memory growing 200 -> 300 MiB every 30 s, under a 512 MiB limit. */
async function storeWithHistory() {
  db = await openStore(join(tempDir(), 'series.db'));
  let now = start;
  const store = await SeriesStore.open({
    db,
    now: () => new Date(now),
    rawRetentionMs: 6 * 3_600_000,
    rollupRetentionMs: 8 * 86_400_000,
    flushIntervalMs: 300_000,
  });
  const object = 'pod/shop/web-1';
  for (let t = start; t <= start + 3 * 3_600_000; t += 30_000) {
    now = t;
    const progress = (t - start) / (3 * 3_600_000);
    store.record({ cluster: 'sim', object, metric: 'memory' }, t, (200 + 100 * progress) * MiB + ((t / 30_000) % 3) * 0.2 * MiB);
    store.recordStep({ cluster: 'sim', object, metric: 'memory_limit' }, t, 512 * MiB);
    await store.flushIfDue();
  }
  return { view: metricsViewOf(() => store, () => new Date(now)), end: now };
}

describe('chartData', () => {
  it('gives raw history, a 6-hour forecast with a band that starts after the last sample, and the limit', async () => {
    const { view, end } = await storeWithHistory();
    const data = await chartData(view, { cluster: 'sim', kind: 'pod', object: 'shop/web-1', metric: 'memory', range: '6h' });
    expect(data.history.t).toHaveLength(361);
    expect(data.history.t.at(-1)).toBe(end / 1000);
    const f = data.forecast;
    expect(f).not.toBeNull();
    expect(f?.t[0]).toBe(end / 1000 + 30);
    expect(f?.t.at(-1)).toBe(end / 1000 + 6 * 3600);
    // Still growing about 33 MiB an hour: six hours on, near 500 MiB.
    expect(f?.value.at(-1)).toBeGreaterThan(450 * MiB);
    expect(f?.value.at(-1)).toBeLessThan(560 * MiB);
    f?.value.forEach((v, i) => {
      expect(f.lower[i]).toBeLessThanOrEqual(v);
      expect(f.upper[i]).toBeGreaterThanOrEqual(v);
    });
    expect(data.limit).toEqual({ value: 512 * MiB, label: 'memory limit' });
    expect(data.unit).toBe('bytes');
    expect(data.notes).toEqual([]);
    expect(data.to - data.from).toBe(12 * 3_600_000);
  });

  it('narrows the history to the range chosen', async () => {
    const { view } = await storeWithHistory();
    const data = await chartData(view, { cluster: 'sim', kind: 'pod', object: 'shop/web-1', metric: 'memory', range: '1h' });
    expect(data.history.t).toHaveLength(121);
    expect(data.forecast?.t.length).toBe(720);
  });

  it('says why there is nothing to draw for an object without samples', async () => {
    const { view } = await storeWithHistory();
    const data = await chartData(view, { cluster: 'sim', kind: 'node', object: 'worker-9', metric: 'cpu', range: '24h' });
    expect(data).toMatchObject({ history: { t: [], v: [] }, forecast: null, limit: null, unit: 'cores' });
    expect(data.notes).toEqual([
      'No samples in this range yet: the collector stores one about every 30 s.',
      'No forecast yet: it needs at least 12 samples (there are 0).',
      'Allocatable capacity is not known yet.',
    ]);
  });

  it('refuses an object that is not NAMESPACE/NAME for a pod', async () => {
    const { view } = await storeWithHistory();
    await expect(chartData(view, { cluster: 'sim', kind: 'pod', object: 'web-1', metric: 'memory', range: '6h' })).rejects.toThrow(
      '"web-1" is not a pod as NAMESPACE/NAME.',
    );
  });
});
