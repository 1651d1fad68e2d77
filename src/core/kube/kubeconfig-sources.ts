import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import type { Config } from '../config/schema.js';
import { UserError } from '../errors/user-error.js';

/** One configured cluster: its name and how to build its client config. */
export interface ClusterSource {
  name: string;
  /** Called on first use, so a broken kubeconfig fails this cluster only. Throws `UserError`. */
  loadKubeConfig(): KubeConfig;
}

export interface ClusterSourcesOptions {
  config: Pick<Config, 'clusters' | 'kubeconfig'>;
  env?: NodeJS.ProcessEnv;
  homeDir?: string;
  cwd?: string;
}

const serviceAccountToken = '/var/run/secrets/kubernetes.io/serviceaccount/token';
const noClusterHint =
  'Set KUBECONFIG, add `clusters:` to ai4k8s.yaml, or run `ai4k8s demo` to try a simulated cluster.';

/**
 * The clusters of the config file; without any, the current context of `KUBECONFIG` (or
 * `~/.kube/config`), named after that context. Throws `UserError` when there is nothing to use.
 */
export function clusterSourcesFromConfig(options: ClusterSourcesOptions): ClusterSource[] {
  const cwd = options.cwd ?? process.cwd();
  const defaultFiles = (): string[] =>
    kubeconfigFiles(options.config.kubeconfig, options.homeDir ?? homedir(), cwd);

  if (options.config.clusters.length === 0) {
    const files = defaultFiles();
    if (files.length === 0) {
      throw new UserError(
        'cluster-unavailable',
        'No Kubernetes cluster is configured and no kubeconfig was found.',
        noClusterHint,
      );
    }
    const kubeConfig = loadKubeConfigFiles(files);
    const context = kubeConfig.getCurrentContext();
    if (!context) {
      throw new UserError(
        'cluster-unavailable',
        `The kubeconfig (${files.join(delimiter)}) has no current context.`,
        'Run `kubectl config use-context NAME`, or list clusters under `clusters:` in ai4k8s.yaml.',
      );
    }
    return [{ name: context, loadKubeConfig: () => kubeConfig }];
  }

  return options.config.clusters.map((cluster) => ({
    name: cluster.name,
    loadKubeConfig: () => {
      if (cluster.inCluster) return loadInCluster(cluster.name, options.env ?? process.env);
      const files = cluster.kubeconfig ? [resolve(cwd, cluster.kubeconfig)] : defaultFiles();
      if (files.length === 0 || !files.every((file) => existsSync(file))) {
        throw new UserError(
          'cluster-unavailable',
          `Cluster "${cluster.name}": kubeconfig ${files.join(delimiter) || '~/.kube/config'} not found.`,
          'Fix `kubeconfig:` of this cluster in ai4k8s.yaml.',
        );
      }
      const kubeConfig = loadKubeConfigFiles(files, cluster.name);
      if (cluster.context !== undefined) useContext(kubeConfig, cluster.context, cluster.name);
      return kubeConfig;
    },
  }));
}

/** `KUBECONFIG`-style list (or ~/.kube/config), keeping only files that exist. */
function kubeconfigFiles(kubeconfig: string | undefined, home: string, cwd: string): string[] {
  if (kubeconfig) {
    return kubeconfig
      .split(delimiter)
      .filter((file) => file.length > 0)
      .map((file) => resolve(cwd, file))
      .filter((file) => existsSync(file));
  }
  const file = join(home, '.kube', 'config');
  return existsSync(file) ? [file] : [];
}

/** Loads and merges kubeconfig files as kubectl does: the first file to name something wins. */
export function loadKubeConfigFiles(files: string[], clusterName?: string): KubeConfig {
  const merged = new KubeConfig();
  const seen = {
    clusters: new Set<string>(),
    users: new Set<string>(),
    contexts: new Set<string>(),
  };
  const parts: {
    clusters: KubeConfig['clusters'];
    users: KubeConfig['users'];
    contexts: KubeConfig['contexts'];
  } = {
    clusters: [],
    users: [],
    contexts: [],
  };
  let currentContext = '';
  for (const file of files) {
    const one = new KubeConfig();
    try {
      one.loadFromFile(file);
    } catch (error) {
      const what = clusterName ? `Cluster "${clusterName}": the kubeconfig` : 'The kubeconfig';
      throw new UserError(
        'cluster-unavailable',
        `${what} ${file} cannot be read: ${(error as Error).message.split('\n')[0]}.`,
        'Check that it is a valid kubeconfig (`kubectl config view --kubeconfig FILE`).',
        { cause: error },
      );
    }
    if (!currentContext && one.currentContext) currentContext = one.currentContext;
    for (const key of ['clusters', 'users', 'contexts'] as const) {
      for (const item of one[key] ?? []) {
        if (seen[key].has(item.name)) continue;
        seen[key].add(item.name);
        (parts[key] as { name: string }[]).push(item);
      }
    }
  }
  merged.loadFromOptions({ ...parts, currentContext });
  return merged;
}

function useContext(kubeConfig: KubeConfig, context: string, clusterName: string): void {
  if (!kubeConfig.getContextObject(context)) {
    const known = kubeConfig.getContexts().map((c) => c.name);
    throw new UserError(
      'cluster-unavailable',
      `Cluster "${clusterName}": context "${context}" is not in its kubeconfig.`,
      known.length > 0 ? `Known contexts: ${known.join(', ')}.` : 'The kubeconfig has no contexts.',
    );
  }
  kubeConfig.setCurrentContext(context);
}

function loadInCluster(clusterName: string, env: NodeJS.ProcessEnv): KubeConfig {
  if (!env.KUBERNETES_SERVICE_HOST || !existsSync(serviceAccountToken)) {
    throw new UserError(
      'cluster-unavailable',
      `Cluster "${clusterName}" is set to inCluster, but AI4K8s is not running in a pod with a service account.`,
      'Run it in the cluster, or give this cluster a kubeconfig and context instead.',
    );
  }
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromCluster();
  return kubeConfig;
}
