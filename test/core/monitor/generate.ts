// Seeded series generators for the monitor tests (the generator itself lives in src so the
// benchmarks share it). Shapes are sized like real metrics: CPU %, request rates, memory bytes.
import { DAY_MS, HOUR_MS } from '../../../src/core/monitor/detector/sampling.js';
import {
  generateSeries,
  type AnomalySpec,
  type SyntheticSeries,
  type SyntheticSpec,
} from '../../../src/core/monitor/synthetic.js';

export { generateSeries, type SyntheticSeries } from '../../../src/core/monitor/synthetic.js';

export type Shape = Omit<SyntheticSpec, 'seed' | 'stepMs' | 'durationMs' | 'anomaly'>;

export const SHAPES = {
  /** Request rate: busy afternoons, quiet nights, white and slowly wandering noise. */
  dailyCycle: { base: 50, dailyAmplitude: 30, noise: 2, wander: 2 },
  /** A counter of small integers (errors per interval), never negative. */
  quantisedCounts: { base: 5, dailyAmplitude: 4, noise: 1.5, quantum: 1, min: 0 },
  /** A gauge that sits perfectly still for long spells (MAD 0), then moves again. */
  flatRuns: { base: 40, noise: 3, flatShare: 0.4, quantum: 0.1 },
  /** CPU with a daily cycle that slowly drifts up. */
  slowDrift: { base: 100, dailyAmplitude: 20, noise: 3, wander: 2, driftPerDay: 15 },
  /** Memory in bytes: small noise, slow wander, slight growth. */
  memoryBytes: { base: 1e9, noise: 2e6, wander: 1e7, wanderTauMs: 2 * HOUR_MS, driftPerDay: 2e7 },
  /** Traffic with quieter weekends. */
  weekly: { base: 200, dailyAmplitude: 100, weekendFactor: 0.5, noise: 8, wander: 5 },
} satisfies Record<string, Shape>;

export type ShapeName = keyof typeof SHAPES;

export function healthy(
  shape: ShapeName,
  seed: number,
  stepMs: number,
  days: number,
): SyntheticSeries {
  return generateSeries({ ...SHAPES[shape], seed, stepMs, durationMs: days * DAY_MS });
}

/** A shape with one anomaly at `atDays`, followed by `afterDays` more of data (one by default). */
export function withAnomaly(
  shape: ShapeName,
  seed: number,
  stepMs: number,
  atDays: number,
  anomaly: Omit<AnomalySpec, 'atMs'>,
  afterDays = 1,
): SyntheticSeries & { anomalyAt: number } {
  const atMs = atDays * DAY_MS;
  const series = generateSeries({
    ...SHAPES[shape],
    seed,
    stepMs,
    durationMs: atMs + afterDays * DAY_MS,
    anomaly: { ...anomaly, atMs },
  });
  return series as SyntheticSeries & { anomalyAt: number };
}
