// Dashboard page times on a 2,000-pod simulated cluster, and the RSS of the serving process.
// Targets: overview and workloads under 100 ms server time at the median.
// The sim runs in a child process, so the RSS is that of serve + dashboard + alert pipeline alone.
// Run: npx tsx --expose-gc bench/web.ts   (BENCH_PODS=10000 BENCH_REQUESTS=100 to vary; with
// --expose-gc each RSS is read after a full collection, so garbage does not count)
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildAgent } from '../src/app/build-agent.js';
import { buildServices } from '../src/app/build-services.js';
import { startServe } from '../src/app/start-serve.js';
import { AlertPipeline } from '../src/core/alerts/pipeline.js';
import { configSchema } from '../src/core/config/schema.js';
import { InProcessScheduler } from '../src/core/jobs/in-process-scheduler.js';
import { createLogger } from '../src/core/log/logger.js';
import { defaultMonitoringConfig } from '../src/core/monitor/config.js';
import { UsersRepo } from '../src/core/store/repos/users.js';
import { hashPassword } from '../src/web/auth/passwords.js';
import { alertsViewOf, createDashboard, metricsViewOf } from '../src/web/index.js';
import { DashboardClient } from '../test/web/support/http-client.js';

const pods = Number(process.env.BENCH_PODS ?? 2000);
const requests = Number(process.env.BENCH_REQUESTS ?? 200);
const repoRoot = join(import.meta.dirname, '..');
const dir = mkdtempSync(join(tmpdir(), 'ai4k8s-bench-web-'));
const kubeconfigPath = join(dir, 'sim.kubeconfig');

console.log(
  `Dashboard benchmark: ${pods} simulated pods, ${requests} requests per page (sequential)`,
);
const sim = await startSimChild();
try {
  const logger = createLogger({ level: 'warn' });
  const config = configSchema.parse({
    database: { path: join(dir, 'ai4k8s.db') },
    clusters: [{ name: 'sim', kubeconfig: kubeconfigPath }],
  });
  const services = await buildServices({ config, logger });
  services.warmUp();
  const serve = await startServe({ services, version: 'bench', port: 0, host: '127.0.0.1' });
  await services.clusters.get('sim');
  const rssCacheOnly = rss();
  const scheduler = new InProcessScheduler({ logger });
  const pipeline = new AlertPipeline({
    config: defaultMonitoringConfig(),
    bindings: [],
    db: services.db,
    clusters: services.clusters,
    notifiers: [],
    scheduler,
    fallbackRoutes: [],
    logger,
  });
  await pipeline.start();
  await scheduler.start();
  const now = () => new Date();
  await pipeline.collectOnce();
  await pipeline.analyzeOnce();
  const rssWithPipeline = rss();
  serve.http.mount(
    '/',
    await createDashboard({
      services,
      agent: buildAgent(services),
      logger,
      alerts: alertsViewOf(pipeline, now),
      metrics: metricsViewOf(() => pipeline.series, now),
      announce: () => undefined,
    }),
  );
  await new UsersRepo(services.db).create('bench', 'admin', await hashPassword('bench password'));
  const client = new DashboardClient(serve.http.url);
  if ((await client.signIn('bench', 'bench password')).status !== 303)
    throw new Error('could not sign in');

  await pipeline.collectOnce();
  const cluster = await services.clusters.get('sim');
  const somePod = cluster.cache.list('pods')[0];
  const podPath = `/pods/sim/${somePod?.metadata?.namespace}/${somePod?.metadata?.name}`;
  const pages = [
    ['overview', '/'],
    ['workloads', '/workloads'],
    ['workloads, problems', '/workloads?status=problems'],
    ['deployments', '/workloads?view=deployments'],
    ['pod page (log via registry)', podPath],
    ['alerts', '/alerts'],
    [
      'metrics JSON',
      `/api/metrics?cluster=sim&kind=pod&object=${somePod?.metadata?.namespace}/${somePod?.metadata?.name}&range=6h`,
    ],
  ];
  for (const [, path] of pages) for (let i = 0; i < 20; i++) await client.get(path as string);

  console.log(
    `${'page'.padEnd(30)} ${'server median'.padStart(14)} ${'server p95'.padStart(11)} ${'round trip median'.padStart(18)}   size`,
  );
  for (const [name, path] of pages) {
    const server: number[] = [];
    const total: number[] = [];
    let size = 0;
    for (let i = 0; i < requests; i++) {
      const started = performance.now();
      const reply = await client.get(path as string);
      total.push(performance.now() - started);
      if (reply.status !== 200) throw new Error(`${path} answered ${reply.status}`);
      server.push(
        Number(/dur=([\d.]+)/.exec(reply.headers.get('server-timing') ?? '')?.[1] ?? Number.NaN),
      );
      size = reply.text.length;
    }
    console.log(
      `${(name as string).padEnd(30)} ${ms(median(server)).padStart(14)} ${ms(quantile(server, 0.95)).padStart(11)} ${ms(median(total)).padStart(18)}   ${(size / 1024).toFixed(0)} kB`,
    );
  }
  rss();
  const memory = process.memoryUsage();
  console.log(
    `RSS of the serving process after warm-up (serve + dashboard + alert pipeline, ${cluster.cache.list('pods').length} pods cached): ` +
      `${mb(memory.rss)} (heap used ${mb(memory.heapUsed)})`,
  );
  console.log(
    `  of which: serve with the cluster cache listed ${mb(rssCacheOnly)}; + alert pipeline ${mb(rssWithPipeline - rssCacheOnly)}; + dashboard and requests ${mb(memory.rss - rssWithPipeline)}`,
  );
  console.log(`RSS of the simulated cluster (child process): ${mb(rssOf(sim))}`);
  await scheduler.stop();
  await pipeline.stop();
  await serve.close();
} finally {
  sim.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
}
await measureDemo();

