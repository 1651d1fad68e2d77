import { z } from 'zod';
import { HOUR_MS, MINUTE_MS } from '../detector/sampling.js';

/**
 * The `monitoring.forecast` key of ai4k8s.yaml (to be added to `monitoringConfigSchema`):
 * the forecast job and its predictive alerts. Every field has a default.
 */
export const forecastConfigSchema = z.strictObject({
  /** How often every usage series is forecast and predictions are checked. */
  intervalMinutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(10),
  /** How far ahead forecasts look; a crossing further away raises nothing. */
  horizonHours: z
    .number()
    .min(0.5)
    .max(7 * 24)
    .default(6),
  /** A crossing must be predicted on this many runs in a row before it alerts. */
  consecutiveRuns: z.number().int().min(1).max(20).default(2),
  /** Current use must be at least this share of the limit... */
  minUseOfLimit: z.number().min(0).max(1).default(0.5),
  /** ...and this share of the limit above its idle level (the 10th percentile of its history). */
  minRiseOverIdle: z.number().min(0).max(1).default(0.05),
  /** Probability (from the trend's uncertainty) that the crossing happens within the horizon. */
  minConfidence: z.number().min(0).max(1).default(0.5),
  /** Hours of 5-minute history a forecast uses (two days and more: daily seasonality). */
  historyHours: z
    .number()
    .min(1)
    .max(8 * 24)
    .default(50),
  /** Growth towards a limit is measured over this much recent history. */
  growthWindowHours: z.number().min(0.5).max(48).default(3),
});

export type ForecastConfig = z.infer<typeof forecastConfigSchema>;

/** The forecast job's settings in milliseconds. */
export interface PredictiveSettings {
  intervalMs: number;
  horizonMs: number;
  consecutiveRuns: number;
  minUseOfLimit: number;
  minRiseOverIdle: number;
  minConfidence: number;
  historyMs: number;
  growthWindowMs: number;
  /** An open alert stays while its crossing is predicted within horizon times this (hysteresis). */
  holdFactor: number;
  /** Runs closer together than this count as one (a job re-run after a stall). */
  minRunSpacingMs: number;
  /** A series whose newest sample is older than this is not forecast (a deleted or silent object). */
  staleAfterMs: number;
}

export function predictiveSettings(config: Partial<ForecastConfig> = {}): PredictiveSettings {
  const c = forecastConfigSchema.parse(config);
  const intervalMs = c.intervalMinutes * MINUTE_MS;
  return {
    intervalMs,
    horizonMs: c.horizonHours * HOUR_MS,
    consecutiveRuns: c.consecutiveRuns,
    minUseOfLimit: c.minUseOfLimit,
    minRiseOverIdle: c.minRiseOverIdle,
    minConfidence: c.minConfidence,
    historyMs: c.historyHours * HOUR_MS,
    growthWindowMs: c.growthWindowHours * HOUR_MS,
    holdFactor: 1.5,
    minRunSpacingMs: Math.min(intervalMs / 2, 5 * MINUTE_MS),
    staleAfterMs: Math.max(15 * MINUTE_MS, intervalMs),
  };
}
