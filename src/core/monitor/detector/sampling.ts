/** One sample of a metric: epoch milliseconds and a value. */
export interface SeriesPoint {
  t: number;
  v: number;
}

export const SECOND_MS = 1_000;
export const MINUTE_MS = 60 * SECOND_MS;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/**
 * The regular sampling step of a series: the median of the positive gaps between consecutive
 * timestamps, so occasional gaps, duplicates and jitter do not move it. NaN with fewer than two
 * distinct timestamps.
 */
export function inferStepMs(times: readonly number[]): number {
  const gaps: number[] = [];
  for (let i = 1; i < times.length; i++) {
    const gap = (times[i] as number) - (times[i - 1] as number);
    if (gap > 0) gaps.push(gap);
  }
  if (gaps.length === 0) return Number.NaN;
  gaps.sort((a, b) => a - b);
  return gaps[(gaps.length - 1) >> 1] as number;
}

/** A duration expressed in time, bounded in points, so one default fits 1 s to 1 h sampling. */
export interface Span {
  ms: number;
  minPoints: number;
  maxPoints: number;
}

export function spanPoints(span: Span, stepMs: number): number {
  const points = Math.ceil(span.ms / stepMs);
  return Math.max(span.minPoints, Math.min(span.maxPoints, points));
}
