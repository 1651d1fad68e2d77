/** What every model knows about the grid it forecasts. */
export interface ModelContext {
  /** Grid points per day; 0 when the step is too coarse for a daily profile. */
  period: number;
  /** Grid points per hour (at least 1). */
  hour: number;
}

/** A forecasting method: y[end..end+horizon) from y[0..end) only. */
export interface ForecastModel {
  name: string;
  /** Fewest points of history it needs before an origin. */
  minHistory(ctx: ModelContext): number;
  predict(y: Float64Array, end: number, horizon: number, ctx: ModelContext): Float64Array;
}

export const lastValue: ForecastModel = {
  name: 'last-value',
  minHistory: () => 1,
  predict: (y, end, horizon) => new Float64Array(horizon).fill(y[end - 1] as number),
};

export const meanLastHour: ForecastModel = {
  name: 'mean-last-hour',
  minHistory: () => 1,
  predict: (y, end, horizon, ctx) =>
    new Float64Array(horizon).fill(mean(y, Math.max(0, end - ctx.hour), end)),
};

/** Least-squares line over the last `horizon` points (at least 6), extended. */
export const linearTrend: ForecastModel = {
  name: 'linear-trend',
  minHistory: () => 6,
  predict: (y, end, horizon) => {
    const start = Math.max(0, end - Math.max(6, horizon));
    const { intercept, slope } = fitLine(y, start, end);
    const out = new Float64Array(horizon);
    for (let h = 0; h < horizon; h++) out[h] = intercept + slope * (end + h - start);
    return out;
  },
};

/**
 * Holt's linear method with a damped trend: follows a level and a slope but lets the slope fade
 * over about half the horizon, so a short run-up is not extended for hours.
 */
export const dampedTrend: ForecastModel = {
  name: 'damped-trend',
  minHistory: () => 6,
  predict: (y, end, horizon) => {
    const alpha = 0.3;
    const beta = 0.05;
    const phi = Math.max(0.5, 1 - 2 / Math.max(4, horizon));
    const start = Math.max(0, end - Math.max(48, 4 * horizon));
    let level = y[start] as number;
    let trend = 0;
    for (let i = start + 1; i < end; i++) {
      const prevLevel = level;
      level = alpha * (y[i] as number) + (1 - alpha) * (level + phi * trend);
      trend = beta * (level - prevLevel) + (1 - beta) * phi * trend;
    }
    const out = new Float64Array(horizon);
    let damp = 0;
    let factor = 1;
    for (let h = 0; h < horizon; h++) {
      factor *= phi;
      damp += factor;
      out[h] = level + damp * trend;
    }
    return out;
  },
};

const MAX_DAYS = 7;

/**
 * Daily seasonal naive, robust and level-adjusted: for each of up to seven previous days, the
 * value one day-multiple earlier shifted by how much the last hour differs from that day's same
 * hour; the forecast is the median over those days.
 */
export const seasonalDaily: ForecastModel = {
  name: 'seasonal-daily',
  minHistory: (ctx) => (ctx.period > 0 ? ctx.period + ctx.hour : Number.POSITIVE_INFINITY),
  predict: (y, end, horizon, ctx) => {
    const { period: p, hour } = ctx;
    const recent = mean(y, end - hour, end);
    const adjust: number[] = [];
    for (let d = 1; d <= MAX_DAYS && end - hour - d * p >= 0; d++) {
      adjust.push(recent - mean(y, end - hour - d * p, end - d * p));
    }
    const out = new Float64Array(horizon);
    const candidates: number[] = [];
    for (let h = 0; h < horizon; h++) {
      candidates.length = 0;
      for (let d = 1; d <= adjust.length; d++) {
        const i = end + h - d * p;
        if (i < end) candidates.push((y[i] as number) + (adjust[d - 1] as number));
      }
      // Beyond a day ahead with one day of history: repeat the last forecast day.
      out[h] = candidates.length > 0 ? median(candidates) : (out[h - p] ?? (y[end - 1] as number));
    }
    return out;
  },
};

/** Plain seasonal naive (the value one day earlier), kept as a benchmark. */
export const seasonalNaive: ForecastModel = {
  name: 'seasonal-naive',
  minHistory: (ctx) => (ctx.period > 0 ? ctx.period : Number.POSITIVE_INFINITY),
  predict: (y, end, horizon, ctx) => {
    const out = new Float64Array(horizon);
    for (let h = 0; h < horizon; h++) {
      const i = end + h - ctx.period * Math.ceil((h + 1) / ctx.period);
      out[h] = y[i] as number;
    }
    return out;
  },
};

export function mean(y: Float64Array, from: number, to: number): number {
  let sum = 0;
  const a = Math.max(0, from);
  for (let i = a; i < to; i++) sum += y[i] as number;
  return to > a ? sum / (to - a) : Number.NaN;
}

function median(values: number[]): number {
  values.sort((a, b) => a - b);
  const mid = values.length >> 1;
  return values.length % 2
    ? (values[mid] as number)
    : ((values[mid - 1] as number) + (values[mid] as number)) / 2;
}

/** Least-squares line through y[start..end) against x = 0..end-start-1. */
export function fitLine(
  y: Float64Array,
  start: number,
  end: number,
): { intercept: number; slope: number } {
  const n = end - start;
  if (n < 2) return { intercept: (y[end - 1] as number) ?? 0, slope: 0 };
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let sxy = 0;
  for (let k = 0; k < n; k++) {
    const v = y[start + k] as number;
    sx += k;
    sy += v;
    sxx += k * k;
    sxy += k * v;
  }
  const denom = n * sxx - sx * sx;
  const slope = denom === 0 ? 0 : (n * sxy - sx * sy) / denom;
  return { intercept: (sy - slope * sx) / n, slope };
}
