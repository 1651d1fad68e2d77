import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { configSchema, type Config, type ConfigInput } from '../../../src/core/config/schema.js';
import { startSimCluster, type SimHandle } from '../../../src/sim/index.js';
import { writeConfig } from './ai4k8s-command.js';

export interface SimWithConfig {
  sim: SimHandle;
  /** The parsed config: database in `dir`, one cluster "sim" (the simulated one). */
  config: Config;
  /** The same config as an ai4k8s.yaml, for spawned commands. */
  configPath: string;
  dir: string;
}

/** The demo scenario on a free port, and a config that points AI4K8s at it (plus a dead cluster if asked). */
export async function startSimWithConfig(
  dir: string,
  overrides: Omit<ConfigInput, 'clusters' | 'database'> = {},
  options: { pods?: number; deadCluster?: boolean } = {},
): Promise<SimWithConfig> {
  const kubeconfigPath = join(dir, 'sim.kubeconfig');
  const sim = await startSimCluster({
    scenario: 'demo',
    kubeconfigPath,
    log: () => undefined,
    pods: options.pods,
  });
  const clusters: NonNullable<ConfigInput['clusters']> = [
    { name: 'sim', kubeconfig: kubeconfigPath },
  ];
  if (options.deadCluster)
    clusters.push({ name: 'gone', kubeconfig: deadKubeconfig(sim.kubeconfig, dir) });
  const input: ConfigInput = {
    log: { level: 'warn' },
    ...overrides,
    database: { path: join(dir, 'ai4k8s.db') },
    clusters,
  };
  return { sim, config: configSchema.parse(input), configPath: writeConfig(dir, input), dir };
}

/** The sim's kubeconfig aimed at a port where nothing listens: a cluster that cannot be reached. */
function deadKubeconfig(kubeconfig: string, dir: string): string {
  const doc = parse(kubeconfig) as { clusters: { cluster: { server: string } }[] };
  for (const entry of doc.clusters)
    entry.cluster.server = entry.cluster.server.replace(/:\d+$/, ':1');
  const path = join(dir, 'gone.kubeconfig');
  writeFileSync(path, stringify(doc), { mode: 0o600 });
  return path;
}
