import type { Queryable } from '../../store/database.js';
import type { ChunkRow, SeriesRepo, SeriesRow } from '../../store/repos/series.js';
import { decodeRaw, encodeRaw, encodeRollup, HOUR_MS, rollupOf } from './chunk-codec.js';
import { HourBuffer } from './hour-buffer.js';
import { parseSeriesKey, type SeriesKind } from './series-key.js';

/** Kept per series: a few hundred bytes, since 10,000 pods make some 60,000 series. */
export interface SeriesState {
  key: string;
  kind: SeriesKind;
  id?: number;
  /** Gauges: the open hour and finished hours awaiting their last write. */
  current?: HourBuffer;
  closing?: HourBuffer[];
  /** Steps: changes not written yet, as t, v, t, v... */
  pending?: number[];
  last?: number;
  lastAt?: number;
}

export function* buffersOf(state: SeriesState): Generator<HourBuffer> {
  if (state.closing) yield* state.closing;
  if (state.current) yield state.current;
}

/**
 * One flush, inside its transaction: ids for new series, then one row per changed series-hour,
 * merged with what the row already holds (the first part of an hour written before a restart,
 * earlier step changes of the hour).
 */
export async function writeFlush(
  tx: Queryable,
  repo: SeriesRepo,
  gauges: Array<{ state: SeriesState; buffer: HourBuffer }>,
  steps: Array<{ state: SeriesState; points: number[] }>,
  assignId: (row: SeriesRow) => void,
): Promise<void> {
  const missing = new Set(
    [...gauges, ...steps].map((g) => g.state).filter((s) => s.id === undefined),
  );
  if (missing.size > 0) {
    const rows = await repo.ensure(
      tx,
      [...missing].map((s) => ({ ...parseSeriesKey(s.key), kind: s.kind })),
    );
    for (const row of rows) assignId(row);
  }
  const chunks: ChunkRow[] = [];
  // Gauges: after a restart the database may hold the first part of an hour memory lacks.
  const unmerged = groupBy(
    gauges.filter((g) => !g.buffer.merged && g.state.id !== undefined),
    (g) => g.buffer.hour,
  );
  for (const [hour, list] of unmerged) {
    const stored = await repo.rawOf(
      tx,
      hour,
      list.map((g) => g.state.id as number),
    );
    for (const g of list) {
      const blob = stored.get(g.state.id as number);
      if (blob) {
        const old = decodeRaw(blob);
        g.buffer.mergeFrom(old.offsets, old.values);
      }
      g.buffer.merged = true;
    }
  }
  for (const { state, buffer } of gauges) {
    if (state.id === undefined) continue;
    const { offsets, values } = buffer.columns();
    chunks.push({
      seriesId: state.id,
      hour: buffer.hour,
      raw: encodeRaw(offsets, values, offsets.length),
      rollup: encodeRollup(rollupOf(offsets, values, offsets.length)),
    });
  }
  // Steps: their few changes are appended to whatever the hour's row already holds.
  const byHour = new Map<number, Map<SeriesState, HourBuffer>>();
  for (const { state, points } of steps) {
    if (state.id === undefined) continue;
    for (let i = 0; i < points.length; i += 2) {
      const t = points[i] as number;
      const perHour = byHour.get(hourOf(t)) ?? new Map<SeriesState, HourBuffer>();
      byHour.set(hourOf(t), perHour);
      let b = perHour.get(state);
      if (!b) perHour.set(state, (b = new HourBuffer(hourOf(t))));
      b.add(t, points[i + 1] as number);
    }
  }
  for (const [hour, perHour] of byHour) {
    const stored = await repo.rawOf(
      tx,
      hour,
      [...perHour.keys()].map((s) => s.id as number),
    );
    for (const [state, b] of perHour) {
      const blob = stored.get(state.id as number);
      if (blob) {
        const old = decodeRaw(blob);
        b.mergeFrom(old.offsets, old.values);
      }
      const { offsets, values } = b.columns();
      chunks.push({
        seriesId: state.id as number,
        hour,
        raw: encodeRaw(offsets, values, offsets.length),
        rollup: null,
      });
    }
  }
  await repo.upsertChunks(tx, chunks);
}

function hourOf(t: number): number {
  return Math.floor(t / HOUR_MS);
}

function groupBy<T, K>(items: T[], keyOf: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const k = keyOf(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}
