import { HOUR_MS } from '../detector/sampling.js';
import type { UsageUnit } from '../predict/format.js';

/** A value axis from 0 to a round maximum with 4 to 6 round steps, in the unit's own scale. */
export interface ValueAxis {
  max: number;
  ticks: number[];
}

/** Steps people read at a glance: 1, 2, 2.5, 5 times a power of ten (of Mi, Gi or cores). */
const NICE = [1, 2, 2.5, 5, 10];

export function valueAxis(top: number, unit: UsageUnit): ValueAxis {
  const scale = unitScale(top, unit);
  const scaled = Math.max(top / scale, 1e-9);
  const rough = scaled / 5;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = (NICE.find((n) => n * power >= rough) ?? 10) * power;
  const count = Math.max(1, Math.ceil(scaled / step - 1e-9));
  const ticks = Array.from({ length: count + 1 }, (_, i) => i * step * scale);
  return { max: count * step * scale, ticks };
}

/** Tick labels are written in Mi below 2 Gi, in Gi above; cores as they come. */
function unitScale(top: number, unit: UsageUnit): number {
  if (unit === 'cores') return 1;
  return top >= 2 * 2 ** 30 ? 2 ** 30 : 2 ** 20;
}

/** A time tick: where, and its label relative to now (`-12 h`, `now`, `+6 h`). */
export interface TimeTick {
  t: number;
  label: string;
}

/** Ticks every 1, 2, 3, 6 or 12 hours, aligned on `now`, between `from` and `to`. */
export function timeTicks(from: number, to: number, now: number): TimeTick[] {
  const hours = (to - from) / HOUR_MS;
  const every = [1, 2, 3, 6, 12, 24].find((h) => hours / h <= 8) ?? 48;
  const ticks: TimeTick[] = [];
  const first = Math.ceil((from - now) / (every * HOUR_MS));
  for (let k = first; now + k * every * HOUR_MS <= to; k++) {
    const offset = k * every;
    ticks.push({
      t: now + k * every * HOUR_MS,
      label: offset === 0 ? 'now' : `${offset > 0 ? '+' : ''}${offset} h`,
    });
  }
  return ticks;
}
