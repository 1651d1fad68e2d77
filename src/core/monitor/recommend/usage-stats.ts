import type { RollupPoint } from '../series/series-store.js';
import type { UsageStats } from './right-size.js';

/** The rollups of one container's CPU and memory, from one or several pods (replicas). */
export interface ContainerRollups {
  cpu: RollupPoint[][];
  memory: RollupPoint[][];
}

/**
 * Percentiles over the pooled 5-minute slots of every replica: CPU from the averages (what the
 * scheduler reserves for), memory from the peaks (what the OOM killer sees).
 */
export function usageStats(rollups: ContainerRollups): UsageStats | undefined {
  const cpuAvg: number[] = [];
  let cpuMax = 0;
  const memPeaks: number[] = [];
  let memoryPeak = 0;
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  for (const series of rollups.cpu) {
    for (const p of series) {
      cpuAvg.push(p.avg);
      cpuMax = Math.max(cpuMax, p.max);
      first = Math.min(first, p.t);
      last = Math.max(last, p.t);
    }
  }
  for (const series of rollups.memory) {
    for (const p of series) {
      memPeaks.push(p.max);
      memoryPeak = Math.max(memoryPeak, p.max);
    }
  }
  if (cpuAvg.length === 0 || memPeaks.length === 0) return undefined;
  return {
    cpuP95: percentile(cpuAvg, 0.95),
    cpuMax,
    memoryP95: percentile(memPeaks, 0.95),
    memoryPeak,
    observedMs: last - first,
  };
}

/** Nearest-rank percentile (a value that was actually observed). */
export function percentile(values: number[], q: number): number {
  const sorted = Float64Array.from(values).sort();
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank] as number;
}