/** RSS of the built `ai4k8s demo` (sim, 24 h of history, dashboard, jobs) once it mounts the dashboard. */
async function measureDemo(): Promise<void> {
  const cli = join(repoRoot, 'dist', 'cli.js');
  const built = existsSync(cli) && existsSync(join(repoRoot, 'dist', 'web', 'create-dashboard.js'));
  if (
    !built ||
    !readFileSync(join(repoRoot, 'dist', 'main.js'), 'utf8').includes('createDashboard')
  ) {
    console.log(
      'RSS of `ai4k8s demo`: not measured: dist/main.js does not mount the dashboard yet (npm run build after wiring).',
    );
    return;
  }
  const demoDir = mkdtempSync(join(tmpdir(), 'ai4k8s-bench-demo-'));
  const configPath = join(demoDir, 'ai4k8s.yaml');
  writeFileSync(
    configPath,
    `port: 0\nlog:\n  level: warn\ndatabase:\n  path: ${join(demoDir, 'ai4k8s.db')}\n`,
  );
  const demo = spawn(process.execPath, [cli, '--config', configPath, 'demo'], {
    cwd: demoDir,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  try {
    await new Promise<void>((resolve, reject) => {
      let stderr = '';
      demo.stderr?.on('data', (d: Buffer) => {
        stderr += d.toString();
        if (stderr.includes('demo is running')) resolve();
      });
      demo.on('exit', (code) => reject(new Error(`the demo exited (${code}): ${stderr}`)));
    });
    // Warm-up: the first collections and analyses run in the first minute.
    await new Promise((resolve) => setTimeout(resolve, 60_000));
    console.log(`RSS of \`ai4k8s demo\` one minute after start: ${mb(rssOf(demo))}`);
  } finally {
    demo.kill('SIGTERM');
    rmSync(demoDir, { recursive: true, force: true });
  }
}

function startSimChild(): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      join(repoRoot, 'src', 'cli.ts'),
      'sim',
      '--pods',
      String(pods),
      '--kubeconfig',
      kubeconfigPath,
    ],
    { cwd: repoRoot, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  return new Promise((resolve, reject) => {
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => {
      stderr += d.toString();
      if (stderr.includes('Simulated cluster running') && existsSync(kubeconfigPath))
        resolve(child);
    });
    child.on('exit', (code) => reject(new Error(`the sim exited (${code}): ${stderr}`)));
  });
}

function rss(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().rss;
}

function rssOf(child: ChildProcess): number {
  const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
}

function median(values: number[]): number {
  return quantile(values, 0.5);
}

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
}

function ms(value: number): string {
  return `${value.toFixed(1)} ms`;
}

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(0)} MB`;
}
