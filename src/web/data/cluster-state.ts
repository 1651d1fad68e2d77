import type { V1Deployment, V1Node, V1Pod } from '@kubernetes/client-node';
import { isUserError } from '../../core/errors/user-error.js';
import type { Cluster } from '../../core/kube/cluster.js';
import { toMillis } from '../../core/tools/render/age.js';
import { comparePods, summarizePod, type PodSummary } from '../../core/tools/render/pod-status.js';
import { parseQuantity } from '../../core/tools/render/quantity.js';
import type { DashboardServices } from '../ports.js';

/** A cluster the dashboard asked for: connected, or why not (one broken cluster blanks nothing else). */
export type ClusterResult = { name: string; cluster: Cluster } | { name: string; error: string };

export async function connectClusters(
  clusters: DashboardServices['clusters'],
  names: string[] = clusters.names(),
): Promise<ClusterResult[]> {
  return Promise.all(
    names.map(async (name): Promise<ClusterResult> => {
      try {
        return { name, cluster: await clusters.get(name) };
      } catch (error) {
        return { name, error: isUserError(error) ? error.toText() : `Cluster "${name}" is unavailable.` };
      }
    }),
  );
}

export interface NodeRow {
  name: string;
  ready: boolean;
  roles: string;
  cpuAllocatable?: number;
  memoryAllocatable?: number;
  unschedulable: boolean;
  pressure: string[];
}

export function nodeRows(nodes: V1Node[]): NodeRow[] {
  return nodes
    .map((node) => {
      const conditions = node.status?.conditions ?? [];
      const labels = node.metadata?.labels ?? {};
      const roles = Object.keys(labels)
        .filter((k) => k.startsWith('node-role.kubernetes.io/'))
        .map((k) => k.slice('node-role.kubernetes.io/'.length))
        .join(',');
      return {
        name: node.metadata?.name ?? '',
        ready: conditions.some((c) => c.type === 'Ready' && c.status === 'True'),
        roles: roles || '<none>',
        cpuAllocatable: parseQuantity(node.status?.allocatable?.cpu),
        memoryAllocatable: parseQuantity(node.status?.allocatable?.memory),
        unschedulable: node.spec?.unschedulable === true,
        pressure: conditions
          .filter((c) => c.type !== 'Ready' && c.status === 'True')
          .map((c) => c.type),
      };
    })
    .sort((a, b) => Number(a.ready) - Number(b.ready) || (a.name < b.name ? -1 : 1));
}

export interface PodCounts {
  total: number;
  failing: number;
  notReady: number;
  ok: number;
  /** STATUS column values with their counts, most common first. */
  byStatus: Array<[string, number]>;
}

export function summarizePods(pods: V1Pod[], now: number): PodSummary[] {
  return pods.map((pod) => summarizePod(pod, now)).sort(comparePods);
}

export function countPods(summaries: PodSummary[]): PodCounts {
  const byStatus = new Map<string, number>();
  let failing = 0;
  let notReady = 0;
  for (const s of summaries) {
    byStatus.set(s.status, (byStatus.get(s.status) ?? 0) + 1);
    if (s.severity === 2) failing++;
    else if (s.severity === 1) notReady++;
  }
  return {
    total: summaries.length,
    failing,
    notReady,
    ok: summaries.length - failing - notReady,
    byStatus: [...byStatus].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)),
  };
}

export interface DeploymentRow {
  namespace: string;
  name: string;
  desired: number;
  ready: number;
  updated: number;
  available: number;
  createdAt?: number;
  /** Short of ready replicas, or a rollout stuck (ProgressDeadlineExceeded). */
  problem?: string;
}

export function deploymentRows(deployments: V1Deployment[]): DeploymentRow[] {
  return deployments
    .map((d) => {
      const desired = d.spec?.replicas ?? 1;
      const ready = d.status?.readyReplicas ?? 0;
      const stuck = d.status?.conditions?.find(
        (c) => c.type === 'Progressing' && c.reason === 'ProgressDeadlineExceeded',
      );
      const row: DeploymentRow = {
        namespace: d.metadata?.namespace ?? '',
        name: d.metadata?.name ?? '',
        desired,
        ready,
        updated: d.status?.updatedReplicas ?? 0,
        available: d.status?.availableReplicas ?? 0,
        createdAt: toMillis(d.metadata?.creationTimestamp),
      };
      if (stuck) row.problem = 'rollout stuck';
      else if (ready < desired) row.problem = `${desired - ready} not ready`;
      return row;
    })
    .sort(
      (a, b) =>
        Number(b.problem !== undefined) - Number(a.problem !== undefined) ||
        (a.namespace < b.namespace ? -1 : a.namespace > b.namespace ? 1 : a.name < b.name ? -1 : 1),
    );
}
