import type { ForecastModel, ModelContext } from './models.js';

/** Forecast errors (actual - forecast) of one model: one row per origin, one column per step ahead. */
export interface BacktestResult {
  model: ForecastModel;
  errors: Float64Array[];
  meanAbsError: number;
}

/** Backtest origins: the newest `count`, `spacing` apart, each followed by `horizon` known points. */
export function backtestOrigins(
  n: number,
  horizon: number,
  count: number,
  spacing: number,
  minHistory: number,
): number[] {
  const origins: number[] = [];
  for (let j = 0; j < count; j++) {
    const origin = n - horizon - j * spacing;
    if (origin < minHistory) break;
    origins.push(origin);
  }
  return origins;
}

/** Rolling-origin backtest of one model on the recent past. */
export function backtest(
  model: ForecastModel,
  y: Float64Array,
  origins: readonly number[],
  horizon: number,
  ctx: ModelContext,
): BacktestResult {
  const errors: Float64Array[] = [];
  let sum = 0;
  for (const origin of origins) {
    const forecast = model.predict(y, origin, horizon, ctx);
    const row = new Float64Array(horizon);
    for (let h = 0; h < horizon; h++) {
      row[h] = (y[origin + h] as number) - (forecast[h] as number);
      sum += Math.abs(row[h] as number);
    }
    errors.push(row);
  }
  const count = origins.length * horizon;
  return { model, errors, meanAbsError: count > 0 ? sum / count : Number.POSITIVE_INFINITY };
}
