import { describe, expect, it } from 'vitest';
import {
  renderRecommendations,
  recommendationLine,
} from '../../../../src/core/monitor/recommend/render-recommendations.js';
import {
  defaultRightSizeSettings,
  rightSize,
  roundCpu,
  roundMemory,
} from '../../../../src/core/monitor/recommend/right-size.js';
import { percentile, usageStats } from '../../../../src/core/monitor/recommend/usage-stats.js';
import type { RollupPoint } from '../../../../src/core/monitor/series/series-store.js';

const MiB = 2 ** 20;
const SLOT = 300_000;
const DAY = 86_400_000;
const START = Date.parse('2025-03-01T00:00:00Z');

/** Five-minute rollups of a known usage model over `days`. */
function rollups(
  days: number,
  avg: (t: number, i: number) => number,
  max: (t: number, i: number) => number,
): RollupPoint[] {
  return Array.from({ length: Math.round((days * DAY) / SLOT) }, (_, i) => {
    const t = START + i * SLOT;
    return { t, avg: avg(t, i), max: max(t, i) };
  });
}

// CPU: a daily cycle of 200m +- 100m (peaks 10 % above the slot average); memory: 300 Mi with
// peaks up to 310 Mi.
const dailyCpu = (t: number) => 0.2 + 0.1 * Math.cos((2 * Math.PI * (t - START)) / DAY);
const cpu = rollups(2, dailyCpu, (t) => dailyCpu(t) * 1.1);
const memory = rollups(
  2,
  () => 300 * MiB,
  (_t, i) => (300 + 10 * Math.abs(Math.sin(i))) * MiB,
);

describe('usage statistics', () => {
  it('takes CPU percentiles from averages and memory from peaks', () => {
    const stats = usageStats({ cpu: [cpu], memory: [memory] });
    // p95 of 200m + 100m cos: the cosine is above cos(0.05 pi) 5 % of the time.
    expect(stats?.cpuP95).toBeCloseTo(0.2 + 0.1 * Math.cos(0.05 * Math.PI), 3);
    expect(stats?.cpuMax).toBeCloseTo(0.33, 6);
    expect(stats?.memoryPeak).toBeLessThanOrEqual(310 * MiB);
    expect(stats?.memoryPeak).toBeGreaterThan(309.9 * MiB);
    expect(stats?.observedMs).toBe(2 * DAY - SLOT);
  });

  it('pools replicas', () => {
    const low = rollups(
      1,
      () => 0.1,
      () => 0.1,
    );
    const high = rollups(
      1,
      () => 0.3,
      () => 0.3,
    );
    expect(usageStats({ cpu: [low, high], memory: [memory] })?.cpuP95).toBeCloseTo(0.3, 9);
    expect(percentile([1, 2, 3, 4], 0.5)).toBe(2);
  });
});

