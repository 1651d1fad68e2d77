import { DAY_MS, HOUR_MS, MINUTE_MS, type SeriesPoint } from './detector/sampling.js';

/**
 * Deterministic generated metric series for tests and benchmarks: a daily cycle, white and
 * autocorrelated noise (optionally heavy-tailed), drift, quantisation, flat runs, a normal daily
 * job spike, and at most one injected anomaly with its known start.
 */
export interface SyntheticSpec {
  seed: number;
  stepMs: number;
  durationMs: number;
  startMs?: number;
  base: number;
  /** Peak-to-trough height of the daily cycle (busy afternoons, quiet nights). */
  dailyAmplitude?: number;
  /** Weekends run at this share of the weekday cycle (1 = no weekly pattern). */
  weekendFactor?: number;
  /** Standard deviation of the white noise. */
  noise: number;
  /** Student-t with 3 degrees of freedom instead of Gaussian white noise. */
  heavyTails?: boolean;
  /** Standard deviation and correlation time of the autocorrelated noise. */
  wander?: number;
  wanderTauMs?: number;
  driftPerDay?: number;
  /** Values are rounded to multiples of this (counters, percentages with one decimal). */
  quantum?: number;
  /** Values never go under this (usage cannot be negative). */
  min?: number;
  /** Share of time the metric sits perfectly flat (idle exporter, constant gauge). */
  flatShare?: number;
  /** A normal daily job: this much extra for `dailyJobMs` starting at 02:00 UTC. */
  dailyJob?: number;
  dailyJobMs?: number;
  anomaly?: AnomalySpec;
}

export type AnomalyKind = 'shift' | 'ramp' | 'spike' | 'drop' | 'noise';

export interface AnomalySpec {
  kind: AnomalyKind;
  /** Start, as an offset from the series start. */
  atMs: number;
  /** shift/ramp/spike: added amount; drop: share removed (1 = to zero); noise: noise multiplier. */
  size: number;
  /** ramp: time to reach `size` (then it holds); spike/drop/noise: how long it lasts. */
  durationMs?: number;
}

export interface SyntheticSeries {
  points: SeriesPoint[];
  /** Epoch ms of the injected anomaly's first point, if any. */
  anomalyAt?: number;
}

export const SYNTHETIC_START_MS = Date.UTC(2024, 0, 1); // a Monday

export function generateSeries(spec: SyntheticSpec): SyntheticSeries {
  const random = mulberry32(spec.seed);
  const normal = () => gaussian(random);
  const start = spec.startMs ?? SYNTHETIC_START_MS;
  const n = Math.floor(spec.durationMs / spec.stepMs);
  const phi = Math.exp(-spec.stepMs / (spec.wanderTauMs ?? 20 * MINUTE_MS));
  const flat = flatRunScheduler(random, spec.flatShare ?? 0, spec.stepMs);
  // Align the anomaly to the sampling grid, and make it last at least one point.
  const anomaly: AnomalySpec | undefined = spec.anomaly && {
    ...spec.anomaly,
    atMs: Math.ceil(spec.anomaly.atMs / spec.stepMs) * spec.stepMs,
    durationMs: Math.max(spec.anomaly.durationMs ?? HOUR_MS, spec.stepMs),
  };
  let wander = (spec.wander ?? 0) * normal();
  let last = spec.base;
  const points: SeriesPoint[] = [];
  for (let i = 0; i < n; i++) {
    const t = start + i * spec.stepMs;
    const elapsed = t - start;
    wander = phi * wander + Math.sqrt(1 - phi * phi) * (spec.wander ?? 0) * normal();
    let noiseScale = spec.noise;
    if (anomaly?.kind === 'noise' && inWindow(elapsed, anomaly)) noiseScale *= anomaly.size;
    const white = spec.heavyTails ? studentT3(normal) * 0.7 : normal();
    let v =
      spec.base +
      (spec.dailyAmplitude ?? 0) * dailyShape(t) * weekFactor(t, spec.weekendFactor ?? 1) +
      (spec.driftPerDay ?? 0) * (elapsed / DAY_MS) +
      dailyJob(t, spec) +
      wander +
      noiseScale * white;
    if (anomaly) v = applyAnomaly(v, elapsed, anomaly, spec.stepMs);
    if (spec.min !== undefined) v = Math.max(spec.min, v);
    if (spec.quantum) v = Math.round(v / spec.quantum) * spec.quantum;
    if (flat()) v = last;
    last = v;
    points.push({ t, v });
  }
  const anomalyAt = anomaly ? start + anomaly.atMs : undefined;
  return anomalyAt === undefined ? { points } : { points, anomalyAt };
}

function applyAnomaly(v: number, elapsed: number, a: AnomalySpec, stepMs: number): number {
  if (elapsed < a.atMs) return v;
  switch (a.kind) {
    case 'shift':
      return v + a.size;
    case 'ramp':
      return v + a.size * Math.min(1, (elapsed - a.atMs + stepMs) / (a.durationMs as number));
    case 'spike':
      return inWindow(elapsed, a) ? v + a.size : v;
    case 'drop':
      return inWindow(elapsed, a) ? v * (1 - a.size) : v;
    case 'noise':
      return v;
  }
}

function inWindow(elapsed: number, a: AnomalySpec): boolean {
  return elapsed >= a.atMs && elapsed < a.atMs + (a.durationMs as number);
}

/** 0 at 04:00 UTC, 1 around 15:00, with a steeper morning rise than evening fall. */
function dailyShape(t: number): number {
  const phase = (((t % DAY_MS) + DAY_MS) % DAY_MS) / DAY_MS;
  const x = 2 * Math.PI * (phase - 4 / 24);
  return Math.max(0, 0.5 - 0.5 * Math.cos(x) + 0.12 * Math.sin(2 * x)) / 1.06;
}

function weekFactor(t: number, weekendFactor: number): number {
  const weekday = new Date(t).getUTCDay();
  return weekday === 0 || weekday === 6 ? weekendFactor : 1;
}

function dailyJob(t: number, spec: SyntheticSpec): number {
  if (!spec.dailyJob) return 0;
  const intoDay = (((t % DAY_MS) + DAY_MS) % DAY_MS) - 2 * HOUR_MS;
  return intoDay >= 0 && intoDay < (spec.dailyJobMs ?? 15 * MINUTE_MS) ? spec.dailyJob : 0;
}

/** Alternates busy and flat runs, each lasting minutes to hours, flat for about `share` of the time. */
function flatRunScheduler(random: () => number, share: number, stepMs: number): () => boolean {
  if (share <= 0) return () => false;
  let flat = false;
  let left = 0;
  return () => {
    if (left <= 0) {
      flat = random() < share;
      left = Math.max(1, Math.round(((10 + random() * 230) * MINUTE_MS) / stepMs));
    }
    left--;
    return flat;
  };
}

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function gaussian(random: () => number): number {
  const u = 1 - random();
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

function studentT3(normal: () => number): number {
  const chi2 = normal() ** 2 + normal() ** 2 + normal() ** 2;
  return normal() / Math.sqrt(chi2 / 3);
}
