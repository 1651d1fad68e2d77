// CPU time of one `forecast` job run at 1,000 and 10,000 pods: every usage series (pod, container
// and node CPU and memory) read from a real SQLite series store (50 h of 5-minute rollups plus
// 6 h of raw samples, as the collector leaves them), forecast 6 h ahead, limits checked for
// crossings, findings reconciled through the real alert lifecycle.
// Run: npx tsx bench/forecast-run.ts [pods...]   (default 1000 10000). Target: under 10 s at 10,000.
import type { V1Node, V1Pod } from '@kubernetes/client-node';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AlertLifecycle } from '../src/core/alerts/lifecycle/alert-lifecycle.js';
import { AlertRouter } from '../src/core/alerts/routing/alert-router.js';
import { SilenceRepo } from '../src/core/alerts/silences/silence-repo.js';
import { Silences } from '../src/core/alerts/silences/silences.js';
import type { CachedKind, CachedKinds, ClusterCache } from '../src/core/kube/cluster.js';
import { defaultMonitoringConfig } from '../src/core/monitor/config.js';
import { ForecastJob } from '../src/core/monitor/forecast-job.js';
import { predictiveSettings } from '../src/core/monitor/predict/forecast-settings.js';
import {
  encodeRaw,
  encodeRollup,
  HOUR_MS,
  rollupOf,
} from '../src/core/monitor/series/chunk-codec.js';
import { seriesObject, type SeriesKey } from '../src/core/monitor/series/series-key.js';
import { SeriesStore } from '../src/core/monitor/series/series-store.js';
import { mulberry32 } from '../src/core/monitor/synthetic.js';
import { SeriesRepo, type ChunkRow } from '../src/core/store/repos/series.js';
import { openStore } from '../src/core/store/open-store.js';

const NOW = Date.parse('2025-03-05T12:00:00Z');
const HISTORY_HOURS = 51;
const RAW_HOURS = 6;
const MiB = 2 ** 20;
// As the sim's generated clusters: 90 pods a node, one container each (every twentieth has a sidecar).
const PODS_PER_NODE = 90;

interface Usage {
  key: SeriesKey;
  /** Value at time t (ms). */
  at(t: number): number;
}

/** Pods as the informer cache holds them, running. */
function makeCluster(pods: number, random: () => number) {
  const podList: V1Pod[] = [];
  const usages: Usage[] = [];
  const nodes = Math.max(3, Math.ceil(pods / PODS_PER_NODE));
  for (let i = 0; i < pods; i++) {
    const namespace = `team-${i % 50}`;
    const app = `app-${Math.floor(i / 3)}`;
    const name = `${app}-7d9f8c6b5-${i.toString(36).padStart(5, 'x')}`;
    const containers = i % 20 === 0 ? ['main', 'sidecar'] : ['main'];
    const limit = 512 * MiB;
    const leaking = i % 200 === 7;
    podList.push({
      metadata: {
        name,
        namespace,
        labels: { app, 'pod-template-hash': '7d9f8c6b5' },
        ownerReferences: [
          {
            apiVersion: 'apps/v1',
            kind: 'ReplicaSet',
            name: `${app}-7d9f8c6b5`,
            uid: `rs-${app}`,
            controller: true,
          },
        ],
      },
      spec: {
        nodeName: `node-${i % nodes}`,
        containers: containers.map((c) => ({
          name: c,
          image: 'img',
          resources: {
            requests: { cpu: '100m', memory: '128Mi' },
            limits: { cpu: '500m', memory: '512Mi' },
          },
        })),
      },
      status: { phase: 'Running' },
    });
    const base = (80 + random() * 250) * MiB;
    const cpuBase = 0.02 + random() * 0.2;
    const peak = random() * 24;
    const series = (object: string, share: number) => {
      usages.push({
        key: { cluster: 'bench', object, metric: 'memory' },
        at: (t) =>
          share *
          (leaking
            ? base * 0.6 + Math.max(0, t - (NOW - 3 * HOUR_MS)) * (limit / (7 * HOUR_MS))
            : base) *
          (1 + 0.02 * (random() - 0.5)),
      });
      usages.push({
        key: { cluster: 'bench', object, metric: 'cpu' },
        at: (t) =>
          share *
          cpuBase *
          (1 + 0.4 * Math.cos((2 * Math.PI * (t / HOUR_MS - peak)) / 24)) *
          (1 + 0.2 * (random() - 0.5)),
      });
    };
    series(seriesObject.pod(namespace, name), 1);
    if (containers.length > 1)
      for (const c of containers) series(seriesObject.container(namespace, name, c), 0.5);
  }
  const nodeList: V1Node[] = Array.from({ length: nodes }, (_, n) => ({
    metadata: { name: `node-${n}` },
    status: { allocatable: { cpu: '16', memory: '64Gi' } },
  }));
  for (const node of nodeList) {
    const object = seriesObject.node(node.metadata?.name ?? '');
    usages.push({
      key: { cluster: 'bench', object, metric: 'memory' },
      at: () => 20 * 2 ** 30 * (1 + 0.01 * (random() - 0.5)),
    });
    usages.push({
      key: { cluster: 'bench', object, metric: 'cpu' },
      at: (t) => 5 * (1 + 0.3 * Math.cos((2 * Math.PI * t) / (24 * HOUR_MS))),
    });
  }
  const cache: Pick<ClusterCache, 'list' | 'get'> = {
    list: <K extends CachedKind>(kind: K) =>
      (kind === 'pods' ? podList : kind === 'nodes' ? nodeList : []) as CachedKinds[K][],
    get: () => undefined,
  };
  return { cache, usages };
}

