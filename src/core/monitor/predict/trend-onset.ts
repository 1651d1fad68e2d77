import type { SeriesPoint } from '../detector/sampling.js';

/** Fewest points a trend is measured on (half an hour of 5-minute slots). */
const MIN_TREND_POINTS = 6;
/** A bend must explain at least this share of a straight line's squared error to count. */
const MIN_IMPROVEMENT = 0.5;

/**
 * The part of a window that belongs to the current trend: after the newest restart (a sharp
 * drop) and after the bend where a flat series started to grow. A leak that began an hour ago
 * in a three-hour window would otherwise be measured at half its speed, and its crossing
 * predicted far too late. The bend is the best "flat, then straight line" fit; it is used only
 * when it fits much better than one straight line.
 */
export function currentTrend(points: readonly SeriesPoint[]): {
  points: SeriesPoint[];
  restarted: boolean;
} {
  const afterRestart = sinceLastDrop(points);
  const restarted = afterRestart.length < points.length;
  return { points: sinceBend(afterRestart), restarted };
}

function sinceBend(afterRestart: SeriesPoint[]): SeriesPoint[] {
  const n = afterRestart.length;
  if (n < 2 * MIN_TREND_POINTS) return afterRestart;
  const lineError = lineSse(afterRestart);
  let best = { index: 0, sse: lineError };
  for (let b = MIN_TREND_POINTS; b <= n - MIN_TREND_POINTS; b++) {
    const sse = hingeSse(afterRestart, b);
    if (sse < best.sse) best = { index: b, sse };
  }
  if (best.index === 0 || !(best.sse < (1 - MIN_IMPROVEMENT) * lineError)) return afterRestart;
  return afterRestart.slice(best.index);
}

function sinceLastDrop(points: readonly SeriesPoint[]): SeriesPoint[] {
  let top = Number.NEGATIVE_INFINITY;
  let bottom = Number.POSITIVE_INFINITY;
  for (const p of points) {
    top = Math.max(top, p.v);
    bottom = Math.min(bottom, p.v);
  }
  const sharp = 0.5 * (top - bottom);
  for (let i = points.length - 1; i > 0; i--) {
    if (sharp > 0 && (points[i - 1] as SeriesPoint).v - (points[i] as SeriesPoint).v > sharp)
      return points.slice(i);
  }
  return [...points];
}

/** Squared error of the least-squares line through the points. */
function lineSse(points: readonly SeriesPoint[]): number {
  const t0 = (points[0] as SeriesPoint).t;
  return fitSse(points, (p) => p.t - t0);
}

/** Squared error of "constant until points[b], then a straight line" (continuous at the bend). */
function hingeSse(points: readonly SeriesPoint[], b: number): number {
  const tb = (points[b] as SeriesPoint).t;
  return fitSse(points, (p) => Math.max(0, p.t - tb));
}

/** Residual sum of squares of the least-squares fit v = a + s * x(p) (two passes: exact enough for bytes). */
function fitSse(points: readonly SeriesPoint[], x: (p: SeriesPoint) => number): number {
  const n = points.length;
  let mx = 0;
  let my = 0;
  for (const p of points) {
    mx += x(p);
    my += p.v;
  }
  mx /= n;
  my /= n;
  let cxx = 0;
  let cxy = 0;
  let cyy = 0;
  for (const p of points) {
    const dx = x(p) - mx;
    const dy = p.v - my;
    cxx += dx * dx;
    cxy += dx * dy;
    cyy += dy * dy;
  }
  return cxx > 0 ? Math.max(0, cyy - (cxy * cxy) / cxx) : cyy;
}
