import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { allowPlainHttp } from '../../../../src/core/kube/allow-plain-http.js';
import { MetricsCollector } from '../../../../src/core/monitor/collector/metrics-collector.js';
import { seriesObject } from '../../../../src/core/monitor/series/series-key.js';
import { SeriesStore } from '../../../../src/core/monitor/series/series-store.js';
import type { Database } from '../../../../src/core/store/database.js';
import { openStore } from '../../../../src/core/store/open-store.js';
import { kubeConfigFromString, useSimTestCluster } from '../../../support/sim.js';
import { useTempDir } from '../../../support/temp-dir.js';

const start = new Date('2025-03-03T09:00:00Z');
const sim = useSimTestCluster({ scenario: 'healthy', realtime: false, clockStart: start });
const tempDir = useTempDir();
let db: Database | undefined;
let collector: MetricsCollector | undefined;
afterEach(async () => {
  collector?.close();
  await db?.close();
  db = undefined;
});

async function setup() {
  db = await openStore(join(tempDir(), 'series.db'));
  const now = () => sim().sim.now();
  const store = await SeriesStore.open({
    db,
    now,
    rawRetentionMs: 6 * 3_600_000,
    rollupRetentionMs: 8 * 86_400_000,
    flushIntervalMs: 300_000,
  });
  collector = new MetricsCollector({ store, now });
  return { store, collector };
}

describe('metrics collector on the sim', () => {
  it('keeps a usage sample only when metrics-server has a new timestamp, and state from the cache', async () => {
    const { store, collector } = await setup();
    const { cluster } = sim();
    const pods = cluster.cache.list('pods');
    const nodes = cluster.cache.list('nodes');
    const first = await collector.collect(cluster);
    expect(first).toMatchObject({
      podSamples: pods.length,
      nodeSamples: nodes.length,
      unchanged: 0,
    });
    expect(first.metricsError).toBeUndefined();
    // Same sim time: metrics-server has not scraped again, so nothing new is stored.
    const again = await collector.collect(cluster);
    expect(again).toMatchObject({
      podSamples: 0,
      nodeSamples: 0,
      unchanged: pods.length + nodes.length,
    });
    await sim().sim.advance(60_000);
    const later = await collector.collect(cluster);
    expect(later.podSamples).toBe(pods.length);

    const pod = pods.find((p) => p.metadata?.name?.startsWith('web-'));
    const object = seriesObject.pod('shop', pod?.metadata?.name ?? '');
    const t = sim().sim.now().getTime();
    const usage = await store.readSeries(
      { cluster: 'sim', object, metric: 'memory' },
      t - 3_600_000,
      t,
    );
    expect(usage).toHaveLength(2);
    expect(usage.every((p) => p.v > 50 * 2 ** 20 && p.v < 256 * 2 ** 20)).toBe(true);
    const requests = await store.readSeries(
      { cluster: 'sim', object, metric: 'cpu_request' },
      t - 60_000,
      t,
    );
    expect(requests).toHaveLength(1);
    expect(requests[0]?.t).toBe(t - 60_000);
    expect(requests[0]?.v).toBeCloseTo(0.1, 6);
    const restarts = await store.readSeries(
      { cluster: 'sim', object, metric: 'restarts' },
      t - 60_000,
      t,
    );
    expect(restarts.map((p) => p.v)).toEqual([0]);
    const allocatable = await store.readSeries(
      { cluster: 'sim', object: seriesObject.node('worker-1'), metric: 'memory_allocatable' },
      t - 60_000,
      t,
    );
    expect(allocatable[0]?.v).toBeGreaterThan(10 * 2 ** 30);
    // Pods with one container have no separate container series (the pod series is theirs).
    expect(store.listSeries('sim', 'container/')).toEqual([]);
  });

  it('still records state from the cache when metrics.k8s.io cannot be read', async () => {
    const { store, collector } = await setup();
    const dead = allowPlainHttp(
      kubeConfigFromString(`apiVersion: v1
kind: Config
clusters: [{ name: dead, cluster: { server: "http://127.0.0.1:1" } }]
users: [{ name: dead, user: { token: x } }]
contexts: [{ name: dead, context: { cluster: dead, user: dead } }]
current-context: dead
`),
    );
    const stats = await collector.collect({
      name: 'sim',
      kubeConfig: dead,
      cache: sim().cluster.cache,
    });
    expect(stats.metricsError).toMatch(/ECONNREFUSED/);
    expect(stats.podSamples).toBe(0);
    expect(store.listSeries('sim', 'pod/').some((k) => k.metric === 'memory_limit')).toBe(true);
    expect(store.listSeries('sim', 'pod/').some((k) => k.metric === 'cpu')).toBe(false);
  });
});
