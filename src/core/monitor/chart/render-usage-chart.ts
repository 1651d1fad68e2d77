import { Resvg } from '@resvg/resvg-js';
import { usageChartSvg, type UsageChartInput } from './usage-chart-svg.js';

/** Rendered at twice the drawing size: Slack shows it inline scaled down, sharp on any screen. */
const SCALE = 2;

/**
 * A usage chart (history, forecast band, limit line) as PNG bytes. The SVG is rasterized by
 * resvg with the system's fonts (DejaVu Sans where installed); without fonts the lines still
 * draw and only the labels are missing.
 */
export function renderUsageChart(input: UsageChartInput): Uint8Array {
  return svgToPng(usageChartSvg(input));
}

export function svgToPng(svg: string): Uint8Array {
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: SCALE },
    font: {
      loadSystemFonts: true,
      defaultFontFamily: 'DejaVu Sans',
      sansSerifFamily: 'DejaVu Sans',
    },
    background: '#ffffff',
  });
  return new Uint8Array(resvg.render().asPng());
}
