import { HOUR_MS } from '../detector/sampling.js';

/** Requests and limits of one container as written in its spec (cores, bytes). */
export interface ResourceSpec {
  cpuRequest?: number;
  cpuLimit?: number;
  memoryRequest?: number;
  memoryLimit?: number;
}

/** What a container used over the observed time (from 5-minute rollups). */
export interface UsageStats {
  /** 95th percentile of 5-minute CPU averages, cores. */
  cpuP95: number;
  /** Highest 5-minute CPU peak. */
  cpuMax: number;
  /** 95th percentile of 5-minute memory peaks, bytes. */
  memoryP95: number;
  /** Highest memory seen. */
  memoryPeak: number;
  /** Time between the first and the last sample. */
  observedMs: number;
}

export interface RightSizeSettings {
  /** Memory limit = peak plus this share. */
  memoryLimitMargin: number;
  /** Memory request = 95th percentile plus this share. */
  memoryRequestMargin: number;
  /** CPU limit (only where one is set) = the highest of peak plus this share and twice the request. */
  cpuLimitMargin: number;
  /** Changes smaller than this share of the current value are not worth a rollout. */
  minChange: number;
  /** Below this CPU at the 95th percentile (cores) a workload counts as idle. */
  idleCpu: number;
  /** Recommendations need at least this much history (a day covers the daily cycle). */
  minObservedMs: number;
}

export const defaultRightSizeSettings: RightSizeSettings = {
  memoryLimitMargin: 0.25,
  memoryRequestMargin: 0.1,
  cpuLimitMargin: 0.25,
  minChange: 0.2,
  idleCpu: 0.005,
  // A day (give or take the 5-minute edges of the window) covers the daily cycle.
  minObservedMs: 23 * HOUR_MS,
};

export type ChangeKind = 'keep' | 'raise' | 'lower' | 'set';

export interface ResourceChange {
  current?: number;
  recommended?: number;
  change: ChangeKind;
}

export interface RightSizing {
  cpuRequest: ResourceChange;
  cpuLimit: ResourceChange;
  memoryRequest: ResourceChange;
  memoryLimit: ResourceChange;
  /** Uses next to no CPU: a candidate to scale down or remove. */
  idle: boolean;
  /** Too little history to recommend sizes yet. */
  insufficientHistory: boolean;
}

/**
 * Right-sized requests and limits from observed use: CPU request at the 95th percentile, memory
 * request at its 95th percentile plus a margin, memory limit at the peak plus a margin, and a
 * CPU limit only where one is already set (no limit is a valid choice; a tight one throttles).
 */
export function rightSize(
  spec: ResourceSpec,
  stats: UsageStats,
  settings: RightSizeSettings = defaultRightSizeSettings,
): RightSizing {
  const idle = stats.cpuP95 < settings.idleCpu;
  const keep = (current?: number): ResourceChange =>
    current === undefined ? { change: 'keep' } : { current, change: 'keep' };
  if (stats.observedMs < settings.minObservedMs) {
    return {
      cpuRequest: keep(spec.cpuRequest),
      cpuLimit: keep(spec.cpuLimit),
      memoryRequest: keep(spec.memoryRequest),
      memoryLimit: keep(spec.memoryLimit),
      idle,
      insufficientHistory: true,
    };
  }
  const cpuRequest = roundCpu(Math.max(stats.cpuP95, 0.001));
  const memoryRequest = roundMemory(stats.memoryP95 * (1 + settings.memoryRequestMargin));
  const memoryLimit = Math.max(
    memoryRequest,
    roundMemory(stats.memoryPeak * (1 + settings.memoryLimitMargin)),
  );
  const cpuLimit = roundCpu(Math.max(stats.cpuMax * (1 + settings.cpuLimitMargin), 2 * cpuRequest));
  return {
    cpuRequest: change(spec.cpuRequest, cpuRequest, settings.minChange),
    cpuLimit:
      spec.cpuLimit === undefined ? keep() : change(spec.cpuLimit, cpuLimit, settings.minChange),
    memoryRequest: change(spec.memoryRequest, memoryRequest, settings.minChange),
    memoryLimit: change(spec.memoryLimit, memoryLimit, settings.minChange),
    idle,
    insufficientHistory: false,
  };
}

function change(
  current: number | undefined,
  recommended: number,
  minChange: number,
): ResourceChange {
  if (current === undefined) return { recommended, change: 'set' };
  if (Math.abs(recommended - current) < minChange * current) return { current, change: 'keep' };
  return { current, recommended, change: recommended > current ? 'raise' : 'lower' };
}

/** Up to a value people write: 5m steps below 100m, 10m below 1 core, 50m above. */
export function roundCpu(cores: number): number {
  const milli = cores * 1000;
  const step = milli < 100 ? 5 : milli < 1000 ? 10 : 50;
  return (Math.ceil(milli / step - 1e-9) * step) / 1000;
}

/** Up to 8 Mi steps below 256 Mi, 32 Mi below 1 Gi, 128 Mi above. */
export function roundMemory(bytes: number): number {
  const mi = bytes / 2 ** 20;
  const step = mi < 256 ? 8 : mi < 1024 ? 32 : 128;
  return Math.max(step, Math.ceil(mi / step - 1e-9) * step) * 2 ** 20;
}