/** Writes the history straight into the chunk table, as the collector and retention leave it. */
async function fill(
  repo: SeriesRepo,
  db: Awaited<ReturnType<typeof openStore>>,
  usages: Usage[],
): Promise<void> {
  const rows = await db.transaction((tx) =>
    repo.ensure(
      tx,
      usages.map((u) => ({ ...u.key, kind: 'gauge' as const })),
    ),
  );
  const ids = new Map(rows.map((r) => [`${r.object}\u0000${r.metric}`, r.id]));
  const lastHour = Math.floor(NOW / HOUR_MS);
  const offsets = Uint16Array.from({ length: 120 }, (_, i) => i * 30);
  for (let h = lastHour - HISTORY_HOURS + 1; h <= lastHour; h++) {
    const raw = h > lastHour - RAW_HOURS;
    const count = h === lastHour ? Math.floor((NOW - h * HOUR_MS) / 30_000) : 120;
    const chunks: ChunkRow[] = [];
    for (const u of usages) {
      const values = new Float32Array(count);
      for (let i = 0; i < count; i++) values[i] = u.at(h * HOUR_MS + i * 30_000);
      chunks.push({
        seriesId: ids.get(`${u.key.object}\u0000${u.key.metric}`) as number,
        hour: h,
        raw: raw ? encodeRaw(offsets, values, count) : null,
        rollup: encodeRollup(rollupOf(offsets, values, count)),
      });
    }
    await db.transaction((tx) => repo.upsertChunks(tx, chunks));
  }
}

async function bench(pods: number): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'ai4k8s-bench-forecast-'));
  try {
    const db = await openStore(join(dir, 'ai4k8s.db'));
    const { cache, usages } = makeCluster(pods, mulberry32(pods));
    const t0 = performance.now();
    await fill(new SeriesRepo(db), db, usages);
    let clock = NOW;
    const now = () => new Date(clock);
    const config = defaultMonitoringConfig();
    const store = await SeriesStore.open({
      db,
      now,
      rawRetentionMs: 6 * HOUR_MS,
      rollupRetentionMs: 8 * 24 * HOUR_MS,
      flushIntervalMs: 300_000,
    });
    const silences = new Silences(new SilenceRepo(db), now);
    const lifecycle = new AlertLifecycle({
      db,
      now,
      settings: config.alerts,
      router: new AlertRouter({ bindings: [], platforms: new Set(), fallback: [] }),
      silences,
    });
    const job = new ForecastJob({
      series: () => store,
      clusters: { names: () => ['bench'], get: async () => ({ name: 'bench', cache }) },
      lifecycle,
      now,
      settings: predictiveSettings(),
    });
    console.log(
      `\n== ${pods.toLocaleString('en-US')} pods: ${usages.length.toLocaleString('en-US')} usage series, ${HISTORY_HOURS} h of history written in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
    for (const run of ['first run', 'next run (10 min later)']) {
      const cpu = process.cpuUsage();
      const wall = performance.now();
      const stats = await job.run();
      const used = process.cpuUsage(cpu);
      console.log(
        `  ${run}: ${((used.user + used.system) / 1e6).toFixed(2)} s CPU, ${((performance.now() - wall) / 1000).toFixed(2)} s wall; ` +
          `${stats.forecast.toLocaleString('en-US')} series forecast, ${stats.skipped} skipped, ${stats.predicted} crossings predicted, ${stats.findings} predictive alerts`,
      );
      clock += 10 * 60_000;
    }
    const mem = process.memoryUsage();
    console.log(
      `  RSS ${(mem.rss / 2 ** 20).toFixed(0)} MB, heap used ${(mem.heapUsed / 2 ** 20).toFixed(0)} MB`,
    );
    await db.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const sizes = process.argv
  .slice(2)
  .map(Number)
  .filter((n) => n > 0);
for (const pods of sizes.length > 0 ? sizes : [1000, 10_000]) await bench(pods);
