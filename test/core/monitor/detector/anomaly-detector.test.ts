import { describe, expect, it } from 'vitest';
import {
  AnomalyDetector,
  detectSeries,
} from '../../../../src/core/monitor/detector/anomaly-detector.js';
import {
  DAY_MS,
  HOUR_MS,
  MINUTE_MS,
  SECOND_MS,
  type SeriesPoint,
} from '../../../../src/core/monitor/detector/sampling.js';
import { generateSeries, healthy, withAnomaly, type ShapeName, SHAPES } from '../generate.js';

function alertTimes(points: SeriesPoint[], stepMs?: number): number[] {
  const results = detectSeries(points, stepMs === undefined ? {} : { stepMs });
  return points.filter((_, i) => results[i]?.isAnomaly).map((p) => p.t);
}

const steps = [
  { label: '1 s', stepMs: SECOND_MS, days: 0.5 },
  { label: '10 s', stepMs: 10 * SECOND_MS, days: 2 },
  { label: '1 min', stepMs: MINUTE_MS, days: 5 },
  { label: '5 min', stepMs: 5 * MINUTE_MS, days: 7 },
  { label: '1 h', stepMs: HOUR_MS, days: 21 },
];

describe('AnomalyDetector on healthy generated series', () => {
  for (const { label, stepMs, days } of steps) {
    for (const shape of Object.keys(SHAPES) as ShapeName[]) {
      it(`stays quiet on ${shape} at a ${label} step for ${days} days`, () => {
        const series = healthy(shape, 11, stepMs, days);
        expect(alertTimes(series.points)).toEqual([]);
      });
    }
  }

  it.each([
    { step: '30 min', stepMs: 30 * MINUTE_MS },
    { step: '1 h', stepMs: HOUR_MS },
  ])('stays quiet through four weekends far quieter than weekdays ($step)', ({ stepMs }) => {
    // The daily baseline is learnt mostly from weekdays; Saturdays must not alert every week.
    for (const seed of [1, 2]) {
      const series = generateSeries({
        base: 100,
        dailyAmplitude: 200,
        weekendFactor: 0.2,
        noise: 6,
        wander: 6,
        seed,
        stepMs,
        durationMs: 28 * DAY_MS,
      });
      expect(alertTimes(series.points)).toEqual([]);
    }
  });

  it('stays quiet on a mostly constant series (MAD 0) and alerts once when it jumps', () => {
    // A gauge stuck at 7 that steps by one unit now and then, so its MAD is 0 most of the time.
    const points = Array.from({ length: 3000 }, (_, i) => ({
      t: i * 60_000,
      v: i >= 2500 ? 15 : i % 50 === 0 ? 8 : 7,
    }));
    const results = detectSeries(points);
    const fired = results.flatMap((r, i) => (r.isAnomaly ? [i] : []));
    expect(fired.length).toBe(1);
    expect(fired[0]).toBeGreaterThanOrEqual(2500);
    expect(fired[0]).toBeLessThanOrEqual(2510);
  });
});

/** Alerts must not come before the change, exactly one must come, and within `maxDelayMs`. */
function expectOneEarlyAlert(times: number[], anomalyAt: number, maxDelayMs: number): void {
  expect(
    times.filter((t) => t < anomalyAt),
    'alerts before the change',
  ).toEqual([]);
  expect(times.length, 'alerts after the change').toBe(1);
  expect((times[0] as number) - anomalyAt).toBeLessThanOrEqual(maxDelayMs);
}

