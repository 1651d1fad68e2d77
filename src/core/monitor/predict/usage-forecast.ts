import { HOUR_MS, type SeriesPoint } from '../detector/sampling.js';
import { forecast, type ForecastPoint } from '../forecast/forecast.js';
import { formatSpan, formatUsage } from './format.js';
import type { PredictiveSettings } from './forecast-settings.js';
import { evaluateLimitCrossing, type LimitCrossing, type LimitedTarget } from './limit-crossing.js';
import { CELL_MS, slotValue, type UsageHistory } from './usage-history.js';
import type { UsageTarget } from './usage-targets.js';

/** A series' next hours, as charts and messages show them. */
export interface UsageForecast {
  target: UsageTarget;
  /** The forecast, or (when a trend reaches the limit) the trend towards it, with its band. */
  points: ForecastPoint[];
  model: string;
  current: number;
  crossing?: LimitCrossing;
}

/** Fewer 15-minute cells than this (an hour) and nothing is forecast. */
export const MIN_FORECAST_CELLS = 4;

/** How much recent 5-minute history is read on every run: the growth window, at least 2 hours. */
export function recentWindowMs(settings: PredictiveSettings): number {
  return Math.max(settings.growthWindowMs, 2 * HOUR_MS);
}

/** The forecast of one series and, when it has a limit, whether and when it reaches it. */
export function forecastUsage(
  target: UsageTarget,
  history: UsageHistory,
  now: number,
  settings: PredictiveSettings,
): UsageForecast | undefined {
  if (history.cells.length < MIN_FORECAST_CELLS) return undefined;
  const result = forecast(history.cells, { horizonMs: settings.horizonMs, stepMs: CELL_MS });
  const newest = history.recent.at(-1);
  const current = newest ? slotValue(newest, target.unit) : (history.cells.at(-1) as SeriesPoint).v;
  const crossing = target.limit
    ? evaluateLimitCrossing({
        target: target as LimitedTarget,
        history,
        forecast: result,
        now,
        settings,
      })
    : undefined;
  if (crossing?.method === 'trend') {
    return {
      target,
      points: trendPoints(crossing, now, settings.horizonMs),
      model: 'trend to the limit',
      current: crossing.current,
      crossing,
    };
  }
  return {
    target,
    points: result.points,
    model: result.model,
    current,
    ...(crossing && { crossing }),
  };
}

/** "now 378 Mi, in 6 h 714 Mi (650 Mi to 780 Mi)". */
export function forecastSentence(f: UsageForecast, horizonMs: number): string {
  const unit = f.target.unit;
  const end = f.points.at(-1);
  if (!end) return `now ${formatUsage(f.current, unit)}`;
  return `now ${formatUsage(f.current, unit)}, in ${formatSpan(horizonMs)} ${formatUsage(end.value, unit)} (${formatUsage(end.lower, unit)} to ${formatUsage(end.upper, unit)})`;
}

/**
 * The straight line that the crossing's estimate describes, as forecast points: the middle line
 * reaches the limit at the estimate, the band's edges at the likely range's ends, so the chart
 * and the sentence agree.
 */
function trendPoints(c: LimitCrossing, now: number, horizonMs: number): ForecastPoint[] {
  const gap = c.target.limit.value - c.current;
  const rate = (ms: number) => (Number.isFinite(ms) && ms > 0 ? gap / ms : 0);
  const mid = rate(c.etaMs);
  const fast = c.lowerMs > 0 ? rate(c.lowerMs) : mid;
  const slow = rate(c.upperMs);
  const out: ForecastPoint[] = [];
  for (let t = CELL_MS; t <= horizonMs; t += CELL_MS) {
    out.push({
      t: now + t,
      value: c.current + mid * t,
      lower: c.current + Math.min(slow, mid) * t,
      upper: c.current + Math.max(fast, mid) * t,
    });
  }
  return out;
}
