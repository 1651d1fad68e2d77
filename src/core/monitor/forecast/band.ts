/**
 * Half-widths of the uncertainty band for each step ahead, from backtest errors: a quantile of
 * |error| pooled over origins and neighbouring horizons, never narrower further ahead, and grown
 * like a random walk (sqrt) beyond the backtested horizon.
 */
export function bandHalfWidths(
  errors: readonly Float64Array[],
  horizon: number,
  quantile: number,
): Float64Array {
  const tested = errors[0]?.length ?? 0;
  const out = new Float64Array(horizon);
  if (tested === 0 || errors.length === 0) return out;
  const buckets = Math.min(6, tested);
  const size = Math.ceil(tested / buckets);
  const centres: number[] = [];
  const widths: number[] = [];
  for (let from = 0; from < tested; from += size) {
    const to = Math.min(tested, from + size);
    const pooled: number[] = [];
    for (const row of errors)
      for (let h = from; h < to; h++) pooled.push(Math.abs(row[h] as number));
    pooled.sort((a, b) => a - b);
    centres.push((from + to - 1) / 2);
    widths.push(quantileOfSorted(pooled, quantile));
  }
  let running = 0;
  for (let h = 0; h < horizon; h++) {
    let w: number;
    if (h < tested) {
      w = interpolate(centres, widths, h);
    } else {
      w = interpolate(centres, widths, tested - 1) * Math.sqrt((h + 1) / tested);
    }
    running = Math.max(running, w);
    out[h] = running;
  }
  return out;
}

function interpolate(xs: number[], ys: number[], x: number): number {
  if (x <= (xs[0] as number)) return ys[0] as number;
  for (let i = 1; i < xs.length; i++) {
    const x1 = xs[i] as number;
    if (x <= x1) {
      const x0 = xs[i - 1] as number;
      const y0 = ys[i - 1] as number;
      return y0 + (((ys[i] as number) - y0) * (x - x0)) / (x1 - x0);
    }
  }
  return ys[ys.length - 1] as number;
}

function quantileOfSorted(sorted: number[], q: number): number {
  if (sorted.length === 0) return 0;
  const pos = q * (sorted.length - 1);
  const lo = Math.floor(pos);
  const a = sorted[lo] as number;
  return lo + 1 < sorted.length ? a + ((sorted[lo + 1] as number) - a) * (pos - lo) : a;
}
