// Resource usage of a container as a pure function of sim time, so metrics are reproducible and
// the moment memory reaches a limit (OOM) can be computed exactly instead of sampled.
import { unitHash } from '../util/random.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** metrics-server scrapes about every 15 s; noise changes at that pace. */
const NOISE_BUCKET_MS = 15_000;

export type UsageModel =
  | { model: 'constant'; value: number; noise?: number }
  | { model: 'daily'; base: number; amplitude: number; peakHour?: number; noise?: number }
  | {
      model: 'linear';
      from: number;
      perHour: number;
      startAt?: number;
      max?: number;
      noise?: number;
    }
  | { model: 'step'; before: number; after: number; at: number; noise?: number }
  | {
      model: 'spikes';
      base: number;
      spike: number;
      every: number;
      duration: number;
      offset?: number;
      noise?: number;
    };

/** Noise-free value: the trend the forecaster should be able to find. */
export function trendAt(m: UsageModel, t: number, containerStart: number): number {
  switch (m.model) {
    case 'constant':
      return m.value;
    case 'daily': {
      const peak = (m.peakHour ?? 14) * HOUR;
      const phase = (((t - peak) % DAY) + DAY) % DAY;
      return m.base + m.amplitude * Math.cos((2 * Math.PI * phase) / DAY);
    }
    case 'linear': {
      const growthStart = Math.max(m.startAt ?? containerStart, containerStart);
      const grown = m.from + (m.perHour * Math.max(0, t - growthStart)) / HOUR;
      return m.max !== undefined ? Math.min(grown, m.max) : grown;
    }
    case 'step':
      return t >= m.at ? m.after : m.before;
    case 'spikes': {
      const phase = (((t - (m.offset ?? 0)) % m.every) + m.every) % m.every;
      return phase < m.duration ? m.spike : m.base;
    }
  }
}

/** Usage with deterministic noise, clamped to [0, cap]. */
export function usageAt(
  m: UsageModel,
  t: number,
  containerStart: number,
  noiseKey: string,
  cap = Number.POSITIVE_INFINITY,
): number {
  const trend = trendAt(m, t, containerStart);
  const noise = m.noise ?? 0;
  const jitter =
    noise === 0 ? 0 : (unitHash(noiseKey, Math.floor(t / NOISE_BUCKET_MS)) * 2 - 1) * noise * trend;
  return Math.max(0, Math.min(trend + jitter, cap));
}

/**
 * First time at or after `from` when the trend reaches `limit` (the OOM moment for memory),
 * or undefined when it never does. Noise never triggers an OOM on its own.
 */
export function crossingTime(
  m: UsageModel,
  limit: number,
  containerStart: number,
  from: number,
): number | undefined {
  switch (m.model) {
    case 'constant':
      return m.value >= limit ? from : undefined;
    case 'daily':
      // A daily cycle over its limit is a misconfigured scenario; it is clamped instead.
      return undefined;
    case 'linear': {
      if (m.max !== undefined && m.max < limit) return undefined;
      if (m.from >= limit) return from;
      if (m.perHour <= 0) return undefined;
      const growthStart = Math.max(m.startAt ?? containerStart, containerStart);
      return Math.max(from, growthStart + ((limit - m.from) / m.perHour) * HOUR);
    }
    case 'step':
      if (from >= m.at) return m.after >= limit ? from : undefined;
      if (m.before >= limit) return from;
      return m.after >= limit ? m.at : undefined;
    case 'spikes': {
      if (m.base >= limit) return from;
      if (m.spike < limit) return undefined;
      const offset = m.offset ?? 0;
      const phase = (((from - offset) % m.every) + m.every) % m.every;
      return phase < m.duration ? from : from + (m.every - phase);
    }
  }
}
