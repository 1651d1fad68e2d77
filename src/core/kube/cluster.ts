import type {
  AppsV1Api,
  CoreV1Api,
  CoreV1Event,
  DiscoveryV1Api,
  KubeConfig,
  Metrics,
  V1Deployment,
  V1EndpointSlice,
  V1Namespace,
  V1Node,
  V1Pod,
  V1ReplicaSet,
  V1Service,
} from '@kubernetes/client-node';

/** The kinds the informer cache keeps in memory, per cluster. */
export interface CachedKinds {
  pods: V1Pod;
  deployments: V1Deployment;
  replicasets: V1ReplicaSet;
  services: V1Service;
  endpointslices: V1EndpointSlice;
  nodes: V1Node;
  events: CoreV1Event;
  namespaces: V1Namespace;
}
export type CachedKind = keyof CachedKinds;

/**
 * Reads served from memory: list + watch informers that recover from dropped watches and 410s.
 * Objects are the API's JSON as received and shared with every reader: treat them as read-only.
 * Timestamps are RFC 3339 strings even where the client-node types say `Date` (watch events are
 * never deserialized), so read them with `toMillis()` from `core/tools/render/age.ts`.
 */
export interface ClusterCache {
  /** Resolves once every informer has done its first list (rejects with a clear error on failure). */
  ready(): Promise<void>;
  list<K extends CachedKind>(kind: K, namespace?: string): CachedKinds[K][];
  get<K extends CachedKind>(
    kind: K,
    namespace: string | undefined,
    name: string,
  ): CachedKinds[K] | undefined;
  /** Watch events as they arrive (analyzers subscribe); returns an unsubscribe function. */
  onChange(listener: (change: CacheChange) => void): () => void;
  stop(): void;
}

export interface CacheChange {
  kind: CachedKind;
  type: 'add' | 'update' | 'delete';
  object: CachedKinds[CachedKind];
}

/** One cluster: its real credentials (never leave the process) and its typed clients. */
export interface Cluster {
  name: string;
  kubeConfig: KubeConfig;
  core: CoreV1Api;
  apps: AppsV1Api;
  discovery: DiscoveryV1Api;
  metrics: Metrics;
  cache: ClusterCache;
}
