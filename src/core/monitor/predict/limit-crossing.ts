import { HOUR_MS, type SeriesPoint } from '../detector/sampling.js';
import { predictCrossing } from '../forecast/crossing.js';
import type { ForecastResult } from '../forecast/forecast.js';
import type { RollupPoint } from '../series/series-store.js';
import type { PredictiveSettings } from './forecast-settings.js';
import type { UsageTarget } from './usage-targets.js';
import { currentTrend } from './trend-onset.js';
import { slotValue, type UsageHistory } from './usage-history.js';

export type LimitedTarget = UsageTarget & { limit: NonNullable<UsageTarget['limit']> };

/** A limit a series is predicted to reach. Times are from `now`. */
export interface LimitCrossing {
  target: LimitedTarget;
  /** Recent use (memory: the 5-minute peaks, which is what an OOM kill sees). */
  current: number;
  /** The 10th percentile of the history (peaks for memory): where the series rests. */
  idle: number;
  etaMs: number;
  lowerMs: number;
  /** Infinity when the growth may stop altogether. */
  upperMs: number;
  /** Probability of reaching the limit within the horizon (trend crossings only). */
  confidence?: number;
  /** `trend`: steady growth; `forecast`: the forecast (a daily peak, say) reaches the limit. */
  method: 'trend' | 'forecast';
  /** Growth per hour towards the limit. */
  growthPerHour: number;
  /** Worth an alert: within the horizon, use well above idle, confident enough. */
  raise: boolean;
  /** Still true enough to keep an open alert (within the horizon times the hold factor). */
  hold: boolean;
}

export interface LimitCrossingInput {
  target: LimitedTarget;
  history: UsageHistory;
  /** The series' forecast from the same history. */
  forecast?: ForecastResult;
  now: number;
  settings: PredictiveSettings;
}

const SLOT_MID_MS = 150_000;

/**
 * Whether and when a usage series reaches its limit: a robust trend since the last restart
 * (`predictCrossing`), or else the forecast itself reaching the limit. Nothing when current use
 * is low against the limit or hardly above the series' idle level, or when a daily-seasonal
 * forecast shows the rise is just the daily cycle.
 */
export function evaluateLimitCrossing(input: LimitCrossingInput): LimitCrossing | undefined {
  const { target, history, forecast, now, settings } = input;
  const recent = history.recent;
  if (recent.length < 6) return undefined;
  const limit = target.limit.value;
  const valueOf = (r: RollupPoint) => slotValue(r, target.unit);
  // Most series are far below their limit: the cheap test goes first.
  if (mean(recent.slice(-3).map(valueOf)) < settings.minUseOfLimit * limit) return undefined;
  const trendPart = currentTrend(recent.map((r) => ({ t: r.t + SLOT_MID_MS, v: valueOf(r) })));
  // Since a restart (an OOM kill, say), only what came after it counts.
  const current = mean(trendPart.points.slice(-3).map((p) => p.v));
  if (current < settings.minUseOfLimit * limit) return undefined;
  const idle = quantile(
    history.cells.map((p) => p.v),
    0.1,
  );
  if (current - idle < settings.minRiseOverIdle * limit) return undefined;

  const holdMs = settings.horizonMs * settings.holdFactor;
  const lastT = (trendPart.points.at(-1) as SeriesPoint).t;
  const sinceLast = Math.max(0, now - lastT);
  const trend = predictCrossing(trendPart.points, limit, {
    horizonMs: holdMs,
    windowMs: settings.growthWindowMs,
  });
  const seasonalNo =
    forecast?.model === 'seasonal-daily' && forecast.points.every((p) => p.upper < limit);
  let crossing:
    | Omit<LimitCrossing, 'raise' | 'hold' | 'target' | 'current' | 'idle' | 'growthPerHour'>
    | undefined;
  if (trend && !seasonalNo) {
    crossing = {
      etaMs: Math.max(0, trend.etaMs - sinceLast),
      lowerMs: Math.max(0, trend.lowerMs - sinceLast),
      upperMs: Math.max(0, trend.upperMs - sinceLast),
      confidence: trend.confidence,
      method: 'trend',
    };
  } else if (forecast && !trendPart.restarted) {
    // Not after a restart: the forecast was made on history from before it.
    crossing = forecastCrossing(forecast, limit, now, holdMs);
  }
  if (!crossing) return undefined;
  const growthPerHour =
    crossing.etaMs > 0 ? ((limit - current) / crossing.etaMs) * HOUR_MS : Number.POSITIVE_INFINITY;
  const confident =
    crossing.confidence === undefined || crossing.confidence >= settings.minConfidence;
  return {
    target,
    current,
    idle,
    ...crossing,
    growthPerHour,
    raise: crossing.etaMs <= settings.horizonMs && confident,
    hold: crossing.etaMs <= holdMs,
  };
}

/** The first forecast point at the limit; the band's edges give the likely range. */
function forecastCrossing(forecast: ForecastResult, limit: number, now: number, holdMs: number) {
  const first = (test: (p: ForecastResult['points'][number]) => boolean) => {
    const p = forecast.points.find((q) => q.t - now <= holdMs && test(q));
    return p ? Math.max(0, p.t - now) : undefined;
  };
  const etaMs = first((p) => p.value >= limit);
  if (etaMs === undefined) return undefined;
  return {
    etaMs,
    lowerMs: first((p) => p.upper >= limit) ?? etaMs,
    upperMs: first((p) => p.lower >= limit) ?? Number.POSITIVE_INFINITY,
    method: 'forecast' as const,
  };
}

function mean(values: number[]): number {
  return values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
}

export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const s = [...values].sort((a, b) => a - b);
  const pos = q * (s.length - 1);
  const lo = Math.floor(pos);
  const a = s[lo] as number;
  return lo + 1 < s.length ? a + ((s[lo + 1] as number) - a) * (pos - lo) : a;
}
