/**
 * A fixed-capacity first-in-first-out window that also keeps its values sorted, so rolling
 * medians and quantiles cost one binary search and one splice per push.
 */
export class SortedWindow {
  private readonly ring: number[];
  private head = 0;
  private count = 0;
  private readonly sorted: number[] = [];

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError('capacity must be >= 1');
    this.ring = new Array<number>(capacity).fill(0);
  }

  get length(): number {
    return this.count;
  }

  push(value: number): void {
    if (this.count === this.capacity) {
      const oldest = this.ring[this.head] as number;
      this.sorted.splice(lowerBound(this.sorted, oldest), 1);
      this.ring[this.head] = value;
      this.head = (this.head + 1) % this.capacity;
    } else {
      this.ring[(this.head + this.count) % this.capacity] = value;
      this.count++;
    }
    this.sorted.splice(lowerBound(this.sorted, value), 0, value);
  }

  clear(): void {
    this.head = 0;
    this.count = 0;
    this.sorted.length = 0;
  }

  /** Linear-interpolated quantile, q in [0, 1]; NaN when empty. */
  quantile(q: number): number {
    return sortedQuantile(this.sorted, q);
  }

  median(): number {
    return sortedQuantile(this.sorted, 0.5);
  }

  /** Values oldest first. */
  values(): number[] {
    const out: number[] = [];
    for (let i = 0; i < this.count; i++)
      out.push(this.ring[(this.head + i) % this.capacity] as number);
    return out;
  }

  /** The value pushed `back` pushes ago (0 = newest); NaN when out of range. */
  recent(back: number): number {
    if (back < 0 || back >= this.count) return Number.NaN;
    return this.ring[(this.head + this.count - 1 - back) % this.capacity] as number;
  }
}

function lowerBound(sorted: number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function sortedQuantile(sorted: readonly number[], q: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const pos = Math.min(Math.max(q, 0), 1) * (n - 1);
  const lo = Math.floor(pos);
  const frac = pos - lo;
  const a = sorted[lo] as number;
  return frac === 0 ? a : a + ((sorted[lo + 1] as number) - a) * frac;
}

/** Median of the first `n` values of a small scratch buffer, sorted in place (no allocation). */
export function medianInPlace(buffer: Float64Array, n: number): number {
  for (let i = 1; i < n; i++) {
    const v = buffer[i] as number;
    let j = i - 1;
    while (j >= 0 && (buffer[j] as number) > v) {
      buffer[j + 1] = buffer[j] as number;
      j--;
    }
    buffer[j + 1] = v;
  }
  if (n === 0) return Number.NaN;
  const mid = n >> 1;
  return n % 2
    ? (buffer[mid] as number)
    : ((buffer[mid - 1] as number) + (buffer[mid] as number)) / 2;
}
