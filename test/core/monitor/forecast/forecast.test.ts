import { describe, expect, it } from 'vitest';
import {
  DAY_MS,
  HOUR_MS,
  MINUTE_MS,
  SECOND_MS,
  type SeriesPoint,
} from '../../../../src/core/monitor/detector/sampling.js';
import { forecast } from '../../../../src/core/monitor/forecast/forecast.js';
import { generateSeries, SHAPES, type ShapeName } from '../generate.js';

const SIX_HOURS = 6 * HOUR_MS;

/** Splits a generated series into history and the `horizonMs` that follows it. */
function holdout(points: SeriesPoint[], stepMs: number, horizonMs: number) {
  const cut = points.length - Math.floor(horizonMs / stepMs);
  return { history: points.slice(0, cut), actual: points.slice(cut) };
}

function meanAbsError(predicted: number[], actual: number[]): number {
  return (
    actual.reduce((sum, a, i) => sum + Math.abs(a - (predicted[i] as number)), 0) / actual.length
  );
}

describe('forecast', () => {
  it('uses the daily cycle once two days exist, and beats the last value clearly', () => {
    const step = 5 * MINUTE_MS;
    const s = generateSeries({
      ...SHAPES.dailyCycle,
      seed: 41,
      stepMs: step,
      durationMs: 3.6 * DAY_MS,
    });
    const { history, actual } = holdout(s.points, step, SIX_HOURS);
    const result = forecast(history);
    expect(result.model).toBe('seasonal-daily');
    expect(result.points.length).toBe(72);
    const ours = meanAbsError(
      result.points.map((p) => p.value),
      actual.map((p) => p.v),
    );
    const last = meanAbsError(
      actual.map(() => (history.at(-1) as SeriesPoint).v),
      actual.map((p) => p.v),
    );
    expect(ours).toBeLessThan(last / 2);
  });

  it('does not use a daily model with less than two days of history', () => {
    const step = 5 * MINUTE_MS;
    const s = generateSeries({
      ...SHAPES.dailyCycle,
      seed: 42,
      stepMs: step,
      durationMs: 1.8 * DAY_MS,
    });
    expect(forecast(s.points).model).not.toBe('seasonal-daily');
  });

  it('falls back to a simpler model when the recent past has no daily pattern to follow', () => {
    const step = 5 * MINUTE_MS;
    // Three days of a slow random walk: yesterday says nothing about today.
    const s = generateSeries({
      base: 50,
      noise: 0.3,
      wander: 10,
      wanderTauMs: 2 * DAY_MS,
      seed: 43,
      stepMs: step,
      durationMs: 3 * DAY_MS,
    });
    expect(['last-value', 'mean-last-hour', 'damped-trend']).toContain(forecast(s.points).model);
  });

  it('follows steady growth with a trend model', () => {
    const step = MINUTE_MS;
    const points = Array.from({ length: 600 }, (_, i) => ({
      t: i * step,
      v: 100 + 0.5 * i + ((i * 37) % 7) - 3,
    }));
    const result = forecast(points, { horizonMs: 2 * HOUR_MS });
    expect(['linear-trend', 'damped-trend']).toContain(result.model);
    // Truth two hours on: 100 + 0.5 * 719 = 459.5.
    expect(Math.abs((result.points.at(-1) as { value: number }).value - 459.5)).toBeLessThan(
      459.5 * 0.1,
    );
  });

  it('puts about 80-90 % of actual values inside the band over many generated series', () => {
    let inside = 0;
    let total = 0;
    const names = Object.keys(SHAPES) as ShapeName[];
    for (let seed = 0; seed < 60; seed++) {
      const step = 5 * MINUTE_MS;
      const shape = SHAPES[names[seed % names.length] as ShapeName];
      const s = generateSeries({
        ...shape,
        seed: 100 + seed,
        stepMs: step,
        durationMs: (1.5 + (seed % 3)) * DAY_MS,
      });
      const { history, actual } = holdout(s.points, step, SIX_HOURS);
      forecast(history).points.forEach((p, i) => {
        const a = (actual[i] as SeriesPoint).v;
        if (a >= p.lower && a <= p.upper) inside++;
        total++;
      });
    }
    expect(inside / total).toBeGreaterThan(0.75);
    expect(inside / total).toBeLessThan(0.97);
  });

  it('returns one point per input step after the last sample, with lower <= value <= upper', () => {
    const step = 10 * SECOND_MS;
    const s = generateSeries({
      ...SHAPES.dailyCycle,
      seed: 44,
      stepMs: step,
      durationMs: 0.5 * DAY_MS,
    });
    const last = (s.points.at(-1) as SeriesPoint).t;
    const result = forecast(s.points, { horizonMs: HOUR_MS });
    expect(result.stepMs).toBe(step);
    expect(result.points.length).toBe(360);
    result.points.forEach((p, i) => {
      expect(p.t).toBe(last + (i + 1) * step);
      expect(p.lower).toBeLessThanOrEqual(p.value);
      expect(p.upper).toBeGreaterThanOrEqual(p.value);
    });
  });

  it('never forecasts a usage metric below zero', () => {
    const points = Array.from({ length: 300 }, (_, i) => ({
      t: i * MINUTE_MS,
      v: Math.max(0, 50 - 0.2 * i),
    }));
    const result = forecast(points);
    expect(result.points.every((p) => p.value >= 0 && p.lower >= 0)).toBe(true);
  });

  it('copes with gaps, unsorted input and an hourly step', () => {
    const points = Array.from({ length: 24 * 10 }, (_, i) => ({
      t: i * HOUR_MS,
      v: 10 + Math.sin((2 * Math.PI * i) / 24),
    }))
      .filter((_, i) => i % 11 !== 0)
      .reverse();
    const result = forecast(points);
    expect(result.stepMs).toBe(HOUR_MS);
    expect(result.points.length).toBe(6);
    expect(
      Math.abs(
        (result.points[0] as { value: number }).value - (10 + Math.sin((2 * Math.PI * 240) / 24)),
      ),
    ).toBeLessThan(0.5);
  });

  it('rejects input it cannot forecast', () => {
    expect(() => forecast([])).toThrow(/empty/);
    expect(() => forecast([{ t: 0, v: 1 }])).toThrow(/sampling step/);
    expect(() =>
      forecast(
        [
          { t: 0, v: 1 },
          { t: 60_000, v: 2 },
        ],
        { horizonMs: 1_000 },
      ),
    ).toThrow(/horizon/);
  });
});
