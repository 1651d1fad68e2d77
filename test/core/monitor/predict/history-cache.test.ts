import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { HistoryCache } from '../../../../src/core/monitor/predict/history-cache.js';
import { CELL_MS, historyOf } from '../../../../src/core/monitor/predict/usage-history.js';
import type { SeriesKey } from '../../../../src/core/monitor/series/series-key.js';
import { SeriesStore } from '../../../../src/core/monitor/series/series-store.js';
import type { Database } from '../../../../src/core/store/database.js';
import { openStore } from '../../../../src/core/store/open-store.js';
import { useTempDir } from '../../../support/temp-dir.js';

const HOUR = 3_600_000;
const START = Date.parse('2025-03-01T00:00:00Z');
const HISTORY = 50 * HOUR;
const RECENT = 3 * HOUR;
const key: SeriesKey = { cluster: 'c1', object: 'pod/shop/cart-7d9', metric: 'memory' };
const tempDir = useTempDir();
let db: Database | undefined;
afterEach(async () => {
  await db?.close();
  db = undefined;
});

const usage = (t: number) => (200 + 50 * Math.sin(t / 5_000_000) + ((t / 30_000) % 7)) * 2 ** 20;

describe('history cache', () => {
  it('reads only the recent hours after the first run and gives the same history as a full read', async () => {
    let now = START + 52 * HOUR;
    db = await openStore(join(tempDir(), 'series.db'));
    const store = await SeriesStore.open({
      db,
      now: () => new Date(now),
      rawRetentionMs: 6 * HOUR,
      rollupRetentionMs: 8 * 24 * HOUR,
      flushIntervalMs: 300_000,
    });
    let recorded = START;
    const collectUntil = async (t: number) => {
      for (; recorded <= t; recorded += 30_000) store.record(key, recorded, usage(recorded));
      await store.flush();
    };
    await collectUntil(now);
    const reads: number[] = [];
    const spied = {
      readRollup: (k: SeriesKey, from: number, to: number) => (
        reads.push(to - from),
        store.readRollup(k, from, to)
      ),
    };
    const cache = new HistoryCache({ historyMs: HISTORY, recentMs: RECENT });

    for (let run = 0; run < 4; run++) {
      const cached = await cache.read(spied, key, 'bytes', now);
      const full = historyOf(await store.readRollup(key, now - HISTORY, now), 'bytes', now, RECENT);
      // The cache keeps whole 15-minute cells only: a full read may start with a partial one.
      full.cells = full.cells.filter((p) => p.t >= Math.ceil((now - HISTORY) / CELL_MS) * CELL_MS);
      expect(cached.cells.length).toBeGreaterThan(190);
      expect(cached.cells.map((p) => p.t)).toEqual(full.cells.map((p) => p.t));
      // Settled cells are kept as float32: equal to a full read within that precision.
      cached.cells.forEach((p, i) =>
        expect(Math.abs(p.v - (full.cells[i]?.v ?? 0)) / p.v).toBeLessThan(1e-6),
      );
      expect(cached.recent).toEqual(full.recent);
      // The newest samples (not flushed yet) are in both.
      expect(cached.recent.at(-1)?.t).toBeGreaterThan(now - 10 * 60_000);
      now += 10 * 60_000;
      await collectUntil(now - 60_000);
      for (; recorded <= now; recorded += 30_000) store.record(key, recorded, usage(recorded));
    }
    expect(reads[0]).toBe(HISTORY);
    for (const span of reads.slice(1)) expect(span).toBeLessThanOrEqual(RECENT + 30 * 60_000);
  });

  it('starts over after a long gap and forgets series it no longer reads', async () => {
    const now = START + 52 * HOUR;
    db = await openStore(join(tempDir(), 'series.db'));
    const store = await SeriesStore.open({
      db,
      now: () => new Date(now),
      rawRetentionMs: 6 * HOUR,
      rollupRetentionMs: 8 * 24 * HOUR,
      flushIntervalMs: 300_000,
    });
    for (let t = START; t <= now + 3 * 24 * HOUR; t += 60_000) store.record(key, t, usage(t));
    await store.flush();
    const reads: number[] = [];
    const spied = {
      readRollup: (k: SeriesKey, from: number, to: number) => (
        reads.push(to - from),
        store.readRollup(k, from, to)
      ),
    };
    const cache = new HistoryCache({ historyMs: HISTORY, recentMs: RECENT });
    await cache.read(spied, key, 'bytes', now);
    await cache.read(spied, key, 'bytes', now + 3 * 24 * HOUR);
    expect(reads).toEqual([HISTORY, HISTORY]);
    expect(cache.size).toBe(1);
    cache.prune(now + 3 * 24 * HOUR + 1);
    expect(cache.size).toBe(0);
  });
});
