import {
  AppsV1Api,
  CoreV1Api,
  DiscoveryV1Api,
  Metrics,
  type KubeConfig,
} from '@kubernetes/client-node';
import type { Logger } from '../log/logger.js';
import { allowPlainHttp } from './allow-plain-http.js';
import type { Cluster } from './cluster.js';
import { InformerCache, type InformerCacheOptions } from './informer-cache.js';

export interface CreateClusterOptions {
  name: string;
  kubeConfig: KubeConfig;
  logger: Logger;
  cache?: Pick<InformerCacheOptions, 'kinds' | 'backoff' | 'listTimeoutMs'>;
}

/** A `Cluster` whose cache is an `InformerCache`, not started yet (`cache.ready()` starts it). */
export interface ConnectedCluster extends Cluster {
  cache: InformerCache;
}

/** Typed clients and an informer cache for one cluster; nothing connects until the cache starts. */
export function createCluster(options: CreateClusterOptions): ConnectedCluster {
  const { name, logger } = options;
  const kubeConfig = allowPlainHttp(options.kubeConfig);
  return {
    name,
    kubeConfig,
    core: kubeConfig.makeApiClient(CoreV1Api),
    apps: kubeConfig.makeApiClient(AppsV1Api),
    discovery: kubeConfig.makeApiClient(DiscoveryV1Api),
    metrics: new Metrics(kubeConfig),
    cache: new InformerCache({ ...options.cache, clusterName: name, kubeConfig, logger }),
  };
}
