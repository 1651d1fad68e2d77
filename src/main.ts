// Composition root: builds every service and starts what is enabled. Wiring only.
import { dirname, join } from 'node:path';
import { buildAgent } from './app/build-agent.js';
import { buildServices, type Services } from './app/build-services.js';
import {
  startMonitoring,
  type Monitoring,
  type StartMonitoringOptions,
} from './app/start-monitoring.js';
import { startServe, type ServeHandle } from './app/start-serve.js';
import { createSlackBot, slackEnabled, type SlackBot } from './bots/slack/index.js';
import type { Agent } from './core/agent/agent.js';
import type { Config } from './core/config/schema.js';
import type { Logger } from './core/log/logger.js';
import { followWallClock, warmUpDemo } from './core/monitor/demo-warmup.js';
import { resolveSecretKey } from './core/store/secret-key.js';
import { startSimCluster, type SimHandle } from './sim/index.js';
import { alertsViewOf, createDashboard, metricsViewOf } from './web/index.js';

export const version = '0.1.0';

export interface RunningApp {
  services: Services;
  agent: Agent;
  serve: ServeHandle;
  slack?: SlackBot;
  monitoring?: Monitoring;
  /** Lines that tell the user what is running and how to use it. */
  banner: string[];
  close(): Promise<void>;
}

export interface StartAppOptions {
  services: Services;
  port?: number;
  host?: string;
  /** The alert clock; the demo passes the sim's. */
  now?: () => Date;
  /** Runs before the jobs start (the demo's warm-up). */
  beforeJobs?: StartMonitoringOptions['beforeJobs'];
}

/** `serve`: the HTTP server (health, MCP), Slack, the alert pipeline and the dashboard. */
export async function startApp(options: StartAppOptions): Promise<RunningApp> {
  const { services } = options;
  const { config, logger } = services;
  const secretKey = resolveSecretKey(config.secretKey, config.database.path);
  services.warmUp();
  const serve = await startServe({ services, version, port: options.port, host: options.host });
  const agent = buildAgent(services);
  const banner = [
    `HTTP server on ${serve.http.url} (health: /healthz, readiness: /readyz)`,
    `MCP clients connect to ${serve.mcpUrl} with "Authorization: Bearer <token>"`,
  ];
  let slack: SlackBot | undefined;
  let monitoring: Monitoring | undefined;
  const close = async () => {
    await slack?.stop();
    await monitoring?.stop();
    await serve.close();
  };
  try {
    if (slackEnabled(config)) {
      // The pipeline starts after the bot (the bot's notifier is one of its outlets), so the chart
      // of a predictive alert is drawn through a late reference to it.
      slack = createSlackBot({
        config,
        agent,
        logger,
        chartFor: (alert) => (monitoring ? monitoring.chartFor(alert) : Promise.resolve(undefined)),
      });
      if (slack.router) serve.http.mount('/slack/events', slack.router);
      await slack.start();
      banner.push(
        `Slack bot connected (${slack.mode === 'socket' ? 'Socket Mode' : `HTTP mode at ${serve.http.url}/slack/events`})`,
      );
    }
    if (config.monitoring.enabled) {
      monitoring = await startMonitoring({
        services,
        agent,
        notifiers: slack ? [slack.notifier] : [],
        now: options.now,
        beforeJobs: options.beforeJobs,
      });
      banner.push(`Alerts: collector and analyzers on the ${monitoring.scheduler.kind} scheduler`);
    }
    const alertClock = monitoring?.now ?? (() => new Date());
    const dashboard = await createDashboard({
      services,
      agent,
      logger,
      baseUrl: serve.http.url,
      secretKey,
      alerts: monitoring ? alertsViewOf(monitoring.pipeline, alertClock) : undefined,
      metrics: monitoring
        ? metricsViewOf(() => monitoring?.pipeline.series, alertClock)
        : undefined,
      announce: (line) => banner.push(line),
    });
    serve.http.mount('/', dashboard);
    banner.push(`Dashboard at ${serve.http.url}/`);
  } catch (error) {
    await close();
    throw error;
  }
  return { services, agent, serve, slack, monitoring, banner, close };
}

export interface DemoOptions {
  config: Config;
  logger: Logger;
  simPort?: number;
}

export interface RunningDemo extends RunningApp {
  sim: SimHandle;
}

/** The demo: the simulated cluster with the `demo` scenario plus everything that is built on it. */
export async function startDemo({ config, logger, simPort }: DemoOptions): Promise<RunningDemo> {
  const kubeconfigPath = join(dirname(config.database.path), 'demo.kubeconfig');
  // The sim starts a day back and is replayed to the present while collecting, so charts and
  // forecasts have history at once; its faults are placed relative to the end of the warm-up.
  const present = new Date();
  const sim = await startSimCluster({
    scenario: 'demo',
    port: simPort ?? 0,
    kubeconfigPath,
    clockStart: new Date(present.getTime() - 24 * 3_600_000),
    faultsStartAt: present,
    realtime: false,
  });
  logger.child({ component: 'demo' }).info({ url: sim.url }, 'simulated cluster started');
  const demoConfig: Config = {
    ...config,
    clusters: [{ name: 'demo', kubeconfig: kubeconfigPath, inCluster: false }],
  };
  let app: RunningApp;
  try {
    const services = await buildServices({ config: demoConfig, logger });
    app = await startApp({
      services,
      now: () => sim.now(),
      beforeJobs: async ({ pipeline, forecasts, anomalies }) => {
        logger.info('replaying the last 24 hours of the demo cluster (a few seconds)');
        await warmUpDemo({
          sim,
          collect: () => pipeline.collectOnce(),
          jobs: [
            { name: 'analyze', everyMs: 30_000, run: () => pipeline.analyzeOnce() },
            { name: 'forecast', everyMs: 600_000, run: () => forecasts.run() },
            { name: 'anomaly', everyMs: 30_000, run: () => anomalies.run(pipeline.lifecycle) },
          ],
          silences: { repo: pipeline.silenceRepo, cache: pipeline.silences },
        });
      },
    });
  } catch (error) {
    await sim.stop();
    throw error;
  }
  const stopFollowing = followWallClock(sim);
  const { token } = await app.services.tokens.create(`demo-${Date.now().toString(36)}`, 'viewer');
  const banner = [
    `Simulated cluster (scenario "demo"): KUBECONFIG=${kubeconfigPath} .tools/bin/kubectl get pods -A`,
    ...app.banner,
    `A viewer MCP token for this demo (shown once): ${token}`,
    `Terminal chat (in another shell, from this folder):`,
    `  KUBECONFIG=${kubeconfigPath} node dist/cli.js chat "pods --problems"`,
    `  KUBECONFIG=${kubeconfigPath} node dist/cli.js chat "why is fraud-check crashing?"`,
  ];
  return {
    ...app,
    sim,
    banner,
    async close() {
      stopFollowing();
      await app.close();
      await sim.stop();
    },
  };
}
