import type { KubeConfig } from '@kubernetes/client-node';
import { UserError, isUserError } from '../errors/user-error.js';
import type { Logger } from '../log/logger.js';
import { allowPlainHttp } from './allow-plain-http.js';
import type { Cluster } from './cluster.js';
import {
  createCluster,
  type ConnectedCluster,
  type CreateClusterOptions,
} from './create-cluster.js';
import { toKubeUserError } from './errors.js';
import { getJson } from './http-json.js';
import {
  clusterSourcesFromConfig,
  type ClusterSource,
  type ClusterSourcesOptions,
} from './kubeconfig-sources.js';

export interface ClusterRegistryOptions {
  sources: ClusterSource[];
  logger: Logger;
  /** How long the first list of every kind may take before the cluster counts as unavailable. */
  readyTimeoutMs?: number;
  /** After a failed connect, `get()` repeats that error this long before trying again. */
  retryAfterMs?: number;
  probeTimeoutMs?: number;
  cache?: CreateClusterOptions['cache'];
}

export interface ClusterStatus {
  name: string;
  /** idle: never used; connecting: first lists running; ready: cache serving; failed: last connect failed. */
  state: 'idle' | 'connecting' | 'ready' | 'failed';
  reachable: boolean;
  error?: string;
}

interface Entry {
  pending?: Promise<ConnectedCluster>;
  cluster?: ConnectedCluster;
  failure?: { error: UserError; at: number };
}

/** Named clusters, connected lazily on first use; one cluster failing never affects another. */
export class ClusterRegistry {
  private readonly sources = new Map<string, ClusterSource>();
  private readonly entries = new Map<string, Entry>();
  private readonly kubeConfigs = new Map<string, KubeConfig>();
  private stopped = false;
  readonly defaultName: string;

  static fromConfig(
    options: ClusterSourcesOptions & Omit<ClusterRegistryOptions, 'sources'>,
  ): ClusterRegistry {
    return new ClusterRegistry({ ...options, sources: clusterSourcesFromConfig(options) });
  }

  constructor(private readonly options: ClusterRegistryOptions) {
    const first = options.sources[0];
    if (!first)
      throw new UserError(
        'cluster-unavailable',
        'No Kubernetes cluster is configured.',
        'Add `clusters:` to ai4k8s.yaml.',
      );
    for (const source of options.sources) {
      if (this.sources.has(source.name)) {
        throw new UserError(
          'bad-input',
          `Two clusters are named "${source.name}".`,
          'Give every entry of `clusters:` its own name.',
        );
      }
      this.sources.set(source.name, source);
    }
    this.defaultName = first.name;
  }

  names(): string[] {
    return [...this.sources.keys()];
  }

  /** The cluster with its cache listed and watching; throws `UserError` naming the cluster. */
  async get(name?: string): Promise<Cluster> {
    const wanted = name ?? this.defaultName;
    const source = this.sources.get(wanted);
    if (!source) {
      throw new UserError(
        'not-found',
        `No cluster named "${wanted}".`,
        `Known clusters: ${this.names().join(', ')}.`,
      );
    }
    if (this.stopped) throw new UserError('unavailable', 'AI4K8s is shutting down.');
    const entry = this.entries.get(wanted) ?? {};
    this.entries.set(wanted, entry);
    if (entry.cluster) return entry.cluster;
    if (entry.pending) return entry.pending;
    const retryAfterMs = this.options.retryAfterMs ?? 5_000;
    if (entry.failure && Date.now() - entry.failure.at < retryAfterMs) throw entry.failure.error;

    entry.pending = this.connect(source).then(
      (cluster) => {
        entry.pending = undefined;
        entry.failure = undefined;
        if (this.stopped) {
          cluster.cache.stop();
          throw new UserError('unavailable', 'AI4K8s is shutting down.');
        }
        entry.cluster = cluster;
        return cluster;
      },
      (error: unknown) => {
        entry.pending = undefined;
        const userError = unavailable(error, wanted);
        entry.failure = { error: userError, at: Date.now() };
        throw userError;
      },
    );
    return entry.pending;
  }

  /** Per cluster: connection state and a live `/version` probe (for /readyz). */
  async status(): Promise<ClusterStatus[]> {
    return Promise.all(
      this.names().map(async (name): Promise<ClusterStatus> => {
        const entry = this.entries.get(name);
        const state: ClusterStatus['state'] = entry?.cluster
          ? 'ready'
          : entry?.pending
            ? 'connecting'
            : entry?.failure
              ? 'failed'
              : 'idle';
        try {
          const kubeConfig = entry?.cluster?.kubeConfig ?? this.kubeConfigFor(name);
          await getJson(kubeConfig, '/version', {
            timeoutMs: this.options.probeTimeoutMs ?? 3_000,
          });
          return { name, state, reachable: true };
        } catch (error) {
          return { name, state, reachable: false, error: unavailable(error, name).message };
        }
      }),
    );
  }

  stop(): void {
    this.stopped = true;
    for (const entry of this.entries.values()) entry.cluster?.cache.stop();
    this.entries.clear();
  }

  private async connect(source: ClusterSource): Promise<ConnectedCluster> {
    const kubeConfig = this.kubeConfigFor(source.name);
    const { logger } = this.options;
    const cluster = createCluster({
      name: source.name,
      kubeConfig,
      logger,
      cache: this.options.cache,
    });
    const timeoutMs = this.options.readyTimeoutMs ?? 20_000;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new UserError(
              'cluster-unavailable',
              `Cluster "${source.name}" did not list its objects within ${Math.round(timeoutMs / 1000)} s.`,
              'Check that its API server is reachable and not overloaded, then retry.',
            ),
          ),
        timeoutMs,
      );
    });
    try {
      await Promise.race([cluster.cache.ready(), timeout]);
      logger.info({ cluster: source.name }, 'cluster cache ready');
      return cluster;
    } catch (error) {
      cluster.cache.stop();
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  private kubeConfigFor(name: string): KubeConfig {
    let kubeConfig = this.kubeConfigs.get(name);
    if (!kubeConfig) {
      const source = this.sources.get(name);
      if (!source) throw new UserError('not-found', `No cluster named "${name}".`);
      kubeConfig = allowPlainHttp(source.loadKubeConfig());
      this.kubeConfigs.set(name, kubeConfig);
    }
    return kubeConfig;
  }
}

/** Every failure to connect is reported as this cluster being unavailable, with the reason. */
function unavailable(error: unknown, cluster: string): UserError {
  const userError = isUserError(error) ? error : toKubeUserError(error, cluster, 'connecting');
  if (userError.kind === 'cluster-unavailable') return userError;
  return new UserError('cluster-unavailable', userError.message, userError.hint, { cause: error });
}
