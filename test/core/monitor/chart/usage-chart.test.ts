import { describe, expect, it } from 'vitest';
import { renderUsageChart } from '../../../../src/core/monitor/chart/render-usage-chart.js';
import {
  CHART_HEIGHT,
  CHART_WIDTH,
  chartColors,
  chartLayout,
  usageChartSvg,
  type UsageChartInput,
} from '../../../../src/core/monitor/chart/usage-chart-svg.js';
import { decodePng, type DecodedPng } from './png.js';

const MiB = 2 ** 20;
const NOW = Date.parse('2025-03-04T09:00:00Z');
const MINUTE = 60_000;

/** 12 h of memory: flat at 210 Mi, then growing 56 Mi/h for the last 3 h; a 6 h forecast band. */
function leakChart(overrides: Partial<UsageChartInput> = {}): UsageChartInput {
  const history = Array.from({ length: 12 * 60 }, (_, i) => {
    const t = NOW - (12 * 60 - 1 - i) * MINUTE;
    const grown = Math.max(0, t - (NOW - 180 * MINUTE)) / (60 * MINUTE);
    return { t, v: (210 + 56 * grown) * MiB };
  });
  const forecast = Array.from({ length: 24 }, (_, i) => {
    const value = (378 + 14 * (i + 1)) * MiB;
    const half = (4 + i) * MiB;
    return { t: NOW + (i + 1) * 15 * MINUTE, value, lower: value - half, upper: value + half };
  });
  return {
    history,
    forecast,
    limit: 512 * MiB,
    title: 'memory of shop/recommendations-7f9-x2k4p',
    now: NOW,
    ...overrides,
  };
}

function rgb(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** Share of a pixel row (within the plot's x range) that has `color`, give or take antialiasing. */
function rowShare(png: DecodedPng, y: number, x0: number, x1: number, color: string): number {
  const [r, g, b] = rgb(color);
  let hits = 0;
  for (let x = x0; x < x1; x++) {
    const i = (y * png.width + x) * 4;
    const close =
      Math.abs((png.pixels[i] as number) - r) +
        Math.abs((png.pixels[i + 1] as number) - g) +
        Math.abs((png.pixels[i + 2] as number) - b) <
      40;
    if (close) hits++;
  }
  return hits / (x1 - x0);
}

describe('usage chart', () => {
  it('renders a PNG at twice the drawing size that decodes', () => {
    const png = renderUsageChart(leakChart());
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const decoded = decodePng(png);
    expect(decoded.width).toBe(2 * CHART_WIDTH);
    expect(decoded.height).toBe(2 * CHART_HEIGHT);
    // Small enough to post inline in chat.
    expect(png.byteLength).toBeLessThan(200_000);
  });

  it('draws the limit line across the plot at the limit, and none without a limit', () => {
    const input = leakChart();
    const layout = chartLayout(input);
    const y = Math.round(layout.y(512 * MiB) * 2);
    const x0 = Math.round(layout.plot.x * 2) + 10;
    const x1 = Math.round((layout.plot.x + layout.plot.width) * 2) - 10;
    const withLimit = decodePng(renderUsageChart(input));
    const onLine = Math.max(
      rowShare(withLimit, y - 1, x0, x1, chartColors.limit),
      rowShare(withLimit, y, x0, x1, chartColors.limit),
      rowShare(withLimit, y + 1, x0, x1, chartColors.limit),
    );
    // The line runs the whole width (the forecast crosses it in one place, the label sits above).
    expect(onLine).toBeGreaterThan(0.9);
    const without = decodePng(renderUsageChart({ ...input, limit: undefined }));
    let red = 0;
    for (let row = 0; row < without.height; row++)
      red = Math.max(red, rowShare(without, row, x0, x1, chartColors.limit));
    expect(red).toBeLessThan(0.05);
  });

  it('draws history, forecast and band, labels the limit and the time axis', () => {
    const svg = usageChartSvg({ ...leakChart(), crossingAt: NOW + 150 * MINUTE });
    expect(svg).toContain(`stroke="${chartColors.history}"`);
    expect(svg).toContain(`stroke="${chartColors.forecast}"`);
    expect(svg).toContain(`fill="${chartColors.band}"`);
    expect(svg).toContain('limit 512 Mi');
    expect(svg).toMatch(/>now</);
    expect(svg).toMatch(/>\+6 h</);
    expect(svg).toMatch(/>-9 h</);
    expect(svg).toContain('<circle');
  });

  it('keeps the limit and the history in view when the band is very wide', () => {
    const wide = leakChart();
    wide.forecast = wide.forecast.map((p) => ({ ...p, upper: p.value * 20 }));
    const layout = chartLayout(wide);
    // The scale follows the forecast (up to 714 Mi) and the limit, not a band 20 times as high.
    expect(layout.maxValue).toBeLessThan(2 * 714 * MiB);
    expect(layout.y(512 * MiB)).toBeGreaterThan(layout.plot.y + layout.plot.height * 0.2);
  });

  it('escapes titles and writes CPU in millicores', () => {
    const cpu = usageChartSvg({
      history: [
        { t: NOW - 60 * MINUTE, v: 0.12 },
        { t: NOW, v: 0.25 },
      ],
      forecast: [],
      title: 'CPU of <a & b>',
      unit: 'cores',
      now: NOW,
    });
    expect(cpu).toContain('CPU of &#60;a &#38; b&#62;');
    expect(cpu).toMatch(/>\d+m</);
    expect(cpu).not.toContain('<a & b>');
  });
});
