import type { SeriesRepo } from '../../store/repos/series.js';
import { decodeRaw, HOUR_MS } from './chunk-codec.js';
import { buffersOf, type SeriesState } from './flush-series.js';
import { HourBuffer } from './hour-buffer.js';

export interface SeriesPoint {
  t: number;
  v: number;
}

/** A gauge's stored and buffered samples per hour, memory winning over the database. */
export async function gaugeHours(
  repo: SeriesRepo,
  state: SeriesState | undefined,
  from: number,
  to: number,
): Promise<Array<[number, { offsets: Uint16Array; values: Float32Array }]>> {
  if (!state) return [];
  const byHour = new Map<number, { offsets: Uint16Array; values: Float32Array }>();
  const rows = state.id === undefined ? [] : await repo.read(state.id, hourOf(from), hourOf(to));
  for (const row of rows) if (row.raw) byHour.set(row.hour, decodeRaw(row.raw));
  for (const b of buffersOf(state)) {
    if (b.count === 0) continue;
    const stored = byHour.get(b.hour);
    if (stored && !b.merged) {
      const merged = new HourBuffer(b.hour, b.count + stored.offsets.length);
      const own = b.columns();
      merged.mergeFrom(own.offsets, own.values);
      merged.mergeFrom(stored.offsets, stored.values);
      byHour.set(b.hour, merged.columns());
    } else {
      byHour.set(b.hour, b.columns());
    }
  }
  return [...byHour.entries()].sort((a, b) => a[0] - b[0]);
}

/** A step series' changes in the range, led by the value in force at `from`. */
export async function readStepSeries(
  repo: SeriesRepo,
  state: SeriesState,
  from: number,
  to: number,
): Promise<SeriesPoint[]> {
  const all: SeriesPoint[] = [];
  if (state.id !== undefined) {
    const rows = await repo.read(state.id, hourOf(from), hourOf(to));
    // The value in force at `from` may sit in an earlier row (at most a day back: the heartbeat).
    const before = await repo.latestAtOrBefore(state.id, hourOf(from) - 1);
    for (const row of before ? [before, ...rows] : rows) {
      if (!row.raw) continue;
      const c = decodeRaw(row.raw);
      for (let i = 0; i < c.offsets.length; i++)
        all.push({
          t: row.hour * HOUR_MS + (c.offsets[i] as number) * 1000,
          v: c.values[i] as number,
        });
    }
  }
  const pending = state.pending ?? [];
  for (let i = 0; i < pending.length; i += 2)
    all.push({
      t: Math.floor((pending[i] as number) / 1000) * 1000,
      v: pending[i + 1] as number,
    });
  all.sort((a, b) => a.t - b.t);
  const inRange = all.filter((p) => p.t >= from && p.t <= to);
  const earlier = all.filter((p) => p.t <= from).at(-1);
  if (earlier && (inRange.length === 0 || (inRange[0] as SeriesPoint).t > from))
    inRange.unshift({ t: from, v: earlier.v });
  return inRange;
}

function hourOf(t: number): number {
  return Math.floor(t / HOUR_MS);
}
