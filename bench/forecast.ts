// Forecaster benchmark on generated series: MASE next to simple baselines, band coverage, CPU.
// Run: npx tsx bench/forecast.ts
import {
  DAY_MS,
  HOUR_MS,
  MINUTE_MS,
  type SeriesPoint,
} from '../src/core/monitor/detector/sampling.js';
import { forecast } from '../src/core/monitor/forecast/forecast.js';
import {
  lastValue,
  meanLastHour,
  seasonalNaive,
  type ModelContext,
} from '../src/core/monitor/forecast/models.js';
import { generateSeries, mulberry32, type SyntheticSpec } from '../src/core/monitor/synthetic.js';

const STEP = 5 * MINUTE_MS;
const HORIZON = 6 * HOUR_MS;
const H = HORIZON / STEP;

type Shape = Omit<SyntheticSpec, 'seed' | 'stepMs' | 'durationMs'>;
const shapes: Shape[] = [
  { base: 50, dailyAmplitude: 30, noise: 2, wander: 2 },
  { base: 20, dailyAmplitude: 10, noise: 1.5, heavyTails: true, wander: 1 },
  { base: 5, dailyAmplitude: 4, noise: 1.5, quantum: 1, min: 0 },
  { base: 40, noise: 3, flatShare: 0.4, quantum: 0.1 },
  { base: 100, dailyAmplitude: 20, noise: 3, wander: 2, driftPerDay: 15 },
  { base: 200, dailyAmplitude: 100, weekendFactor: 0.5, noise: 8, wander: 5, dailyJob: 150 },
  { base: 1e9, noise: 2e6, wander: 1e7, wanderTauMs: 2 * HOUR_MS, driftPerDay: 2e7 },
  { base: 300, noise: 5, wander: 3, driftPerDay: 400 }, // steady growth (a leak)
  { base: 60, dailyAmplitude: 25, noise: 3, wander: 8, wanderTauMs: 6 * HOUR_MS }, // slow wander
];

function makeSeries(seed: number, days: number): SeriesPoint[] {
  const random = mulberry32(seed);
  const shape = shapes[seed % shapes.length] as Shape;
  // Scale each series differently so no metric dominates the averages.
  const scale = 0.5 + random() * 2;
  const spec: SyntheticSpec = {
    ...shape,
    base: shape.base * scale,
    noise: shape.noise * scale,
    seed,
    stepMs: STEP,
    durationMs: days * DAY_MS,
  };
  if (shape.dailyAmplitude) spec.dailyAmplitude = shape.dailyAmplitude * scale;
  if (shape.wander) spec.wander = shape.wander * scale;
  if (shape.driftPerDay) spec.driftPerDay = shape.driftPerDay * scale;
  return generateSeries(spec).points;
}

// Accuracy: forecast the last 6 h of each series from what comes before.
const ctx: ModelContext = { period: DAY_MS / STEP, hour: HOUR_MS / STEP };
const names = ['ours', 'seasonal-naive', 'last-value', 'mean-last-hour'] as const;
const mase: Record<(typeof names)[number], number[]> = {
  ours: [],
  'seasonal-naive': [],
  'last-value': [],
  'mean-last-hour': [],
};
const picked = new Map<string, number>();
let inside = 0;
let total = 0;
const accuracySeries = 2000;
for (let s = 0; s < accuracySeries; s++) {
  const days = [1.5, 2.5, 3.25, 5.25][s % 4] as number;
  const all = makeSeries(10_000 + s, days);
  const train = all.slice(0, all.length - H);
  const actual = all.slice(all.length - H).map((p) => p.v);
  const y = Float64Array.from(train, (p) => p.v);
  let scale = 0;
  for (let i = 1; i < y.length; i++) scale += Math.abs((y[i] as number) - (y[i - 1] as number));
  scale /= y.length - 1;
  if (!(scale > 0)) continue;
  const ours = forecast(train, { horizonMs: HORIZON });
  picked.set(ours.model, (picked.get(ours.model) ?? 0) + 1);
  const predictions = {
    ours: ours.points.map((p) => p.value),
    'seasonal-naive':
      y.length >= ctx.period
        ? [...seasonalNaive.predict(y, y.length, H, ctx)]
        : [...lastValue.predict(y, y.length, H, ctx)],
    'last-value': [...lastValue.predict(y, y.length, H, ctx)],
    'mean-last-hour': [...meanLastHour.predict(y, y.length, H, ctx)],
  };
  for (const name of names) {
    const p = predictions[name];
    const mae = actual.reduce((sum, a, i) => sum + Math.abs(a - (p[i] as number)), 0) / H;
    mase[name].push(mae / scale);
  }
  ours.points.forEach((p, i) => {
    const a = actual[i] as number;
    if (a >= p.lower && a <= p.upper) inside++;
    total++;
  });
}
const avg = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
const med = (v: number[]) => [...v].sort((a, b) => a - b)[(v.length - 1) >> 1] as number;
console.log(
  `Accuracy, ${accuracySeries} generated series (5-min steps, 1.5 to 5.25 days, 6 h ahead):`,
);
for (const name of names) {
  console.log(
    `  MASE ${name.padEnd(15)} mean ${avg(mase[name]).toFixed(3)}  median ${med(mase[name]).toFixed(3)}`,
  );
}
console.log(
  `  band coverage: ${((100 * inside) / total).toFixed(1)} % of actual values inside the band (target 80-90 %)`,
);
console.log(`  models picked: ${[...picked].map(([m, c]) => `${m} ${c}`).join(', ')}`);

// Speed: a forecast run over many series of a few hundred points (2 days at 5 min = 576 points).
for (const count of [1000, 10_000]) {
  const batch = Array.from({ length: count }, (_, i) => makeSeries(i, 2));
  const start = process.cpuUsage();
  for (const series of batch) forecast(series, { horizonMs: HORIZON });
  const used = process.cpuUsage(start);
  console.log(
    `CPU for a forecast run over ${count} series of ${batch[0]?.length} points: ${((used.user + used.system) / 1e6).toFixed(2)} s`,
  );
}
