import { seriesKeyString, type SeriesKey } from '../series/series-key.js';
import type { SeriesStore } from '../series/series-store.js';
import type { UsageUnit } from './format.js';
import { CELL_MS, toCells, type UsageHistory } from './usage-history.js';

interface Entry {
  /** Index (time / CELL_MS) of `values[0]`. */
  start: number;
  /** Cells before this index are settled and held here; later ones are read each run. */
  end: number;
  /** NaN where a cell had no sample. */
  values: Float32Array;
  touched: number;
}

export interface HistoryCacheOptions {
  historyMs: number;
  /** Re-read on every run (at least the growth window): newer samples may still arrive there. */
  recentMs: number;
}

/**
 * The settled part of every series' history, kept between forecast runs as 15-minute cells
 * (4 bytes each: 50 hours of a series in 800 bytes), so a run reads only the last few hours of
 * each series from the store instead of two days.
 */
export class HistoryCache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly options: HistoryCacheOptions) {}

  async read(
    store: Pick<SeriesStore, 'readRollup'>,
    key: SeriesKey,
    unit: UsageUnit,
    now: number,
  ): Promise<UsageHistory> {
    const { historyMs, recentMs } = this.options;
    const id = seriesKeyString(key);
    const first = Math.ceil((now - historyMs) / CELL_MS);
    const settle = Math.floor((now - recentMs) / CELL_MS);
    let entry = this.entries.get(id);
    if (entry && (entry.end < first || entry.end > settle + 1)) entry = undefined;
    const readFrom = entry ? Math.min(entry.end, settle) * CELL_MS : now - historyMs;
    const rollups = await store.readRollup(key, readFrom, now);
    const fresh = toCells(rollups, unit).filter((p) => p.t >= readFrom);
    const cells = [];
    if (entry) {
      for (let i = Math.max(first, entry.start); i < entry.end; i++) {
        const v = entry.values[i - entry.start] as number;
        if (!Number.isNaN(v)) cells.push({ t: i * CELL_MS, v });
      }
    }
    for (const p of fresh) if (p.t >= first * CELL_MS) cells.push(p);
    this.entries.set(id, settled(cells, first, settle, now));
    return { cells, recent: rollups.filter((r) => r.t >= now - recentMs) };
  }

  /** Forgets series not read since `before` (deleted pods). */
  prune(before: number): void {
    for (const [id, e] of this.entries) if (e.touched < before) this.entries.delete(id);
  }

  get size(): number {
    return this.entries.size;
  }
}

function settled(
  cells: ReadonlyArray<{ t: number; v: number }>,
  first: number,
  settle: number,
  now: number,
): Entry {
  const start = first;
  const end = Math.max(start, settle);
  const values = new Float32Array(end - start).fill(Number.NaN);
  for (const p of cells) {
    const i = Math.round(p.t / CELL_MS);
    if (i >= start && i < end) values[i - start] = p.v;
  }
  return { start, end, values, touched: now };
}
