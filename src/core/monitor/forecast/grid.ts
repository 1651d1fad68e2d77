import type { SeriesPoint } from '../detector/sampling.js';

/** A series on a regular grid: value i is at t0 + i * stepMs; gaps are filled linearly. */
export interface Grid {
  t0: number;
  stepMs: number;
  values: Float64Array;
}

/**
 * Puts the newest `maxPoints` grid steps of a series (sorted by time) on a regular grid of
 * `stepMs`, averaging points that share a cell and interpolating across gaps.
 */
export function toGrid(points: readonly SeriesPoint[], stepMs: number, maxPoints: number): Grid {
  const last = points[points.length - 1] as SeriesPoint;
  const first = points[0] as SeriesPoint;
  const cells = Math.min(maxPoints, Math.round((last.t - first.t) / stepMs) + 1);
  const t0 = last.t - (cells - 1) * stepMs;
  const sums = new Float64Array(cells);
  const counts = new Uint32Array(cells);
  for (let i = points.length - 1; i >= 0; i--) {
    const p = points[i] as SeriesPoint;
    const cell = Math.round((p.t - t0) / stepMs);
    if (cell < 0) break;
    if (cell >= cells) continue;
    sums[cell]! += p.v;
    counts[cell]! += 1;
  }
  const values = new Float64Array(cells).fill(Number.NaN);
  for (let i = 0; i < cells; i++)
    if ((counts[i] as number) > 0) values[i] = (sums[i] as number) / (counts[i] as number);
  fillGaps(values);
  return { t0, stepMs, values };
}

function fillGaps(values: Float64Array): void {
  let prev = -1;
  for (let i = 0; i < values.length; i++) {
    if (Number.isNaN(values[i] as number)) continue;
    if (prev < 0) {
      values.fill(values[i] as number, 0, i);
    } else if (i - prev > 1) {
      const a = values[prev] as number;
      const b = values[i] as number;
      for (let k = prev + 1; k < i; k++) values[k] = a + ((b - a) * (k - prev)) / (i - prev);
    }
    prev = i;
  }
  if (prev >= 0 && prev < values.length - 1) values.fill(values[prev] as number, prev + 1);
}