describe('AnomalyDetector on real changes: one alert, early', () => {
  const cases = [
    { step: '1 s', stepMs: SECOND_MS, at: 0.4, shiftDelay: MINUTE_MS, after: 0.25 },
    { step: '10 s', stepMs: 10 * SECOND_MS, at: 1.4, shiftDelay: 5 * MINUTE_MS },
    { step: '1 min', stepMs: MINUTE_MS, at: 2.6, shiftDelay: 15 * MINUTE_MS },
    { step: '5 min', stepMs: 5 * MINUTE_MS, at: 2.6, shiftDelay: 15 * MINUTE_MS },
    // Hourly samples of a strong daily cycle are predicted less precisely: a shift must be larger.
    { step: '1 h', stepMs: HOUR_MS, at: 4.3, shiftDelay: 2 * HOUR_MS, shift: 36 },
  ];
  for (const { step, stepMs, at, shiftDelay, after = 1, shift = 24 } of cases) {
    it(`level shift at a ${step} step: one alert within ${shiftDelay / MINUTE_MS} min, none while the new level persists`, () => {
      const s = withAnomaly('dailyCycle', 21, stepMs, at, { kind: 'shift', size: shift }, after);
      expectOneEarlyAlert(alertTimes(s.points), s.anomalyAt, shiftDelay);
    });

    it(`one-point spike at a ${step} step: alert on the spike itself`, () => {
      const s = withAnomaly(
        'slowDrift',
        22,
        stepMs,
        at,
        {
          kind: 'spike',
          size: 75,
          durationMs: stepMs,
        },
        after,
      );
      expectOneEarlyAlert(alertTimes(s.points), s.anomalyAt, 0);
    });

    it(`outage (drop to 10 % for an hour) at a ${step} step: one alert, recovery included`, () => {
      const s = withAnomaly(
        'weekly',
        23,
        stepMs,
        at,
        {
          kind: 'drop',
          size: 0.9,
          durationMs: HOUR_MS,
        },
        after,
      );
      expectOneEarlyAlert(alertTimes(s.points), s.anomalyAt, Math.max(stepMs, 10 * MINUTE_MS));
    });
  }

  for (const { step, stepMs } of [
    { step: '1 min', stepMs: MINUTE_MS },
    { step: '5 min', stepMs: 5 * MINUTE_MS },
  ]) {
    it(`ramp (memory leak over 3 h) at a ${step} step: one alert before the ramp ends`, () => {
      const s = withAnomaly('memoryBytes', 24, stepMs, 2.6, {
        kind: 'ramp',
        size: 1.5e8,
        durationMs: 3 * HOUR_MS,
      });
      expectOneEarlyAlert(alertTimes(s.points), s.anomalyAt, 3 * HOUR_MS);
    });

    it(`burst of noise (x6 for an hour) at a ${step} step: one alert`, () => {
      const s = withAnomaly('dailyCycle', 25, stepMs, 2.6, {
        kind: 'noise',
        size: 6,
        durationMs: HOUR_MS,
      });
      expectOneEarlyAlert(alertTimes(s.points), s.anomalyAt, HOUR_MS);
    });
  }
});

describe('AnomalyDetector streaming contract', () => {
  it('raises nothing during warm-up, even for a huge change', () => {
    const points = Array.from({ length: 200 }, (_, i) => ({
      t: i * 5 * MINUTE_MS,
      v: i === 50 ? 1e6 : 10 + (i % 3),
    }));
    const results = detectSeries(points);
    expect(
      results.slice(0, 60).every((r) => r.state === 'warmup' && !r.isAnomaly && r.score === 0),
    ).toBe(true);
    expect(results.some((r) => r.isAnomaly)).toBe(false);
  });

  it('flags only the row where the alert fires, not every row of the episode', () => {
    const s = withAnomaly('dailyCycle', 26, 5 * MINUTE_MS, 2.6, { kind: 'shift', size: 40 });
    const results = detectSeries(s.points);
    const fired = results.filter((r) => r.isAnomaly);
    const alerting = results.filter((r) => r.state === 'alerting');
    expect(fired.length).toBe(1);
    expect(alerting.length).toBeGreaterThan(1);
  });

  it('infers the sampling step when none is given, with the same verdicts', () => {
    const s = withAnomaly('dailyCycle', 27, MINUTE_MS, 2.6, { kind: 'shift', size: 24 });
    expect(alertTimes(s.points)).toEqual(alertTimes(s.points, MINUTE_MS));
  });

  it('tolerates gaps and jittered timestamps', () => {
    const s = withAnomaly('dailyCycle', 28, 5 * MINUTE_MS, 2.6, { kind: 'shift', size: 30 });
    const jittered = s.points
      .filter((_, i) => i % 97 !== 0 && (i < 300 || i > 340))
      .map((p, i) => ({ t: p.t + ((i * 7919) % 20_000) - 10_000, v: p.v }));
    expectOneEarlyAlert(alertTimes(jittered), s.anomalyAt - 10_000, 20 * MINUTE_MS);
  });

  it('judges each point from the past only: later points never change earlier verdicts', () => {
    const s = healthy('dailyCycle', 29, 5 * MINUTE_MS, 3);
    const full = detectSeries(s.points);
    const prefix = detectSeries(s.points.slice(0, 500));
    expect(full.slice(0, 500)).toEqual(prefix);
  });

  it('rejects timestamps that go backwards and non-finite values', () => {
    const detector = new AnomalyDetector();
    detector.push(DAY_MS, 1);
    expect(() => detector.push(DAY_MS - 1, 1)).toThrow(/earlier/);
    expect(() => detector.push(DAY_MS + 1, Number.NaN)).toThrow(/finite/);
  });
});
