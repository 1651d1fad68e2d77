import type { DailyProfile } from './daily-profile.js';
import { medianInPlace, type SortedWindow } from './sorted-window.js';

/** One-step residuals of the three baselines; NaN where a baseline has too little history. */
export interface ModelResiduals {
  /** Value minus the median of the recent level window. */
  level: number;
  /** Value minus the recent half's median extrapolated along the window's robust slope. */
  trend: number;
  /** Value minus the time-of-day baseline plus its recent offset (nearest of three buckets). */
  seasonal: number;
  /** Value minus the time-of-day baseline of its own bucket: feeds the offset window. */
  seasonalOffsetSample: number;
}

export interface BaselineState {
  level: SortedWindow;
  /** Points since the level window last took a value (it is frozen during episodes). */
  pointsSinceLevel: number;
  offsets: SortedWindow;
  profile: DailyProfile | undefined;
  /** Reused buffer, at least as long as the level window. */
  scratch: Float64Array;
}

const MIN_LEVEL = 3;
const MIN_TREND = 6;
const MIN_OFFSETS = 3;

export function modelResiduals(t: number, v: number, base: BaselineState): ModelResiduals {
  const out: ModelResiduals = {
    level: Number.NaN,
    trend: Number.NaN,
    seasonal: Number.NaN,
    seasonalOffsetSample: Number.NaN,
  };
  const n = base.level.length;
  if (n >= MIN_LEVEL) out.level = v - base.level.median();
  if (n >= MIN_TREND) {
    const half = n >> 1;
    const scratch = base.scratch;
    for (let k = 0; k < half; k++) scratch[k] = base.level.recent(n - 1 - k);
    const older = medianInPlace(scratch, half);
    for (let k = 0; k < half; k++) scratch[k] = base.level.recent(k);
    const newer = medianInPlace(scratch, half);
    const slope = (newer - older) / (n - half);
    out.trend = v - (newer + slope * ((half + 1) / 2 + base.pointsSinceLevel));
  }
  const profile = base.profile;
  if (profile) {
    const bucket = profile.bucketOf(t);
    out.seasonalOffsetSample = v - profile.expected(t, bucket);
    if (base.offsets.length >= MIN_OFFSETS) {
      const offset = base.offsets.median();
      // Nearest of the neighbouring buckets, so timestamp jitter around a daily spike is forgiven.
      for (const b of [bucket - 1, bucket, bucket + 1]) {
        const r = v - (profile.expected(t, b) + offset);
        if (Number.isFinite(r) && !(Math.abs(r) >= Math.abs(out.seasonal))) out.seasonal = r;
      }
    }
  }
  return out;
}
