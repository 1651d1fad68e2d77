import { DAY_MS, HOUR_MS, MINUTE_MS, inferStepMs, type SeriesPoint } from '../detector/sampling.js';
import { backtest, backtestOrigins, type BacktestResult } from './backtest.js';
import { bandHalfWidths } from './band.js';
import { toGrid, type Grid } from './grid.js';
import {
  dampedTrend,
  lastValue,
  linearTrend,
  meanLastHour,
  seasonalDaily,
  type ForecastModel,
  type ModelContext,
} from './models.js';

export interface ForecastOptions {
  /** How far ahead; 6 hours by default. */
  horizonMs?: number;
  /** Sampling step of the series and of the forecast points; inferred when absent. */
  stepMs?: number;
}

export interface ForecastPoint {
  t: number;
  value: number;
  lower: number;
  upper: number;
}

export interface ForecastResult {
  /** One point per step after the last sample, up to the horizon. */
  points: ForecastPoint[];
  /** The method that forecast the recent past best. */
  model: string;
  stepMs: number;
}

export const DEFAULT_HORIZON_MS = 6 * HOUR_MS;
/** Models run on at least 1-minute cells: finer steps add cost, not skill, 6 hours ahead. */
const MIN_MODEL_STEP_MS = MINUTE_MS;
const HISTORY_MS = 8 * DAY_MS;
const BACKTEST_ORIGINS = 8;
/** Band: this quantile of backtest |error|, widened for the optimism of picking the best model. */
const BAND_QUANTILE = 0.85;
const BAND_INFLATION = 1.15;

/** Candidates in order of simplicity: a tie goes to the simpler one. */
const MODELS: readonly ForecastModel[] = [
  lastValue,
  meanLastHour,
  dampedTrend,
  linearTrend,
  seasonalDaily,
];

/**
 * Forecasts a series (epoch-ms points, oldest first) `horizonMs` ahead with an uncertainty band
 * of about 85 % coverage. Picks, by rolling-origin backtest on the recent past, the best of
 * last value, mean of the last hour, damped and linear trend, and (with two days of history) a
 * daily seasonal model; the band comes from that model's backtest errors by horizon.
 */
export function forecast(
  series: readonly SeriesPoint[],
  options: ForecastOptions = {},
): ForecastResult {
  const points = cleanSeries(series);
  const stepMs = options.stepMs ?? inferStepMs(points.map((p) => p.t));
  if (points.length === 0) throw new RangeError('cannot forecast an empty series');
  if (!(stepMs > 0))
    throw new RangeError(
      'cannot infer the sampling step: give at least two distinct timestamps or stepMs',
    );
  const horizonMs = options.horizonMs ?? DEFAULT_HORIZON_MS;
  if (!(horizonMs >= stepMs))
    throw new RangeError('the horizon must be at least one sampling step');

  const modelStep = stepMs * Math.max(1, Math.ceil(MIN_MODEL_STEP_MS / stepMs));
  const grid = toGrid(points, modelStep, Math.ceil(HISTORY_MS / modelStep));
  const ctx: ModelContext = {
    period: modelStep <= 2 * HOUR_MS ? Math.round(DAY_MS / modelStep) : 0,
    hour: Math.max(1, Math.round(HOUR_MS / modelStep)),
  };
  const horizon = Math.ceil(horizonMs / modelStep);
  const best = pickModel(grid.values, horizon, ctx);
  const forecastValues = best.model.predict(grid.values, grid.values.length, horizon, ctx);
  const halfWidths = bandHalfWidths(best.errors, horizon, BAND_QUANTILE);
  const cellNoise = modelStep > stepMs ? withinCellSpread(points, grid) : 0;
  const nonNegative = points.every((p) => p.v >= 0);

  const last = points[points.length - 1] as SeriesPoint;
  const out: ForecastPoint[] = [];
  const count = Math.floor(horizonMs / stepMs);
  for (let k = 1; k <= count; k++) {
    const t = last.t + k * stepMs;
    const at = (k * stepMs) / modelStep - 1;
    const value = interpolateAt(forecastValues, at, last.v);
    const half = BAND_INFLATION * Math.hypot(interpolateAt(halfWidths, at, 0), cellNoise);
    let lower = value - half;
    let upper = value + half;
    let v = value;
    if (nonNegative) {
      v = Math.max(0, v);
      lower = Math.max(0, lower);
      upper = Math.max(0, upper);
    }
    out.push({ t, value: v, lower, upper });
  }
  return { points: out, model: best.model.name, stepMs };
}

/** The candidate with the smallest mean absolute error on common backtest origins. */
export function pickModel(y: Float64Array, horizon: number, ctx: ModelContext): BacktestResult {
  const n = y.length;
  const tested = Math.min(horizon, Math.max(1, Math.floor(n / 3)));
  const spacing = Math.max(1, Math.round(tested / 4));
  let candidates = MODELS.filter(
    (m) => m !== seasonalDaily || (ctx.period > 0 && n >= 2 * ctx.period),
  );
  candidates = candidates.filter((m) => m.minHistory(ctx) <= n - tested);
  if (candidates.length === 0) candidates = [lastValue];
  const minHistory = Math.max(...candidates.map((m) => m.minHistory(ctx)));
  let origins = backtestOrigins(n, tested, BACKTEST_ORIGINS, spacing, minHistory);
  if (origins.length === 0) origins = [Math.max(1, n - tested)];
  let best: BacktestResult | undefined;
  for (const model of candidates) {
    const result = backtest(model, y, origins, Math.min(tested, n - (origins[0] as number)), ctx);
    if (!best || result.meanAbsError < best.meanAbsError) best = result;
  }
  return best as BacktestResult;
}

function cleanSeries(series: readonly SeriesPoint[]): SeriesPoint[] {
  const points = series.filter((p) => Number.isFinite(p.t) && Number.isFinite(p.v));
  for (let i = 1; i < points.length; i++) {
    if ((points[i] as SeriesPoint).t < (points[i - 1] as SeriesPoint).t)
      return [...points].sort((a, b) => a.t - b.t);
  }
  return points;
}

/** Value at fractional grid index `at` of the forecast; index -1 is the last observation. */
function interpolateAt(values: Float64Array, at: number, before: number): number {
  const lo = Math.floor(at);
  const frac = at - lo;
  const a = lo < 0 ? before : (values[Math.min(lo, values.length - 1)] as number);
  const b = values[Math.min(lo + 1, values.length - 1)] as number;
  return frac === 0 ? a : a + (b - a) * frac;
}

/** Spread of raw samples around their cell means, for bands on a finer step than the model's. */
function withinCellSpread(points: readonly SeriesPoint[], grid: Grid): number {
  const deviations: number[] = [];
  const from = Math.max(0, points.length - 5000);
  for (let i = from; i < points.length; i++) {
    const p = points[i] as SeriesPoint;
    const cell = Math.round((p.t - grid.t0) / grid.stepMs);
    if (cell >= 0 && cell < grid.values.length)
      deviations.push(Math.abs(p.v - (grid.values[cell] as number)));
  }
  deviations.sort((a, b) => a - b);
  return deviations.length > 0
    ? (deviations[Math.floor(BAND_QUANTILE * (deviations.length - 1))] as number)
    : 0;
}
