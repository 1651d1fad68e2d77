import type { SeriesPoint } from '../detector/sampling.js';
import type { ForecastPoint } from '../forecast/forecast.js';
import { formatUsage, type UsageUnit } from '../predict/format.js';
import { timeTicks, valueAxis } from './axis-ticks.js';

export interface UsageChartInput {
  /** Observed usage, oldest first. */
  history: readonly SeriesPoint[];
  /** Points after the last observation, with their band. */
  forecast: readonly ForecastPoint[];
  /** The line that must not be crossed (a memory limit, a node's allocatable). */
  limit?: number;
  title: string;
  /** Default `bytes`. */
  unit?: UsageUnit;
  /** What the limit is called on the chart (default `limit`). */
  limitLabel?: string;
  /** A predicted crossing time, marked on the limit line. */
  crossingAt?: number;
  /** The time the chart calls `now` (default: the last observation). */
  now?: number;
}

/** Colours, exported so tests can look for the limit line in the rendered pixels. */
export const chartColors = {
  background: '#ffffff',
  grid: '#e5e7eb',
  axisText: '#374151',
  history: '#2563eb',
  forecast: '#d97706',
  band: '#fbbf24',
  limit: '#dc2626',
  now: '#6b7280',
} as const;

/** Drawing size in CSS pixels; the PNG is rendered at twice this for sharp text. */
export const CHART_WIDTH = 720;
export const CHART_HEIGHT = 320;
const PAD = { left: 70, right: 20, top: 54, bottom: 30 };
const MAX_POLYLINE_POINTS = 650;

export interface ChartLayout {
  /** Plot area in drawing pixels. */
  plot: { x: number; y: number; width: number; height: number };
  x(t: number): number;
  y(v: number): number;
  from: number;
  to: number;
  maxValue: number;
  /** Values of the horizontal grid lines. */
  ticks: number[];
}

/** Where things go: time and value scales over the history, the forecast and the limit. */
export function chartLayout(input: UsageChartInput): ChartLayout {
  const { history, forecast } = input;
  const lastT = history.at(-1)?.t ?? forecast[0]?.t ?? 0;
  const from = history[0]?.t ?? lastT;
  const to = Math.max(forecast.at(-1)?.t ?? lastT, lastT + 1);
  let top = 0;
  for (const p of history) top = Math.max(top, p.v);
  for (const p of forecast) top = Math.max(top, p.value);
  // A wide band may run off the top; the limit and what was seen decide the scale.
  let bandTop = 0;
  for (const p of forecast) bandTop = Math.max(bandTop, p.upper);
  top = Math.max(top, Math.min(bandTop, top * 1.5));
  if (input.limit !== undefined) top = Math.max(top, input.limit);
  const axis = valueAxis(top * 1.08 || 1, input.unit ?? 'bytes');
  const plot = {
    x: PAD.left,
    y: PAD.top,
    width: CHART_WIDTH - PAD.left - PAD.right,
    height: CHART_HEIGHT - PAD.top - PAD.bottom,
  };
  const span = Math.max(1, to - from);
  return {
    plot,
    from,
    to,
    maxValue: axis.max,
    ticks: axis.ticks,
    x: (t) => plot.x + ((t - from) / span) * plot.width,
    y: (v) => plot.y + plot.height - (Math.max(0, v) / axis.max) * plot.height,
  };
}

