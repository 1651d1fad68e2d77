import { HOUR_MS, type SeriesPoint } from '../detector/sampling.js';
import { DEFAULT_HORIZON_MS } from './forecast.js';

export interface CrossingOptions {
  /** Only crossings within this time are reported; 6 hours by default. */
  horizonMs?: number;
  /** Growth is measured over this much recent history (after the last restart); 3 hours by default. */
  windowMs?: number;
}

export interface CrossingPrediction {
  /** Most likely time from the last sample until the limit is reached. */
  etaMs: number;
  /** Likely range (about 80 %); `upperMs` is Infinity when the growth may stop altogether. */
  lowerMs: number;
  upperMs: number;
  /** Probability that the limit is reached within the horizon. */
  confidence: number;
}

const MIN_POINTS = 6;
/** 80 % two-sided normal quantile. */
const Z80 = 1.2816;
/** Pairwise slopes are computed on at most this many bucket means. */
const MAX_FIT_POINTS = 120;

/**
 * When a growing series (memory of a container, say) reaches `limit`: a robust straight line
 * (Theil-Sen) through the recent history since the last restart, with an interval from the
 * slope's uncertainty (corrected for autocorrelated noise) and the noise around the line.
 * Null when the series is not growing or the crossing lies beyond the horizon.
 */
export function predictCrossing(
  series: readonly SeriesPoint[],
  limit: number,
  options: CrossingOptions = {},
): CrossingPrediction | null {
  const horizonMs = options.horizonMs ?? DEFAULT_HORIZON_MS;
  const windowMs = options.windowMs ?? 3 * HOUR_MS;
  const points = recentSinceRestart(series, windowMs);
  if (points.length < MIN_POINTS) return null;
  const last = points[points.length - 1] as SeriesPoint;
  // Time relative to the last sample keeps the arithmetic exact with epoch milliseconds.
  const fit = fitTheilSen(
    bucketMeans(points, MAX_FIT_POINTS).map((p) => ({ t: p.t - last.t, v: p.v })),
  );
  const level = fit.intercept;
  if (Math.max(level, last.v) >= limit) return { etaMs: 0, lowerMs: 0, upperMs: 0, confidence: 1 };
  if (!(fit.slope > 0)) return null;

  const etaMs = (limit - level) / fit.slope;
  if (etaMs > horizonMs) return null;
  const slopeLow = fit.slope - Z80 * fit.slopeError;
  const slopeHigh = fit.slope + Z80 * fit.slopeError;
  // The series touches the limit when line plus noise does: the early bound allows for that.
  const lowerMs = Math.max(0, (limit - level - Z80 * fit.noise) / slopeHigh);
  const upperMs = slopeLow > 0 ? (limit - level) / slopeLow : Number.POSITIVE_INFINITY;
  const needed = (limit - level) / horizonMs;
  const confidence = fit.slopeError > 0 ? normalCdf((fit.slope - needed) / fit.slopeError) : 1;
  return {
    etaMs,
    lowerMs: Math.min(lowerMs, etaMs),
    upperMs: Math.max(upperMs, etaMs),
    confidence,
  };
}

/** The last `windowMs` of the series, cut after the newest sharp drop (a restart or OOM kill). */
function recentSinceRestart(series: readonly SeriesPoint[], windowMs: number): SeriesPoint[] {
  const finite = series.filter((p) => Number.isFinite(p.t) && Number.isFinite(p.v));
  if (finite.length === 0) return [];
  const end = (finite[finite.length - 1] as SeriesPoint).t;
  let from = finite.findIndex((p) => p.t >= end - windowMs);
  const window = finite.slice(from);
  let top = Number.NEGATIVE_INFINITY;
  let bottom = Number.POSITIVE_INFINITY;
  for (const p of window) {
    top = Math.max(top, p.v);
    bottom = Math.min(bottom, p.v);
  }
  const sharp = 0.5 * (top - bottom);
  for (let i = finite.length - 1; i > from; i--) {
    if ((finite[i - 1] as SeriesPoint).v - (finite[i] as SeriesPoint).v > sharp && sharp > 0) {
      from = i;
      break;
    }
  }
  return finite.slice(from);
}

function bucketMeans(points: readonly SeriesPoint[], max: number): SeriesPoint[] {
  if (points.length <= max) return [...points];
  const out: SeriesPoint[] = [];
  const size = points.length / max;
  for (let b = 0; b < max; b++) {
    const from = Math.floor(b * size);
    const to = Math.floor((b + 1) * size);
    let t = 0;
    let v = 0;
    for (let i = from; i < to; i++) {
      t += (points[i] as SeriesPoint).t;
      v += (points[i] as SeriesPoint).v;
    }
    out.push({ t: t / (to - from), v: v / (to - from) });
  }
  return out;
}

interface LineFit {
  intercept: number;
  slope: number;
  /** Standard error of the slope, inflated for autocorrelated residuals. */
  slopeError: number;
  /** Robust standard deviation of the residuals. */
  noise: number;
}

function fitTheilSen(points: readonly SeriesPoint[]): LineFit {
  const n = points.length;
  const slopes: number[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const dt = (points[j] as SeriesPoint).t - (points[i] as SeriesPoint).t;
      if (dt > 0) slopes.push(((points[j] as SeriesPoint).v - (points[i] as SeriesPoint).v) / dt);
    }
  }
  const slope = median(slopes);
  const intercept = median(points.map((p) => p.v - slope * p.t));
  const residuals = points.map((p) => p.v - intercept - slope * p.t);
  const noise = 1.4826 * median(residuals.map(Math.abs));
  const meanT = points.reduce((s, p) => s + p.t, 0) / n;
  const sxx = points.reduce((s, p) => s + (p.t - meanT) ** 2, 0);
  const rho = lagOneCorrelation(residuals);
  const inflation = Math.sqrt((1 + rho) / (1 - rho));
  const slopeError = sxx > 0 ? (noise / Math.sqrt(sxx)) * inflation : Number.POSITIVE_INFINITY;
  return { intercept, slope, slopeError, noise };
}

function lagOneCorrelation(residuals: readonly number[]): number {
  let num = 0;
  let den = 0;
  for (let i = 0; i < residuals.length; i++) {
    const r = residuals[i] as number;
    den += r * r;
    if (i > 0) num += r * (residuals[i - 1] as number);
  }
  // Clamped: with few points the estimate is noisy, and near 1 the correction explodes.
  return den > 0 ? Math.min(0.9, Math.max(0, num / den)) : 0;
}

function median(values: number[]): number {
  if (values.length === 0) return Number.NaN;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/** Standard normal CDF (Abramowitz-Stegun 7.1.26 via erf). */
function normalCdf(x: number): number {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * z);
  const erf =
    1 -
    ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496735) * t + 0.254829592) *
      t *
      Math.exp(-z * z);
  return x >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}
