// The proactive alert pipeline under load: CPU time and memory of one collect + analyze cycle at
// 1,000 and 10,000 pods, the database size after 8 simulated days, and the time from a fault
// injection to the notifier call. The simulated cluster runs in a child process, so the figures
// are this process's own (the informer cache, the series store, the analyzers, SQLite).
// Run: npx tsx bench/alerts.ts [pods...]   (default 1000 10000). It bundles itself with esbuild
// and re-runs under plain node (tsx's loader alone adds ~165 MB of RSS); `--tsx` skips that.
// Targets at 10,000 pods: under 1 s of CPU per cycle, RSS under 400 MB, database under 1 GB.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { KubeConfig } from '@kubernetes/client-node';
import type { Notifier, OutboundNotification } from '../src/core/alerts/notifier.js';
import { AlertPipeline } from '../src/core/alerts/pipeline.js';
import { InProcessScheduler } from '../src/core/jobs/in-process-scheduler.js';
import { createCluster } from '../src/core/kube/create-cluster.js';
import { createLogger } from '../src/core/log/logger.js';
import { defaultMonitoringConfig } from '../src/core/monitor/config.js';
import { openStore } from '../src/core/store/open-store.js';
import { startSimCluster } from '../src/sim/index.js';

const CYCLE_MS = 30_000;
const START = new Date('2025-03-03T00:00:00Z');

interface SimChild {
  url: string;
  token: string;
  kubeconfig: string;
  child: ChildProcess;
  control(path: string, body: unknown): Promise<unknown>;
  stop(): Promise<void>;
}

