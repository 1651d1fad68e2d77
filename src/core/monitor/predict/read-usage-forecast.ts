import type { SeriesPoint } from '../detector/sampling.js';
import type { SeriesStore } from '../series/series-store.js';
import type { PredictiveSettings } from './forecast-settings.js';
import { forecastUsage, recentWindowMs, type UsageForecast } from './usage-forecast.js';
import { historyOf, usagePoints } from './usage-history.js';
import type { UsageTarget } from './usage-targets.js';

export interface UsageReport {
  target: UsageTarget;
  /** Undefined with less than an hour of history. */
  forecast?: UsageForecast;
  /** The 5-minute history, for the chart. */
  history: SeriesPoint[];
}

/** One series read from the store and forecast (commands and alert charts; the job caches). */
export async function readUsageForecast(
  store: Pick<SeriesStore, 'readRollup'>,
  target: UsageTarget,
  now: number,
  settings: PredictiveSettings,
): Promise<UsageReport> {
  const rollups = await store.readRollup(target.key, now - settings.historyMs, now);
  const history = historyOf(rollups, target.unit, now, recentWindowMs(settings));
  const forecast = forecastUsage(target, history, now, settings);
  return { target, history: usagePoints(rollups, target.unit), ...(forecast && { forecast }) };
}