/** The chart as an SVG document (text in DejaVu Sans or any sans-serif font). */
export function usageChartSvg(input: UsageChartInput): string {
  const unit = input.unit ?? 'bytes';
  const layout = chartLayout(input);
  const { plot, x, y } = layout;
  const now = input.now ?? input.history.at(-1)?.t ?? layout.from;
  const c = chartColors;
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${CHART_WIDTH}" height="${CHART_HEIGHT}" viewBox="0 0 ${CHART_WIDTH} ${CHART_HEIGHT}" font-family="DejaVu Sans, Arial, sans-serif">`,
    `<rect width="100%" height="100%" fill="${c.background}"/>`,
    `<defs><clipPath id="plot"><rect x="${plot.x}" y="${plot.y}" width="${plot.width}" height="${plot.height}"/></clipPath></defs>`,
    `<text x="${PAD.left}" y="24" font-size="16" font-weight="bold" fill="#111827">${escapeXml(input.title)}</text>`,
  );
  parts.push(...legend(input));

  for (const tick of layout.ticks) {
    const ty = f(y(tick));
    parts.push(
      `<line x1="${plot.x}" y1="${ty}" x2="${plot.x + plot.width}" y2="${ty}" stroke="${c.grid}" stroke-width="1"/>`,
      `<text x="${plot.x - 8}" y="${f(y(tick) + 4)}" font-size="12" text-anchor="end" fill="${c.axisText}">${tick === 0 ? '0' : formatUsage(tick, unit)}</text>`,
    );
  }
  for (const tick of timeTicks(layout.from, layout.to, now)) {
    parts.push(
      `<text x="${f(x(tick.t))}" y="${CHART_HEIGHT - 10}" font-size="12" text-anchor="middle" fill="${c.axisText}">${tick.label}</text>`,
    );
  }

  const band = input.forecast;
  if (band.length > 0) {
    const upper = band.map((p) => `${f(x(p.t))},${f(y(p.upper))}`);
    const lower = [...band].reverse().map((p) => `${f(x(p.t))},${f(y(p.lower))}`);
    parts.push(
      `<polygon clip-path="url(#plot)" points="${[...upper, ...lower].join(' ')}" fill="${c.band}" fill-opacity="0.35" stroke="none"/>`,
    );
  }
  parts.push(
    `<line x1="${f(x(now))}" y1="${plot.y}" x2="${f(x(now))}" y2="${plot.y + plot.height}" stroke="${c.now}" stroke-width="1" stroke-dasharray="4 4"/>`,
  );
  if (input.history.length > 0) {
    const points = thin(input.history, MAX_POLYLINE_POINTS).map((p) => `${f(x(p.t))},${f(y(p.v))}`);
    parts.push(
      `<polyline clip-path="url(#plot)" points="${points.join(' ')}" fill="none" stroke="${c.history}" stroke-width="2" stroke-linejoin="round"/>`,
    );
  }
  if (band.length > 0) {
    const last = input.history.at(-1);
    const start = last ? [`${f(x(last.t))},${f(y(last.v))}`] : [];
    const points = [...start, ...band.map((p) => `${f(x(p.t))},${f(y(p.value))}`)];
    parts.push(
      `<polyline clip-path="url(#plot)" points="${points.join(' ')}" fill="none" stroke="${c.forecast}" stroke-width="2" stroke-dasharray="6 4"/>`,
    );
  }
  if (input.limit !== undefined) {
    const ly = f(y(input.limit));
    const label = `${input.limitLabel ?? 'limit'} ${formatUsage(input.limit, unit)}`;
    parts.push(
      `<line x1="${plot.x}" y1="${ly}" x2="${plot.x + plot.width}" y2="${ly}" stroke="${c.limit}" stroke-width="2"/>`,
      `<text x="${plot.x + 6}" y="${f(y(input.limit) - 6)}" font-size="13" font-weight="bold" fill="${c.limit}">${escapeXml(label)}</text>`,
    );
    if (input.crossingAt !== undefined && input.crossingAt <= layout.to) {
      parts.push(
        `<circle cx="${f(x(input.crossingAt))}" cy="${ly}" r="5" fill="${c.limit}" stroke="${c.background}" stroke-width="1.5"/>`,
      );
    }
  }
  parts.push(
    `<rect x="${plot.x}" y="${plot.y}" width="${plot.width}" height="${plot.height}" fill="none" stroke="#9ca3af" stroke-width="1"/>`,
    '</svg>',
  );
  return parts.join('\n');
}

function legend(input: UsageChartInput): string[] {
  const c = chartColors;
  const items: Array<[string, string, string]> = [['used', c.history, '']];
  if (input.forecast.length > 0) items.push(['forecast and band', c.forecast, '6 4']);
  const out: string[] = [];
  let left = PAD.left;
  for (const [label, color, dash] of items) {
    out.push(
      `<line x1="${left}" y1="40" x2="${left + 22}" y2="40" stroke="${color}" stroke-width="3"${dash ? ` stroke-dasharray="${dash}"` : ''}/>`,
      `<text x="${left + 28}" y="44" font-size="12" fill="${c.axisText}">${label}</text>`,
    );
    left += 40 + label.length * 7.5;
  }
  return out;
}

/** Keeps at most `max` points: the mean of each run of neighbours (a chart has only so many pixels). */
function thin(points: readonly SeriesPoint[], max: number): SeriesPoint[] {
  if (points.length <= max) return [...points];
  const size = points.length / max;
  const out: SeriesPoint[] = [];
  for (let b = 0; b < max; b++) {
    const from = Math.floor(b * size);
    const to = Math.max(from + 1, Math.floor((b + 1) * size));
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

function f(n: number): string {
  return Number.isFinite(n) ? n.toFixed(1) : '0';
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}