describe('right-sizing', () => {
  const stats = usageStats({ cpu: [cpu], memory: [memory] });
  if (!stats) throw new Error('no stats');

  it('sizes requests at the 95th percentile and the memory limit at the peak plus a margin', () => {
    const r = rightSize(
      { cpuRequest: 0.5, cpuLimit: 1, memoryRequest: 256 * MiB, memoryLimit: 640 * MiB },
      stats,
    );
    expect(r.insufficientHistory).toBe(false);
    expect(r.idle).toBe(false);
    // CPU p95 299m -> 300m.
    expect(r.cpuRequest).toEqual({ current: 0.5, recommended: 0.3, change: 'lower' });
    // Memory request: p95 of peaks (about 309.9 Mi) + 10 % = 341 Mi -> 352 Mi.
    expect(r.memoryRequest).toEqual({
      current: 256 * MiB,
      recommended: 352 * MiB,
      change: 'raise',
    });
    // Memory limit: peak 310 Mi + 25 % = 387.5 Mi -> 416 Mi.
    expect(r.memoryLimit).toEqual({ current: 640 * MiB, recommended: 416 * MiB, change: 'lower' });
    // 512 Mi is within 20 % of that: not worth a rollout.
    expect(rightSize({ memoryLimit: 512 * MiB }, stats).memoryLimit).toEqual({
      current: 512 * MiB,
      change: 'keep',
    });
    // CPU limit: the larger of peak + 25 % (412m) and twice the request (600m).
    expect(r.cpuLimit).toEqual({ current: 1, recommended: 0.6, change: 'lower' });
  });

  it('leaves small differences and unset CPU limits alone, and sets missing requests', () => {
    const r = rightSize({ cpuRequest: 0.28, memoryLimit: 400 * MiB }, stats);
    expect(r.cpuRequest).toEqual({ current: 0.28, change: 'keep' });
    expect(r.cpuLimit).toEqual({ change: 'keep' });
    expect(r.memoryLimit).toEqual({ current: 400 * MiB, change: 'keep' });
    expect(r.memoryRequest).toEqual({ recommended: 352 * MiB, change: 'set' });
  });

  it('flags idle workloads and waits for a day of history', () => {
    const idleCpu = rollups(
      2,
      () => 0.002,
      () => 0.003,
    );
    const idle = rightSize(
      { cpuRequest: 0.1 },
      usageStats({ cpu: [idleCpu], memory: [memory] }) ?? stats,
    );
    expect(idle.idle).toBe(true);
    const young = rightSize(
      { cpuRequest: 0.1 },
      usageStats({ cpu: [rollups(0.4, dailyCpu, dailyCpu)], memory: [memory] }) ?? stats,
    );
    expect(young.insufficientHistory).toBe(true);
    expect(young.cpuRequest.change).toBe('keep');
  });

  it('rounds to values people write', () => {
    expect(roundCpu(0.0121)).toBe(0.015);
    expect(roundCpu(0.2981)).toBe(0.3);
    expect(roundCpu(1.01)).toBe(1.05);
    expect(roundMemory(100.5 * MiB)).toBe(104 * MiB);
    expect(roundMemory(387.5 * MiB)).toBe(416 * MiB);
    expect(roundMemory(1500 * MiB)).toBe(1536 * MiB);
  });

  it('renders a table with the changes first, idle workloads and how it was computed', () => {
    const workload = (name: string) => ({ kind: 'Deployment', namespace: 'shop', name });
    const spec = { cpuRequest: 0.5, cpuLimit: 1, memoryRequest: 256 * MiB, memoryLimit: 640 * MiB };
    const idleStats =
      usageStats({
        cpu: [
          rollups(
            2,
            () => 0.002,
            () => 0.003,
          ),
        ],
        memory: [memory],
      }) ?? stats;
    const message = renderRecommendations(
      [
        {
          workload: workload('cart'),
          container: 'cart',
          pods: 2,
          spec,
          stats,
          sizing: rightSize(spec, stats),
        },
        {
          workload: workload('legacy'),
          container: 'app',
          pods: 1,
          spec,
          stats: idleStats,
          sizing: rightSize(spec, idleStats),
        },
        { workload: workload('fresh'), container: 'app', pods: 1, spec },
      ],
      'namespace shop (sim)',
      defaultRightSizeSettings,
    );
    expect(message.title).toBe('Right-sizing for namespace shop (sim)');
    const table = message.blocks.find((b) => b.type === 'table');
    const rows = table?.type === 'table' ? table.rows : [];
    // Changing rows first, the largest change on top; the one without history is not in the table.
    expect(rows.map((r) => r[0])).toEqual([
      'Deployment shop/legacy',
      'Deployment shop/cart (2 pods)',
    ]);
    expect(rows[1]?.slice(1, 6)).toEqual([
      'cart',
      '500m -> 300m',
      '1000m -> 600m',
      '256 Mi -> 352 Mi',
      '640 Mi -> 416 Mi',
    ]);
    const text = JSON.stringify(message.blocks);
    expect(text).toContain('Idle: shop/legacy (2m CPU at p95)');
    expect(text).toContain('1 containers have less than 23 h of usage history');
    expect(
      recommendationLine({
        workload: workload('cart'),
        container: 'cart',
        pods: 2,
        spec,
        stats,
        sizing: rightSize(spec, stats),
      }),
    ).toMatch(
      /^memory limit 640 Mi -> 416 Mi, memory request 256 Mi -> 352 Mi, CPU request 500m -> 300m, CPU limit 1000m -> 600m \(peak 310 Mi/,
    );
  });
});
