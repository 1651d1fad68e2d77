import type { CachedKind } from './cluster.js';

/** Where each cached kind is listed and watched (all namespaces). */
export const cachedKindPaths: Record<CachedKind, string> = {
  pods: '/api/v1/pods',
  deployments: '/apis/apps/v1/deployments',
  replicasets: '/apis/apps/v1/replicasets',
  services: '/api/v1/services',
  endpointslices: '/apis/discovery.k8s.io/v1/endpointslices',
  nodes: '/api/v1/nodes',
  events: '/api/v1/events',
  namespaces: '/api/v1/namespaces',
};

export const allCachedKinds = Object.keys(cachedKindPaths) as CachedKind[];
