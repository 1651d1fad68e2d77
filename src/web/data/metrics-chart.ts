import { UserError } from '../../core/errors/user-error.js';
import { forecast } from '../../core/monitor/forecast/forecast.js';
import type { SeriesMetric } from '../../core/monitor/series/series-key.js';
import type { MetricsView, SeriesSample } from '../ports.js';

export const chartRanges = { '1h': 3_600_000, '6h': 6 * 3_600_000, '24h': 24 * 3_600_000, '7d': 7 * 86_400_000 } as const;
export type ChartRange = keyof typeof chartRanges;
export type ChartKind = 'pod' | 'node';
export type ChartMetric = 'memory' | 'cpu';

export const forecastHorizonMs = 6 * 3_600_000;
// The forecast starts from raw samples, so it joins the last one on the chart: the store keeps
// them 6 hours by default (older history is 5-minute averages). Ranges up to that are raw too.
const forecastHistoryMs = 6 * 3_600_000;
const rawRangeMs = 6 * 3_600_000;
const minForecastSamples = 12;

export interface ChartQuery {
  cluster: string;
  kind: ChartKind;
  /** `NAMESPACE/NAME` for a pod, `NAME` for a node. */
  object: string;
  metric: ChartMetric;
  range: ChartRange;
}

/** What the chart script draws; times in seconds (uPlot's unit), values in bytes or cores. */
export interface ChartData {
  cluster: string;
  object: string;
  metric: ChartMetric;
  unit: 'bytes' | 'cores';
  from: number;
  to: number;
  history: { t: number[]; v: number[] };
  forecast: { t: number[]; value: number[]; lower: number[]; upper: number[]; model: string } | null;
  limit: { value: number; label: string } | null;
  notes: string[];
}

export function seriesObjectOf(kind: ChartKind, object: string): string {
  if (kind === 'node') {
    if (!/^[^/]+$/.test(object)) throw new UserError('bad-input', `"${object}" is not a node name.`, 'Pick a node from the list.');
    return `node/${object}`;
  }
  if (!/^[^/]+\/[^/]+$/.test(object)) {
    throw new UserError('bad-input', `"${object}" is not a pod as NAMESPACE/NAME.`, 'Pick a pod from the list, e.g. shop/web-5d8f-abcde.');
  }
  return `pod/${object}`;
}

/** History over the range, the 6-hour forecast with its band, and the limit line. */
export async function chartData(metrics: MetricsView, query: ChartQuery): Promise<ChartData> {
  const now = metrics.now();
  const rangeMs = chartRanges[query.range];
  const object = seriesObjectOf(query.kind, query.object);
  const key = { cluster: query.cluster, object, metric: query.metric };
  const limitMetric: SeriesMetric =
    query.kind === 'pod' ? (`${query.metric}_limit` as SeriesMetric) : (`${query.metric}_allocatable` as SeriesMetric);
  // Short ranges ask for raw samples outright: 'auto' would flip to 5-minute averages when the
  // store's clock has moved on a few milliseconds past the edge of the raw retention.
  const resolution = rangeMs <= rawRangeMs ? 'raw' : 'auto';
  const [history, forecastInput, limits] = await Promise.all([
    metrics.read(key, now - rangeMs, now, resolution),
    metrics.read(key, now - forecastHistoryMs, now, 'raw'),
    metrics.read({ ...key, metric: limitMetric }, now - rangeMs, now),
  ]);
  const notes: string[] = [];
  if (history.length === 0) notes.push('No samples in this range yet: the collector stores one about every 30 s.');
  const band = forecastOf(forecastInput, notes);
  const limit = limits[limits.length - 1];
  if (!limit) notes.push(query.kind === 'pod' ? `No ${query.metric} limit is set for this pod.` : 'Allocatable capacity is not known yet.');
  return {
    cluster: query.cluster,
    object,
    metric: query.metric,
    unit: query.metric === 'memory' ? 'bytes' : 'cores',
    from: now - rangeMs,
    to: now + (band ? forecastHorizonMs : 0),
    history: { t: history.map((p) => seconds(p.t)), v: history.map((p) => p.v) },
    forecast: band,
    limit: limit ? { value: limit.v, label: query.kind === 'pod' ? `${query.metric} limit` : 'allocatable' } : null,
    notes,
  };
}

function forecastOf(points: SeriesSample[], notes: string[]): ChartData['forecast'] {
  if (points.length < minForecastSamples) {
    notes.push(`No forecast yet: it needs at least ${minForecastSamples} samples (there are ${points.length}).`);
    return null;
  }
  try {
    const result = forecast(points, { horizonMs: forecastHorizonMs });
    const p = result.points;
    return {
      t: p.map((x) => seconds(x.t)),
      value: p.map((x) => x.value),
      lower: p.map((x) => x.lower),
      upper: p.map((x) => x.upper),
      model: result.model,
    };
  } catch (error) {
    notes.push(`No forecast: ${(error as Error).message}.`);
    return null;
  }
}

function seconds(ms: number): number {
  return Math.round(ms / 1000);
}