async function startChild(pods: number, realtime: boolean): Promise<SimChild> {
  const loader = process.env.AI4K8S_BENCH_PLAIN ? [] : ['--import', 'tsx'];
  const child = spawn(
    process.execPath,
    [...loader, import.meta.filename, '--sim', String(pods), realtime ? 'realtime' : 'frozen'],
    {
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  const line = await new Promise<string>((resolve, reject) => {
    const rl = createInterface({ input: child.stdout! });
    rl.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`the sim exited with ${code}`)));
  });
  const info = JSON.parse(line) as { url: string; token: string; kubeconfig: string };
  return {
    ...info,
    child,
    async control(path, body) {
      const response = await fetch(`${info.url}/sim/v1/${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${info.token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (!response.ok) throw new Error(`sim ${path}: ${response.status} ${await response.text()}`);
      return response.json();
    },
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.stdin?.end();
      await exited;
    },
  };
}

/** Records when each notification reached it. */
class TimingNotifier implements Notifier {
  readonly platform = 'cli';
  readonly calls: Array<{ at: number; n: OutboundNotification }> = [];
  private waiters: Array<() => void> = [];
  async deliver(n: OutboundNotification): Promise<{ messageId: string }> {
    this.calls.push({ at: performance.now(), n });
    for (const w of this.waiters.splice(0)) w();
    return { messageId: `m-${this.calls.length}` };
  }
  next(): Promise<void> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }
}

async function pipelineOn(sim: SimChild, dir: string, now: () => Date, timers: boolean) {
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromString(sim.kubeconfig);
  const logger = createLogger({ level: 'silent' });
  const cluster = createCluster({
    name: 'sim',
    kubeConfig,
    logger,
    cache: { listTimeoutMs: 300_000 },
  });
  const t0 = performance.now();
  await cluster.cache.ready();
  const readyMs = performance.now() - t0;
  if (process.env.BENCH_MEM) {
    (globalThis as { gc?: () => void }).gc?.();
    const m = process.memoryUsage();
    console.log(
      `  [mem] after cache ready: rss ${mb(m.rss)} heap ${mb(m.heapUsed)}/${mb(m.heapTotal)} external ${mb(m.external)} arrayBuffers ${mb(m.arrayBuffers)}`,
    );
  }
  const db = await openStore(join(dir, 'ai4k8s.db'));
  const notifier = new TimingNotifier();
  const scheduler = new InProcessScheduler();
  const pipeline = new AlertPipeline({
    config: defaultMonitoringConfig({
      // Jobs are called by hand; the scheduler only runs the notify queue.
      collector: { intervalSeconds: 3600, flushIntervalSeconds: 300 },
      analyzers: { intervalSeconds: 3600 },
      delivery: { sweepIntervalSeconds: 3600 },
    }),
    bindings: [],
    db,
    clusters: { names: () => ['sim'], get: async () => cluster },
    notifiers: [notifier],
    scheduler,
    now,
    fallbackRoutes: [{ platform: 'cli', channel: 'log' }],
    timers,
  });
  await pipeline.start();
  await scheduler.start();
  return {
    cluster,
    db,
    notifier,
    pipeline,
    readyMs,
    async stop() {
      await scheduler.stop();
      await pipeline.stop();
      cluster.cache.stop();
      await db.close();
    },
  };
}

const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(bytes < 10 * 2 ** 20 ? 1 : 0)} MB`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const settle = () => new Promise((r) => setTimeout(r, 50));

async function bench(pods: number): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'ai4k8s-bench-alerts-'));
  console.log(`\n== ${pods.toLocaleString('en-US')} pods`);
  const sim = await startChild(pods, false);
  let simNow = START.getTime();
  const p = await pipelineOn(sim, dir, () => new Date(simNow), false);
  console.log(
    `  informer cache ready in ${p.readyMs.toFixed(0)} ms; ${p.cluster.cache.list('pods').length} pods cached`,
  );
  const advance = async (ms: number) => {
    await sim.control('clock', { advance: `${ms / 1000}s` });
    simNow += ms;
    await settle();
  };

  // One cycle = the `collect` job then the `analyze` job, as the scheduler runs them.
  const cycle = async () => {
    const cpu = process.cpuUsage();
    const t = performance.now();
    await p.pipeline.collectOnce();
    await p.pipeline.analyzeOnce();
    const used = process.cpuUsage(cpu);
    return { cpuMs: (used.user + used.system) / 1000, wallMs: performance.now() - t };
  };
  await advance(CYCLE_MS);
  const first = await cycle();
  console.log(
    `  first cycle (creates ${p.pipeline.series?.seriesCount.toLocaleString('en-US')} series): ${first.cpuMs.toFixed(0)} ms CPU, ${first.wallMs.toFixed(0)} ms wall`,
  );
  const cycles = [];
  for (let i = 0; i < 7; i++) {
    await advance(CYCLE_MS);
    cycles.push(await cycle());
  }
  (globalThis as { gc?: () => void }).gc?.();
  const mem = process.memoryUsage();
  if (process.env.BENCH_MEM)
    console.log(
      `  [mem] heap ${mb(mem.heapUsed)}/${mb(mem.heapTotal)} external ${mb(mem.external)} arrayBuffers ${mb(mem.arrayBuffers)}`,
    );
  console.log(
    `  steady cycle (median of ${cycles.length}): ${median(cycles.map((c) => c.cpuMs)).toFixed(0)} ms CPU, ${median(cycles.map((c) => c.wallMs)).toFixed(0)} ms wall`,
  );
  console.log(`  memory: RSS ${mb(mem.rss)}, heap used ${mb(mem.heapUsed)}`);

  // Database: one real simulated hour at 30 s, then replicated to 8 days as retention leaves them.
  const hourStart = performance.now();
  while (simNow % 3_600_000 !== 0 || simNow - START.getTime() < 3_600_000) {
    await advance(CYCLE_MS);
    await p.pipeline.collectOnce();
  }
  await advance(CYCLE_MS);
  await p.pipeline.collectOnce();
  await p.pipeline.series?.flush();
  (globalThis as { gc?: () => void }).gc?.();
  const afterHour = process.memoryUsage();
  console.log(
    `  one simulated hour of 30 s collections took ${((performance.now() - hourStart) / 1000).toFixed(1)} s wall; ` +
      `then RSS ${mb(afterHour.rss)}, heap used ${mb(afterHour.heapUsed)} (an hour of samples buffered and flushed)`,
  );
  const size = await projectEightDays(p.db, dir, Math.floor(simNow / 3_600_000) - 1);
  console.log(
    `  database: ${size.hourRows.toLocaleString('en-US')} rows per hour; raw ${mb(size.rawPerHour)}/h, rollups ${mb(size.rollupPerHour)}/h`,
  );
  console.log(
    `  database after 8 simulated days (1 real hour replicated: 6 h raw + 186 h rollups + daily step values): ${mb(size.bytes)}`,
  );
  await p.stop();
  await sim.stop();

  // Latency: a realtime sim, a crash loop injected, the wall time until the notifier is called.
  const live = await startChild(pods, true);
  const q = await pipelineOn(live, join(dir, 'live'), () => new Date(), true);
  await q.pipeline.analyzeOnce();
  const deployment = q.cluster.cache
    .list('deployments')
    .find((d) => (d.spec?.replicas ?? 0) === 1 && d.metadata?.namespace?.startsWith('team-'));
  let visibleAt: number | undefined;
  q.cluster.cache.onChange((c) => {
    if (
      visibleAt === undefined &&
      c.kind === 'pods' &&
      JSON.stringify(c.object).includes('CrashLoopBackOff')
    )
      visibleAt = performance.now();
  });
  const notified = q.notifier.next();
  const injectedAt = performance.now();
  await live.control('faults', {
    type: 'crashloop',
    namespace: deployment?.metadata?.namespace,
    deployment: deployment?.metadata?.name,
    runFor: '1s',
  });
  await Promise.race([notified, new Promise((r) => setTimeout(r, 60_000))]);
  const call = q.notifier.calls[0];
  if (call && visibleAt !== undefined) {
    console.log(
      `  fault injection -> notifier call: ${((call.at - injectedAt) / 1000).toFixed(2)} s (the sim's kubelet needs two 1 s crashes and a 1 s restart first); ` +
        `CrashLoopBackOff in the watch -> notifier call: ${(call.at - visibleAt).toFixed(0)} ms`,
    );
  } else {
    console.log(
      `  fault injection -> notifier call: no notification within 60 s (watch saw it: ${visibleAt !== undefined})`,
    );
  }
  await q.stop();
  await live.stop();
  rmSync(dir, { recursive: true, force: true });
}

