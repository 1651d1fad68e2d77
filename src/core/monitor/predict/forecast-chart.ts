import type { MessageImage } from '../../messages/core-message.js';
import { renderUsageChart } from '../chart/render-usage-chart.js';
import { HOUR_MS, type SeriesPoint } from '../detector/sampling.js';
import { formatSpan } from './format.js';
import type { UsageForecast } from './usage-forecast.js';

/** Chart history shown with a forecast: this much of the past. */
export const CHART_HISTORY_MS = 12 * HOUR_MS;

/** The chart of a forecast: the last 12 hours, the forecast and its band, the limit line. */
export function forecastChart(
  f: UsageForecast,
  history: readonly SeriesPoint[],
  now: number,
  horizonMs: number,
): MessageImage {
  const { target } = f;
  const what = target.unit === 'bytes' ? 'memory' : 'CPU';
  const title = `${what} of ${target.label}`;
  const limit = target.limit?.value;
  const png = renderUsageChart({
    history: history.filter((p) => p.t >= now - CHART_HISTORY_MS),
    forecast: f.points,
    title,
    unit: target.unit,
    now,
    ...(limit !== undefined && {
      limit,
      limitLabel: target.limit?.kind === 'container-memory' ? 'limit' : 'allocatable',
    }),
    ...(f.crossing && { crossingAt: now + f.crossing.etaMs }),
  });
  const limitText = limit !== undefined ? ', the limit as a red line' : '';
  return {
    png,
    alt: `${title}: the last ${formatSpan(CHART_HISTORY_MS)} and a ${formatSpan(horizonMs)} forecast with its band${limitText}`,
    filename: `${what.toLowerCase()}-${target.label.replace(/[^a-zA-Z0-9.-]+/g, '_')}.png`,
  };
}
