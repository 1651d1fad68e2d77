import type { SeriesPoint } from '../detector/sampling.js';
import { SLOT_MS } from '../series/chunk-codec.js';
import type { RollupPoint } from '../series/series-store.js';
import type { UsageUnit } from './format.js';

/**
 * Forecasts run on 15-minute cells: plenty for six hours ahead, and a third of the work of
 * 5-minute ones, which is what lets a run over 10,000 pods fit its interval.
 */
export const CELL_MS = 3 * SLOT_MS;

/** The history of one usage series as forecasts and crossings read it. */
export interface UsageHistory {
  /** 15-minute cells over the whole history: memory's highest peak, CPU's mean. */
  cells: SeriesPoint[];
  /** The newest 5-minute rollups (the growth window): where a trend towards a limit is measured. */
  recent: RollupPoint[];
}

/** The value of a 5-minute slot: memory's peak (what the OOM killer sees), CPU's average. */
export function slotValue(r: RollupPoint, unit: UsageUnit): number {
  return unit === 'bytes' ? r.max : r.avg;
}

export function usagePoints(rollups: readonly RollupPoint[], unit: UsageUnit): SeriesPoint[] {
  return rollups.map((r) => ({ t: r.t, v: slotValue(r, unit) }));
}

/** History from rollups read in one go (commands, charts). */
export function historyOf(
  rollups: readonly RollupPoint[],
  unit: UsageUnit,
  now: number,
  recentMs: number,
): UsageHistory {
  return { cells: toCells(rollups, unit), recent: rollups.filter((r) => r.t >= now - recentMs) };
}

/** 15-minute cells from 5-minute rollups, oldest first. */
export function toCells(rollups: readonly RollupPoint[], unit: UsageUnit): SeriesPoint[] {
  const out: SeriesPoint[] = [];
  let cell = Number.NaN;
  let sum = 0;
  let n = 0;
  let max = Number.NEGATIVE_INFINITY;
  const emit = () => {
    if (n > 0) out.push({ t: cell * CELL_MS, v: unit === 'bytes' ? max : sum / n });
  };
  for (const r of rollups) {
    const c = Math.floor(r.t / CELL_MS);
    if (c !== cell) {
      emit();
      cell = c;
      sum = 0;
      n = 0;
      max = Number.NEGATIVE_INFINITY;
    }
    const v = slotValue(r, unit);
    sum += v;
    n++;
    if (v > max) max = v;
  }
  emit();
  return out;
}
