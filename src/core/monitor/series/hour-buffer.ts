import { HOUR_MS } from './chunk-codec.js';

const STRIDE = 6;

/**
 * The samples of one gauge in one hour, kept in memory until flushed: one Buffer of
 * (uint16 second offset, float32 value) pairs, 6 bytes a sample, ascending by offset.
 */
export class HourBuffer {
  private data: Buffer;
  count = 0;
  /** True once the row already in the database for this hour (if any) has been merged in. */
  merged = false;
  /** True when samples arrived since the last flush. */
  dirty = false;
  /** Counts changes, so a flush knows whether samples arrived while it was writing. */
  version = 0;

  constructor(
    readonly hour: number,
    capacity = 4,
  ) {
    this.data = Buffer.allocUnsafe(capacity * STRIDE);
  }

  offsetAt(i: number): number {
    return this.data.readUInt16LE(i * STRIDE);
  }

  valueAt(i: number): number {
    return this.data.readFloatLE(i * STRIDE + 2);
  }

  /** Adds a sample at `t` (ms, inside this hour); a second sample in the same second replaces it. */
  add(t: number, value: number): void {
    this.dirty = true;
    this.version++;
    this.put(Math.floor((t - this.hour * HOUR_MS) / 1000), value, true);
  }

  /** Merges samples read back from the database (they lose to samples already here). */
  mergeFrom(offsets: ArrayLike<number>, values: ArrayLike<number>): void {
    for (let i = 0; i < offsets.length; i++)
      this.put(offsets[i] as number, values[i] as number, false);
    this.merged = true;
  }

  /** Columns for encoding and rollups. */
  columns(): { offsets: Uint16Array; values: Float32Array } {
    const offsets = new Uint16Array(this.count);
    const values = new Float32Array(this.count);
    for (let i = 0; i < this.count; i++) {
      offsets[i] = this.offsetAt(i);
      values[i] = this.valueAt(i);
    }
    return { offsets, values };
  }

  private put(offset: number, value: number, replace: boolean): void {
    let at = this.count;
    if (this.count > 0 && this.offsetAt(this.count - 1) >= offset) {
      let lo = 0;
      let hi = this.count;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (this.offsetAt(mid) < offset) lo = mid + 1;
        else hi = mid;
      }
      if (lo < this.count && this.offsetAt(lo) === offset) {
        if (replace) this.data.writeFloatLE(value, lo * STRIDE + 2);
        return;
      }
      at = lo;
    }
    if ((this.count + 1) * STRIDE > this.data.length) {
      const bigger = Buffer.allocUnsafe(this.data.length * 2);
      this.data.copy(bigger, 0, 0, this.count * STRIDE);
      this.data = bigger;
    }
    if (at < this.count)
      this.data.copy(this.data, (at + 1) * STRIDE, at * STRIDE, this.count * STRIDE);
    this.data.writeUInt16LE(offset, at * STRIDE);
    this.data.writeFloatLE(value, at * STRIDE + 2);
    this.count++;
  }
}
