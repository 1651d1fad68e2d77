// Composition root: reads config, builds every service, starts what is enabled. Wiring only.
import { join } from 'node:path';
import type { Config } from './core/config/schema.js';
import type { Logger } from './core/log/logger.js';
import type { Database } from './core/store/database.js';
import { openStore } from './core/store/open-store.js';
import { resolveSecretKey } from './core/store/secret-key.js';
import { startSimCluster, type SimHandle } from './sim/index.js';

export interface RunningApp {
  db: Database;
  sim?: SimHandle;
  /** Lines that tell the user what is running and how to use it. */
  banner: string[];
  stop(): Promise<void>;
}

export interface DemoOptions {
  config: Config;
  logger: Logger;
  simPort?: number;
}

/** The demo: the simulated cluster with the `demo` scenario plus everything that is built on it. */
export async function startDemo({ config, logger, simPort }: DemoOptions): Promise<RunningApp> {
  const dataDir = join(config.database.path, '..');
  const kubeconfigPath = join(dataDir, 'demo.kubeconfig');
  const sim = await startSimCluster({ scenario: 'demo', port: simPort ?? 0, kubeconfigPath });
  logger.child({ component: 'demo' }).info({ url: sim.url }, 'simulated cluster started');
  const db = await openStore(config.database.path);
  resolveSecretKey(config.secretKey, config.database.path);
  const banner = [
    `Simulated cluster (scenario "demo") at ${sim.url}`,
    `  kubectl:  KUBECONFIG=${kubeconfigPath} kubectl get pods -A`,
    `  (the real kubectl is in .tools/bin after \`npm run setup\`)`,
  ];
  return {
    db,
    sim,
    banner,
    async stop() {
      await sim.stop();
      await db.close();
    },
  };
}
