import { describe, expect, it } from 'vitest';
import {
  HOUR_MS,
  MINUTE_MS,
  SECOND_MS,
  type SeriesPoint,
} from '../../../../src/core/monitor/detector/sampling.js';
import { predictCrossing } from '../../../../src/core/monitor/forecast/crossing.js';
import { mulberry32 } from '../../../../src/core/monitor/synthetic.js';

const MiB = 1024 * 1024;

/** Memory growing linearly (with noise and GC dips) from `start` to reach `limit` after `etaMs`. */
function leak(
  stepMs: number,
  historyMs: number,
  etaMs: number,
  seed: number,
  limit = 512 * MiB,
): SeriesPoint[] {
  const random = mulberry32(seed);
  const n = Math.floor(historyMs / stepMs);
  const start = 200 * MiB;
  const end = limit - (limit - start) * (etaMs / (historyMs + etaMs));
  const slope = (end - start) / ((n - 1) * stepMs);
  return Array.from({ length: n }, (_, i) => {
    const gc = random() < 0.05 ? -8 * MiB : 0;
    return {
      t: 1_700_000_000_000 + i * stepMs,
      v: start + slope * i * stepMs + (random() - 0.5) * 6 * MiB + gc,
    };
  });
}

describe('predictCrossing', () => {
  it.each([
    { step: '10 s', stepMs: 10 * SECOND_MS, etaMs: 2 * HOUR_MS + 10 * MINUTE_MS },
    { step: '1 min', stepMs: MINUTE_MS, etaMs: 2 * HOUR_MS + 10 * MINUTE_MS },
    { step: '5 min', stepMs: 5 * MINUTE_MS, etaMs: 4 * HOUR_MS },
    { step: '1 min, soon', stepMs: MINUTE_MS, etaMs: 25 * MINUTE_MS },
  ])('estimates linear growth within 20 % ($step)', ({ stepMs, etaMs }) => {
    for (let seed = 1; seed <= 5; seed++) {
      const prediction = predictCrossing(leak(stepMs, 3 * HOUR_MS, etaMs, seed), 512 * MiB);
      expect(prediction).not.toBeNull();
      const p = prediction as NonNullable<typeof prediction>;
      expect(Math.abs(p.etaMs - etaMs) / etaMs).toBeLessThan(0.2);
      expect(p.lowerMs).toBeLessThanOrEqual(etaMs);
      expect(p.upperMs).toBeGreaterThanOrEqual(etaMs * 0.95);
      expect(p.confidence).toBeGreaterThan(0.9);
    }
  });

  it('measures growth only since the last restart', () => {
    const before = leak(MINUTE_MS, 3 * HOUR_MS, 10 * HOUR_MS, 9);
    const restart = (before.at(-1) as SeriesPoint).t;
    const after = leak(MINUTE_MS, 90 * MINUTE_MS, 2 * HOUR_MS, 10).map((p, i) => ({
      t: restart + (i + 1) * MINUTE_MS,
      v: p.v,
    }));
    const prediction = predictCrossing([...before, ...after], 512 * MiB);
    expect(Math.abs((prediction?.etaMs ?? 0) - 2 * HOUR_MS) / (2 * HOUR_MS)).toBeLessThan(0.2);
  });

  it('says nothing for flat or shrinking usage, or a crossing beyond the horizon', () => {
    const random = mulberry32(3);
    const flat = Array.from({ length: 200 }, (_, i) => ({
      t: i * MINUTE_MS,
      v: 300 * MiB + (random() - 0.5) * MiB,
    }));
    const shrinking = flat.map((p, i) => ({ t: p.t, v: p.v - i * 0.1 * MiB }));
    expect(predictCrossing(flat, 512 * MiB)).toBeNull();
    expect(predictCrossing(shrinking, 512 * MiB)).toBeNull();
    expect(predictCrossing(leak(MINUTE_MS, 3 * HOUR_MS, 9 * HOUR_MS, 4), 512 * MiB)).toBeNull();
    expect(
      predictCrossing(leak(MINUTE_MS, 3 * HOUR_MS, 9 * HOUR_MS, 4), 512 * MiB, {
        horizonMs: 12 * HOUR_MS,
      }),
    ).not.toBeNull();
  });

  it('reports zero when the limit is already reached', () => {
    const points = Array.from({ length: 30 }, (_, i) => ({
      t: i * MINUTE_MS,
      v: 500 * MiB + i * MiB,
    }));
    expect(predictCrossing(points, 512 * MiB)).toEqual({
      etaMs: 0,
      lowerMs: 0,
      upperMs: 0,
      confidence: 1,
    });
  });

  it('needs a few points', () => {
    expect(
      predictCrossing(
        [
          { t: 0, v: 1 },
          { t: 60_000, v: 2 },
        ],
        10,
      ),
    ).toBeNull();
  });
});
