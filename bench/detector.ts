// Detector benchmark on generated series: false alerts per healthy day, recall and median delay.
// Run: npx tsx bench/detector.ts
import { detectSeries } from '../src/core/monitor/detector/anomaly-detector.js';
import type { DetectorSettings } from '../src/core/monitor/detector/settings.js';
import { DAY_MS, HOUR_MS, MINUTE_MS, SECOND_MS } from '../src/core/monitor/detector/sampling.js';
import {
  generateSeries,
  type AnomalyKind,
  type AnomalySpec,
  type SyntheticSpec,
} from '../src/core/monitor/synthetic.js';

// Optional overrides to compare settings: BENCH_SETTINGS='{"enterScore":5}'.
const overrides = JSON.parse(process.env.BENCH_SETTINGS ?? '{}') as Partial<DetectorSettings>;

type Shape = Omit<SyntheticSpec, 'seed' | 'stepMs' | 'durationMs' | 'anomaly'>;

const healthyShapes: Record<string, Shape> = {
  'daily cycle': { base: 50, dailyAmplitude: 30, noise: 2, wander: 2 },
  'heavy tails': { base: 20, dailyAmplitude: 10, noise: 1.5, heavyTails: true, wander: 1 },
  'quantised counts': { base: 5, dailyAmplitude: 4, noise: 1.5, quantum: 1, min: 0 },
  'flat runs': { base: 40, noise: 3, flatShare: 0.4, quantum: 0.1 },
  'slow drift': { base: 100, dailyAmplitude: 20, noise: 3, wander: 2, driftPerDay: 15 },
  'weekly + daily job': {
    base: 200,
    dailyAmplitude: 100,
    weekendFactor: 0.5,
    noise: 8,
    wander: 5,
    dailyJob: 150,
  },
  'memory bytes': {
    base: 1e9,
    noise: 2e6,
    wander: 1e7,
    wanderTauMs: 2 * HOUR_MS,
    driftPerDay: 2e7,
  },
  'near zero': { base: 0.05, noise: 0.02, heavyTails: true, min: 0, quantum: 0.01 },
  'random walk': { base: 50, noise: 0.5, wander: 10, wanderTauMs: 12 * HOUR_MS },
};

/** Anomalies sized in units of the shape's white noise; each on a few different shapes. */
const anomalyKinds: {
  kind: AnomalyKind;
  size: (noise: number, base: number) => number;
  durationMs: number;
}[] = [
  { kind: 'shift', size: (n) => 12 * n, durationMs: 0 },
  { kind: 'spike', size: (n) => 25 * n, durationMs: 1 },
  { kind: 'ramp', size: (n) => 30 * n, durationMs: 3 * HOUR_MS },
  { kind: 'drop', size: () => 0.9, durationMs: HOUR_MS },
  { kind: 'noise', size: () => 6, durationMs: HOUR_MS },
];
const anomalyShapes = [
  'daily cycle',
  'heavy tails',
  'slow drift',
  'weekly + daily job',
  'memory bytes',
];

/** Healthy days per series, and anomaly starts (days) after warm-up: one before, one after the
 * daily baseline exists. */
const steps: { label: string; stepMs: number; days: number; at: number[] }[] = [
  { label: '10 s', stepMs: 10 * SECOND_MS, days: 2, at: [0.3, 2.3] },
  { label: '1 min', stepMs: MINUTE_MS, days: 7, at: [1.0, 2.6] },
  { label: '5 min', stepMs: 5 * MINUTE_MS, days: 14, at: [1.0, 2.6] },
  { label: '1 h', stepMs: HOUR_MS, days: 28, at: [3.0, 4.3] },
];

function alertTimes(spec: SyntheticSpec): { times: number[]; anomalyAt?: number } {
  const series = generateSeries(spec);
  const results = detectSeries(series.points, overrides);
  const times = series.points.filter((_, i) => results[i]?.isAnomaly).map((p) => p.t);
  return series.anomalyAt === undefined ? { times } : { times, anomalyAt: series.anomalyAt };
}

const started = process.cpuUsage();
let seed = 1;
console.log('Healthy series (false alerts per day, after warm-up):');
let healthyAlerts = 0;
let healthyDays = 0;
for (const step of steps) {
  const row: string[] = [];
  for (const [name, shape] of Object.entries(healthyShapes)) {
    let alerts = 0;
    for (let r = 0; r < 3; r++) {
      const { times } = alertTimes({
        ...shape,
        seed: seed++,
        stepMs: step.stepMs,
        durationMs: step.days * DAY_MS,
      });
      alerts += times.length;
    }
    healthyAlerts += alerts;
    healthyDays += 3 * step.days;
    row.push(`${name}: ${(alerts / (3 * step.days)).toFixed(3)}`);
  }
  console.log(`  ${step.label.padEnd(6)} ${row.join(' | ')}`);
}
console.log(
  `  overall: ${(healthyAlerts / healthyDays).toFixed(3)} false alerts per healthy day (${healthyDays} days)`,
);

console.log('\nInjected anomalies (detected within the window, median delay, extra alerts):');
const allDelays: number[] = [];
const REPEATS = 3;
seed = 100_000;
let detected = 0;
let total = 0;
for (const step of steps) {
  const row: string[] = [];
  for (const a of anomalyKinds) {
    const delays: number[] = [];
    let hits = 0;
    let extra = 0;
    let count = 0;
    for (const shapeName of anomalyShapes) {
      for (const atDays of step.at.flatMap((d) => Array<number>(REPEATS).fill(d))) {
        const shape = healthyShapes[shapeName] as Shape;
        const atMs = Math.round(atDays * DAY_MS);
        const anomaly: AnomalySpec = {
          kind: a.kind,
          atMs,
          size: a.size(shape.noise, shape.base),
          durationMs: a.durationMs,
        };
        const durationMs = atMs + DAY_MS;
        const { times, anomalyAt } = alertTimes({
          ...shape,
          seed: seed++,
          stepMs: step.stepMs,
          durationMs,
          anomaly,
        });
        const at = anomalyAt as number;
        const window = Math.max(a.durationMs, 2 * HOUR_MS, 12 * step.stepMs);
        const first = times.find((t) => t >= at && t <= at + window);
        count++;
        if (process.env.BENCH_DEBUG && first === undefined)
          console.error(
            'miss',
            step.label,
            a.kind,
            shapeName,
            atDays,
            times.map((t) => (t - at) / step.stepMs),
          );
        if (first !== undefined) {
          hits++;
          delays.push(first - at);
        }
        extra += times.length - (first === undefined ? 0 : 1);
      }
    }
    detected += hits;
    total += count;
    allDelays.push(...delays);
    row.push(`${a.kind} ${hits}/${count} ${fmt(median(delays))} +${extra}`);
  }
  console.log(`  ${step.label.padEnd(6)} ${row.join(' | ')}`);
}
console.log(
  `  recall ${((100 * detected) / total).toFixed(1)} % (${detected}/${total}), median delay ${fmt(median(allDelays))}`,
);
const cpu = process.cpuUsage(started);
console.log(`\nCPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s`);

function median(values: number[]): number {
  if (values.length === 0) return Number.NaN;
  const s = [...values].sort((x, y) => x - y);
  return s[(s.length - 1) >> 1] as number;
}

function fmt(ms: number): string {
  if (!Number.isFinite(ms)) return '-';
  if (ms < MINUTE_MS) return `${Math.round(ms / SECOND_MS)}s`;
  if (ms < HOUR_MS) return `${Math.round(ms / MINUTE_MS)}m`;
  return `${(ms / HOUR_MS).toFixed(1)}h`;
}
