import { medianInPlace } from './sorted-window.js';
import { DAY_MS, MINUTE_MS } from './sampling.js';

const KEPT_DAYS = 7;

/**
 * Time-of-day baseline: the mean of each bucket (5 min or one step, whichever is longer) per
 * day, for the last week; the expected value of a bucket is its median over previous days, so
 * one unusual day does not move it. Memory is buckets x days, whatever the sampling step.
 */
export class DailyProfile {
  readonly bucketMs: number;
  readonly buckets: number;
  private readonly dayOfRow = new Array<number>(KEPT_DAYS).fill(Number.NaN);
  private readonly sums: Float64Array[];
  private readonly counts: Uint32Array[];
  private readonly scratch = new Float64Array(KEPT_DAYS);

  constructor(stepMs: number) {
    this.bucketMs = Math.max(stepMs, 5 * MINUTE_MS);
    this.buckets = Math.ceil(DAY_MS / this.bucketMs);
    this.sums = Array.from({ length: KEPT_DAYS }, () => new Float64Array(this.buckets));
    this.counts = Array.from({ length: KEPT_DAYS }, () => new Uint32Array(this.buckets));
  }

  bucketOf(t: number): number {
    return Math.floor((((t % DAY_MS) + DAY_MS) % DAY_MS) / this.bucketMs);
  }

  add(t: number, v: number): void {
    const day = Math.floor(t / DAY_MS);
    const row = ((day % KEPT_DAYS) + KEPT_DAYS) % KEPT_DAYS;
    if (this.dayOfRow[row] !== day) {
      this.dayOfRow[row] = day;
      this.sums[row]!.fill(0);
      this.counts[row]!.fill(0);
    }
    const b = this.bucketOf(t);
    this.sums[row]![b]! += v;
    this.counts[row]![b]! += 1;
  }

  /**
   * Expected value at bucket `bucket` (may be one outside 0..buckets-1; it wraps) for the day of
   * `t`, from previous days only; NaN until two previous days have that bucket.
   */
  expected(t: number, bucket: number): number {
    const today = Math.floor(t / DAY_MS);
    let b = bucket;
    let dayShift = 0;
    if (b < 0) {
      b += this.buckets;
      dayShift = -1;
    } else if (b >= this.buckets) {
      b -= this.buckets;
      dayShift = 1;
    }
    let found = 0;
    for (let row = 0; row < KEPT_DAYS; row++) {
      const day = this.dayOfRow[row] as number;
      // A bucket of an earlier day, shifted with the wrap so "yesterday 23:55" pairs with today 00:00.
      const age = today + dayShift - day;
      if (!(age >= 1 && age <= KEPT_DAYS)) continue;
      const n = this.counts[row]![b] as number;
      if (n > 0) this.scratch[found++] = (this.sums[row]![b] as number) / n;
    }
    return found >= 2 ? medianInPlace(this.scratch, found) : Number.NaN;
  }
}