/**
 * Replicates the measured hour backwards: gauges keep raw samples 6 h and rollups 8 days; step
 * series (limits, restarts, conditions) repeat their value once a day. Then VACUUM and measure.
 */
async function projectEightDays(
  db: Awaited<ReturnType<typeof openStore>>,
  dir: string,
  hour: number,
) {
  const stats = await db.get<{ rows: number; raw: number; rollup: number }>(
    'SELECT count(*) AS rows, sum(length(raw)) AS raw, sum(length(rollup)) AS rollup FROM series_chunks WHERE hour = ?',
    [hour],
  );
  await db.exec(`DELETE FROM series_chunks WHERE hour != ${hour}`);
  await db.transaction(async (tx) => {
    for (let h = 1; h < 192; h++) {
      const raw = h < 6 ? 'raw' : 'NULL';
      await tx.run(
        `INSERT INTO series_chunks (series_id, hour, raw, rollup)
         SELECT c.series_id, c.hour - ?, ${raw}, c.rollup FROM series_chunks c JOIN series s ON s.id = c.series_id
         WHERE c.hour = ? AND s.kind = 'gauge'`,
        [h, hour],
      );
      if (h % 24 === 0) {
        await tx.run(
          `INSERT INTO series_chunks (series_id, hour, raw, rollup)
           SELECT c.series_id, c.hour - ?, c.raw, NULL FROM series_chunks c JOIN series s ON s.id = c.series_id
           WHERE c.hour = ? AND s.kind = 'step'`,
          [h, hour],
        );
      }
    }
  });
  await db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
  await db.exec('VACUUM');
  return {
    hourRows: stats?.rows ?? 0,
    rawPerHour: stats?.raw ?? 0,
    rollupPerHour: stats?.rollup ?? 0,
    bytes: statSync(join(dir, 'ai4k8s.db')).size,
  };
}

// Child mode: the simulated cluster alone, controlled over its HTTP API. Last in the file, so
// the classes above exist before the top-level await runs.
if (process.argv[2] === '--sim') {
  const sim = await startSimCluster({
    pods: Number(process.argv[3]),
    realtime: process.argv[4] === 'realtime',
    ...(process.argv[4] !== 'realtime' && { clockStart: START }),
    log: () => undefined,
  });
  process.stdout.write(
    `${JSON.stringify({ url: sim.url, token: sim.token, kubeconfig: sim.kubeconfig })}\n`,
  );
  process.stdin.resume();
  process.stdin.on('end', () => void sim.stop().then(() => process.exit(0)));
} else if (
  !process.env.AI4K8S_BENCH_PLAIN &&
  !process.argv.includes('--tsx') &&
  (await runBundled())
) {
  // The bundled copy did the work.
} else {
  const sizes = process.argv
    .slice(2)
    .map(Number)
    .filter((n) => n > 0);
  const arenas = process.env.MALLOC_ARENA_MAX
    ? `MALLOC_ARENA_MAX=${process.env.MALLOC_ARENA_MAX}`
    : 'MALLOC_ARENA_MAX unset';
  console.log(
    `(running under ${process.env.AI4K8S_BENCH_PLAIN ? 'plain node, bundled' : 'tsx'}; ${arenas})`,
  );
  for (const pods of sizes.length > 0 ? sizes : [1000, 10_000]) await bench(pods);
  process.exit(0);
}

/** Bundles this file (packages stay external) and runs it with plain node; false if esbuild is missing. */
async function runBundled(): Promise<boolean> {
  let build: (typeof import('esbuild'))['build'];
  try {
    ({ build } = await import('esbuild'));
  } catch {
    return false;
  }
  const outfile = join(
    import.meta.dirname,
    '..',
    'node_modules',
    '.cache',
    'ai4k8s-bench',
    'alerts.mjs',
  );
  await build({
    entryPoints: [import.meta.filename],
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    target: 'node20',
    outfile,
    logLevel: 'error',
  });
  const child = spawn(process.execPath, ['--expose-gc', outfile, ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, AI4K8S_BENCH_PLAIN: '1' },
  });
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  process.exit(code ?? 1);
}
