import type { Config } from '../core/config/schema.js';
import { ClusterRegistry } from '../core/kube/cluster-registry.js';
import { ProcessKubectlRunner } from '../core/kubectl/runner.js';
import type { Logger } from '../core/log/logger.js';
import type { Database } from '../core/store/database.js';
import { openStore } from '../core/store/open-store.js';
import { ApiTokensRepo } from '../core/store/repos/api-tokens.js';
import { allTools } from '../core/tools/index.js';
import { createToolRegistry } from '../core/tools/registry/create-tool-registry.js';
import type { ToolRegistry } from '../core/tools/registry/tool-registry.js';

export interface Services {
  config: Config;
  logger: Logger;
  db: Database;
  clusters: ClusterRegistry;
  tools: ToolRegistry;
  tokens: ApiTokensRepo;
  /** Starts every cluster's informers now instead of on the first call (long-running processes). */
  warmUp(): void;
  /** Stops informers and the kubectl proxy, then closes the database. */
  close(): Promise<void>;
}

export interface BuildServicesOptions {
  config: Config;
  logger: Logger;
}

/** The core services every long-running command needs: store, clusters and the tool registry. */
export async function buildServices({ config, logger }: BuildServicesOptions): Promise<Services> {
  const db = await openStore(config.database.path);
  let clusters: ClusterRegistry;
  try {
    clusters = ClusterRegistry.fromConfig({ config, logger: logger.child({ component: 'kube' }) });
  } catch (error) {
    await db.close();
    throw error;
  }
  const kubectl = new ProcessKubectlRunner({
    logger: logger.child({ component: 'kubectl' }),
    path: config.kubectl.path,
    timeoutSeconds: config.kubectl.timeoutSeconds,
    maxOutputBytes: config.kubectl.maxOutputBytes,
  });
  const tools = createToolRegistry({
    db,
    tools: allTools,
    clusters,
    logger: logger.child({ component: 'tools' }),
    config,
    services: { kubectl },
  });
  return {
    config,
    logger,
    db,
    clusters,
    tools,
    tokens: new ApiTokensRepo(db),
    warmUp() {
      for (const name of clusters.names()) {
        // A cluster that fails here is retried on its first call; its error then reaches the caller.
        clusters
          .get(name)
          .catch((error: Error) =>
            logger.warn({ cluster: name, err: error.message }, 'cluster not ready yet'),
          );
      }
    },
    async close() {
      clusters.stop();
      await kubectl.close();
      await db.close();
    },
  };
}
