import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  decodeRaw,
  decodeRollup,
  encodeRaw,
  encodeRollup,
  rollupOf,
} from '../../../../src/core/monitor/series/chunk-codec.js';
import type { SeriesKey } from '../../../../src/core/monitor/series/series-key.js';
import { SeriesStore } from '../../../../src/core/monitor/series/series-store.js';
import type { Database } from '../../../../src/core/store/database.js';
import { openStore } from '../../../../src/core/store/open-store.js';
import { useTempDir } from '../../../support/temp-dir.js';
import { ManualClock } from '../../alerts/alert-fixture.js';

const tempDir = useTempDir();
const H = 3_600_000;
const DAY = 24 * H;
const T0 = Date.parse('2025-03-01T00:00:00Z');
const cpu: SeriesKey = { cluster: 'prod', object: 'pod/shop/web-1', metric: 'cpu' };
const limit: SeriesKey = { cluster: 'prod', object: 'pod/shop/web-1', metric: 'memory_limit' };
let db: Database | undefined;

afterEach(async () => {
  await db?.close();
  db = undefined;
});

async function open(dir: string, clock: ManualClock): Promise<SeriesStore> {
  db ??= await openStore(join(dir, 'series.db'));
  return SeriesStore.open({
    db,
    now: clock.now,
    rawRetentionMs: 6 * H,
    rollupRetentionMs: 8 * DAY,
    flushIntervalMs: 5 * 60_000,
  });
}

describe('chunk codec', () => {
  it('packs an hour of samples in 6 bytes each and 12 five-minute slots in 96 bytes', () => {
    const offsets = [0, 30, 61, 3599];
    const values = [0.25, 1.5e9, 3, 0.125];
    const raw = encodeRaw(offsets, values, 4);
    expect(raw.length).toBe(24);
    const back = decodeRaw(raw);
    expect([...back.offsets]).toEqual(offsets);
    expect([...back.values]).toEqual(values);
    const rollup = rollupOf(offsets, values, 4);
    const blob = encodeRollup(rollup);
    expect(blob.length).toBe(96);
    const r = decodeRollup(blob);
    expect(r.avg[0]).toBeCloseTo((0.25 + 1.5e9 + 3) / 3, -2);
    expect(r.max[0]).toBe(1.5e9);
    expect(r.avg[11]).toBe(0.125);
    expect(Number.isNaN(r.avg[5])).toBe(true);
  });
});

describe('series store', () => {
  it('reads the same points from memory before a flush and from SQLite after, one row per series-hour', async () => {
    const clock = new ManualClock(T0 + 2 * H);
    const store = await open(tempDir(), clock);
    for (let t = T0; t < T0 + 2 * H; t += 30_000) store.record(cpu, t, (t - T0) / H);
    // A late sample and a repeat within the same second.
    store.record(cpu, T0 + 15_000, 9);
    store.record(cpu, T0 + 15_400, 7);
    const before = await store.readSeries(cpu, T0, T0 + 2 * H, 'raw');
    expect(before).toHaveLength(241);
    expect(before[1]).toEqual({ t: T0 + 15_000, v: 7 });
    await store.flush();
    const rows = await db?.all<{ hour: number; n: number }>(
      'SELECT hour, length(raw) / 6 AS n FROM series_chunks ORDER BY hour',
    );
    expect(rows).toEqual([
      { hour: T0 / H, n: 121 },
      { hour: T0 / H + 1, n: 120 },
    ]);
    const reopened = await open('', clock);
    expect(await reopened.readSeries(cpu, T0, T0 + 2 * H, 'raw')).toEqual(before);
  });

  it('keeps the first part of an hour written before a restart', async () => {
    const clock = new ManualClock(T0 + 30 * 60_000);
    const dir = tempDir();
    const first = await open(dir, clock);
    for (let t = T0; t < T0 + 30 * 60_000; t += 60_000) first.record(cpu, t, 1);
    await first.flush();
    const second = await open(dir, clock);
    for (let t = T0 + 30 * 60_000; t < T0 + H; t += 60_000) second.record(cpu, t, 2);
    expect(await second.readSeries(cpu, T0, T0 + H, 'raw')).toHaveLength(60);
    await second.flush();
    const points = await (await open(dir, clock)).readSeries(cpu, T0, T0 + H, 'raw');
    expect(points.map((p) => p.v)).toEqual([...Array(30).fill(1), ...Array(30).fill(2)]);
  });

  it('stores a step series only on change (plus a daily repeat) and answers its value at any time', async () => {
    const clock = new ManualClock(T0);
    const store = await open(tempDir(), clock);
    for (let t = T0; t < T0 + 3 * DAY; t += 30_000) {
      clock.ms = t;
      store.recordStep(limit, t, t < T0 + 36 * H ? 256 : 512);
      if (t % H === 0) await store.flushIfDue();
    }
    await store.flush();
    const all = await store.readSeries(limit, T0, T0 + 3 * DAY);
    expect(all.map((p) => [(p.t - T0) / H, p.v])).toEqual([
      [0, 256],
      [24, 256],
      [36, 512],
      [60, 512],
    ]);
    expect(await store.readSeries(limit, T0 + 50 * H, T0 + 51 * H)).toEqual([
      { t: T0 + 50 * H, v: 512 },
    ]);
  });

  it('drops raw samples after 6 h and rollups after 8 days, and reads old ranges as 5-minute rollups', async () => {
    const clock = new ManualClock(T0);
    const store = await open(tempDir(), clock);
    for (let t = T0; t < T0 + 10 * DAY; t += 60_000) {
      clock.ms = t;
      store.record(cpu, t, t % (10 * 60_000) === 0 ? 10 : 1);
      if (t % H === 0) {
        await store.flushIfDue();
        await store.enforceRetention();
      }
    }
    clock.ms = T0 + 10 * DAY;
    await store.flush();
    await store.enforceRetention(true);
    const end = clock.ms;
    expect(await store.readSeries(cpu, end - 7 * H, end - 6.5 * H, 'raw')).toEqual([]);
    const recent = await store.readSeries(cpu, end - 5 * H, end - 4 * H);
    expect(recent).toHaveLength(61);
    const old = await store.readRollup(cpu, end - 3 * DAY, end - 3 * DAY + H - 1);
    expect(old).toHaveLength(12);
    expect(old[0]?.max).toBe(10);
    expect(old[0]?.avg).toBeCloseTo(2.8, 5);
    expect(old[1]).toMatchObject({ avg: 1, max: 1 });
    expect(
      (await store.readSeries(cpu, end - 3 * DAY, end - 3 * DAY + H - 1)).map(
        (p) => p.t - old[0]!.t,
      ),
    ).toEqual(Array.from({ length: 12 }, (_, i) => i * 300_000));
    expect(await store.readRollup(cpu, T0, T0 + DAY)).toEqual([]);
    const counts = await db?.get<{ hours: number; raws: number }>(
      'SELECT count(*) AS hours, count(raw) AS raws FROM series_chunks',
    );
    expect(counts).toEqual({ hours: 8 * 24, raws: 6 });
  });
});
