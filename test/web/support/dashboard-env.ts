// A real `serve` with the dashboard mounted, on the simulated cluster, with the alert pipeline's
// collector and analyzers run over simulated history (the sim clock starts in the past).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildAgent } from '../../../src/app/build-agent.js';
import { buildServices, type Services } from '../../../src/app/build-services.js';
import { startServe, type ServeHandle } from '../../../src/app/start-serve.js';
import type { Agent } from '../../../src/core/agent/agent.js';
import { AlertPipeline } from '../../../src/core/alerts/pipeline.js';
import { configSchema, type ConfigInput } from '../../../src/core/config/schema.js';
import { InProcessScheduler } from '../../../src/core/jobs/in-process-scheduler.js';
import { createLogger } from '../../../src/core/log/logger.js';
import { defaultMonitoringConfig } from '../../../src/core/monitor/config.js';
import { startSimCluster, type SimHandle } from '../../../src/sim/index.js';
import { alertsViewOf, createDashboard, metricsViewOf } from '../../../src/web/index.js';
import type { DashboardOptions } from '../../../src/web/create-dashboard.js';

export const repoRoot = join(import.meta.dirname, '..', '..', '..');
const kubectlPath = join(repoRoot, '.tools', 'bin', 'kubectl');

export interface DashboardEnv {
  dir: string;
  sim: SimHandle;
  services: Services;
  serve: ServeHandle;
  agent: Agent;
  pipeline: AlertPipeline;
  /** `http://127.0.0.1:PORT` */
  url: string;
  /** What the dashboard printed at start (the setup link). */
  announced: string[];
  kubeconfigPath: string;
  kubectl(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }>;
  /** One collection and analysis pass after moving the sim clock on. */
  step(ms: number): Promise<void>;
  stop(): Promise<void>;
}

export interface DashboardEnvOptions {
  /** Simulated minutes of metric history before the dashboard starts (one sample a minute). */
  historyMinutes?: number;
  pods?: number;
  config?: Omit<ConfigInput, 'clusters' | 'database'>;
  dashboard?: Partial<DashboardOptions>;
}

export async function startDashboardEnv(options: DashboardEnvOptions = {}): Promise<DashboardEnv> {
  const dir = mkdtempSync(join(tmpdir(), 'ai4k8s-web-'));
  const historyMinutes = options.historyMinutes ?? 0;
  const kubeconfigPath = join(dir, 'sim.kubeconfig');
  const sim = await startSimCluster({
    scenario: 'demo',
    pods: options.pods,
    kubeconfigPath,
    log: () => undefined,
    clockStart: new Date(Date.now() - historyMinutes * 60_000),
  });
  const logger = createLogger({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  const config = configSchema.parse({
    log: { level: 'silent' },
    ...options.config,
    database: { path: join(dir, 'ai4k8s.db') },
    clusters: [{ name: 'sim', kubeconfig: kubeconfigPath }],
  });
  const services = await buildServices({ config, logger });
  const serve = await startServe({ services, version: '0.1.0', port: 0, host: '127.0.0.1' });
  const agent = buildAgent(services);
  const simNow = () => sim.now();
  const pipeline = new AlertPipeline({
    // Jobs are driven by hand below; their timers must not fire on their own.
    config: defaultMonitoringConfig({
      collector: { intervalSeconds: 3600, flushIntervalSeconds: 3600 },
      analyzers: { intervalSeconds: 3600, pendingMinutes: 1, unavailableMinutes: 1 },
      delivery: { sweepIntervalSeconds: 3600 },
    }),
    bindings: [],
    db: services.db,
    clusters: services.clusters,
    notifiers: [],
    scheduler: new InProcessScheduler(),
    now: simNow,
    fallbackRoutes: [],
    timers: false,
  });
  await pipeline.start();
  const step = async (ms: number) => {
    await sim.advance(ms);
    await pipeline.collectOnce();
    await pipeline.analyzeOnce();
  };
  for (let minute = 0; minute < historyMinutes; minute++) {
    await sim.advance(60_000);
    await pipeline.collectOnce();
    if (minute % 10 === 9) await pipeline.analyzeOnce();
  }
  await pipeline.analyzeOnce();

  const announced: string[] = [];
  const dashboard = await createDashboard({
    services,
    agent,
    logger,
    alerts: alertsViewOf(pipeline, simNow),
    metrics: metricsViewOf(() => pipeline.series, simNow),
    baseUrl: serve.http.url,
    announce: (line) => announced.push(line),
    ...options.dashboard,
  });
  serve.http.mount('/', dashboard);

  return {
    dir,
    sim,
    services,
    serve,
    agent,
    pipeline,
    url: serve.http.url,
    announced,
    kubeconfigPath,
    kubectl: (args) => runKubectl(kubeconfigPath, args),
    step,
    async stop() {
      await pipeline.stop();
      await serve.close();
      await sim.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function runKubectl(
  kubeconfig: string,
  args: string[],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(kubectlPath, args, {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, KUBECONFIG: kubeconfig },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end();
  });
}

/** The setup link the dashboard printed, or an error saying what it printed instead. */
export function setupLinkOf(announced: string[]): string {
  const match = /(http:\/\/\S+\/setup\?token=[\w-]+)/.exec(announced.join('\n'));
  if (!match) throw new Error(`no setup link was printed; got: ${JSON.stringify(announced)}`);
  return match[1] as string;
}
