import { SortedWindow } from './sorted-window.js';

/**
 * The normal range of a series over the last days, kept as bucket means (5 min or one step,
 * whichever is longer) so it costs the same at any sampling step and white noise does not widen
 * it. The newest `gapBuckets` stay out of the range, so a slow ramp cannot widen its own range.
 * A smoothed value far outside it is a slow change (ramp, level beyond anything seen) that the
 * fast, adaptive baselines would follow without noticing.
 */
export class Envelope {
  private bucket = Number.NaN;
  private sum = 0;
  private n = 0;
  /** Added to every stored bucket: lets the range follow an accepted level shift. */
  private offset = 0;
  private readonly pending: number[] = [];
  private readonly range_: SortedWindow;

  constructor(
    private readonly bucketMs: number,
    capacity: number,
    private readonly gapBuckets: number,
    private readonly minBuckets: number,
  ) {
    this.range_ = new SortedWindow(capacity);
  }

  push(t: number, v: number): void {
    const bucket = Math.floor(t / this.bucketMs);
    if (bucket !== this.bucket && this.n > 0) {
      this.pending.push(this.sum / this.n - this.offset);
      if (this.pending.length > this.gapBuckets) this.range_.push(this.pending.shift() as number);
      this.sum = 0;
      this.n = 0;
    }
    this.bucket = bucket;
    this.sum += v;
    this.n++;
  }

  /** Moves the whole range by `delta`, after the level it describes has moved for good. */
  shift(delta: number): void {
    if (Number.isFinite(delta)) this.offset += delta;
  }

  /** The 1st and 99th percentiles of the range; undefined while too short to judge. */
  range(): { lo: number; hi: number } | undefined {
    if (this.range_.length < this.minBuckets) return undefined;
    return {
      lo: this.range_.quantile(0.01) + this.offset,
      hi: this.range_.quantile(0.99) + this.offset,
    };
  }
}
