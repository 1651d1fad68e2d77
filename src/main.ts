// Composition root: builds every service and starts what is enabled. Wiring only.
import { dirname, join } from 'node:path';
import { buildAgent } from './app/build-agent.js';
import { buildServices, type Services } from './app/build-services.js';
import { startServe, type ServeHandle } from './app/start-serve.js';
import type { Agent } from './core/agent/agent.js';
import type { Config } from './core/config/schema.js';
import type { Logger } from './core/log/logger.js';
import { resolveSecretKey } from './core/store/secret-key.js';
import { startSimCluster, type SimHandle } from './sim/index.js';

export const version = '0.1.0';

export interface RunningApp {
  services: Services;
  agent: Agent;
  serve: ServeHandle;
  /** Lines that tell the user what is running and how to use it. */
  banner: string[];
  close(): Promise<void>;
}

export interface StartAppOptions {
  services: Services;
  port?: number;
  host?: string;
}

/** `serve`: the HTTP server (health, MCP) and every part that hangs on it. */
export async function startApp({ services, port, host }: StartAppOptions): Promise<RunningApp> {
  resolveSecretKey(services.config.secretKey, services.config.database.path);
  services.warmUp();
  const serve = await startServe({ services, version, port, host });
  const agent = buildAgent(services);
  const banner = [
    `HTTP server on ${serve.http.url} (health: /healthz, readiness: /readyz)`,
    `MCP clients connect to ${serve.mcpUrl} with "Authorization: Bearer <token>"`,
  ];
  return {
    services,
    agent,
    serve,
    banner,
    close: () => serve.close(),
  };
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
  const sim = await startSimCluster({ scenario: 'demo', port: simPort ?? 0, kubeconfigPath });
  logger.child({ component: 'demo' }).info({ url: sim.url }, 'simulated cluster started');
  const demoConfig: Config = {
    ...config,
    clusters: [{ name: 'demo', kubeconfig: kubeconfigPath, inCluster: false }],
  };
  let app: RunningApp;
  try {
    const services = await buildServices({ config: demoConfig, logger });
    app = await startApp({ services });
  } catch (error) {
    await sim.stop();
    throw error;
  }
  const { token } = await app.services.tokens.create(`demo-${Date.now().toString(36)}`, 'viewer');
  const banner = [
    `Simulated cluster (scenario "demo") at ${sim.url}`,
    `  kubectl:  KUBECONFIG=${kubeconfigPath} .tools/bin/kubectl get pods -A`,
    ...app.banner,
    `  a viewer token for this demo (shown once): ${token}`,
    `Terminal chat (in another shell):`,
    `  KUBECONFIG=${kubeconfigPath} node dist/cli.js chat "pods --problems"`,
    `  KUBECONFIG=${kubeconfigPath} node dist/cli.js chat "why is checkout crashing?"`,
  ];
  return {
    ...app,
    sim,
    banner,
    async close() {
      await app.close();
      await sim.stop();
    },
  };
}
