import type { NodeMetricsList, V1Node } from '@kubernetes/client-node';
import { z } from 'zod';
import { isUserError } from '../../errors/user-error.js';
import { toKubeUserError } from '../../kube/errors.js';
import { getJson } from '../../kube/http-json.js';
import { formatAge } from '../render/age.js';
import { charsPerToken, renderBudgetedTable } from '../render/budget.js';
import { comparePods, summarizePod } from '../render/pod-status.js';
import {
  formatCores,
  formatCpu,
  formatMemory,
  formatPercent,
  parseQuantity,
} from '../render/quantity.js';
import { count, plural, type Column } from '../render/table.js';
import { defineReadTool } from './define-read-tool.js';
import { fetchNodeMetrics } from './fetch-metrics.js';
import { clusterInput } from './inputs.js';

const input = z.strictObject({ cluster: clusterInput });

interface NodeRow {
  name: string;
  ready: boolean;
  roles: string;
  version: string;
  age: string;
  cpuAllocatable?: number;
  memoryAllocatable?: number;
  cpuUsage?: number;
  memoryUsage?: number;
  pods: number;
}

const maxProblems = 15;

export const getClusterInfo = defineReadTool({
  name: 'get_cluster_info',
  title: 'Cluster overview',
  description:
    'Overview of a cluster: Kubernetes version, nodes (ready, roles, allocatable CPU and memory, current use ' +
    'when metrics exist), namespace count, pod counts by phase, and a short list of current problems (nodes ' +
    'not ready, failing pods, deployments short of replicas). Start here when asked how a cluster is doing.',
  input,
  async run(_args, ctx) {
    const { cluster, signal } = ctx;
    const now = Date.now();
    const [version, metrics] = await Promise.all([
      getJson<{ gitVersion?: string; platform?: string }>(cluster.kubeConfig, '/version', {
        signal,
        timeoutMs: 10_000,
      }).catch((error: unknown) => {
        throw toKubeUserError(error, cluster.name, 'reading the version');
      }),
      fetchNodeMetrics(cluster, signal).catch((error: unknown): NodeMetricsList | string => {
        if (isUserError(error)) return error.message;
        throw error;
      }),
    ]);

    const pods = cluster.cache.list('pods');
    const summaries = pods.map((p) => summarizePod(p, now));
    const phases = new Map<string, number>();
    const podsPerNode = new Map<string, number>();
    for (const s of summaries) {
      phases.set(s.phase, (phases.get(s.phase) ?? 0) + 1);
      podsPerNode.set(s.node, (podsPerNode.get(s.node) ?? 0) + 1);
    }
    const usage =
      typeof metrics === 'string'
        ? undefined
        : new Map(metrics.items.map((m) => [m.metadata.name, m.usage]));
    const nodes = cluster.cache.list('nodes').map((n) => nodeRow(n, usage, podsPerNode, now));
    nodes.sort((a, b) => Number(a.ready) - Number(b.ready) || (a.name < b.name ? -1 : 1));

    const problems: string[] = [];
    for (const n of nodes) if (!n.ready) problems.push(`node ${n.name} NotReady`);
    const badPods = summaries.filter((s) => s.severity === 2).sort(comparePods);
    for (const s of badPods)
      problems.push(
        `pod ${s.namespace}/${s.name} ${s.status}${s.restarts ? `, ${plural(s.restarts, 'restart')}` : ''}`,
      );
    for (const d of cluster.cache.list('deployments')) {
      const desired = d.spec?.replicas ?? 1;
      const ready = d.status?.readyReplicas ?? 0;
      if (ready < desired)
        problems.push(
          `deployment ${d.metadata?.namespace}/${d.metadata?.name} ${ready}/${desired} ready`,
        );
    }

    const phaseText = [...phases.entries()]
      .sort((a, b) => b[1] - a[1])
      .map(([p, n]) => `${count(n)} ${p}`)
      .join(', ');
    const readyNodes = nodes.filter((n) => n.ready).length;
    const intro = [
      `Cluster ${cluster.name}: Kubernetes ${version.gitVersion ?? 'unknown'}${version.platform ? ` (${version.platform})` : ''}; ` +
        `${plural(nodes.length, 'node')} (${readyNodes} ready); ${plural(cluster.cache.list('namespaces').length, 'namespace')}; ` +
        `${plural(pods.length, 'pod')}${phaseText ? ` (${phaseText})` : ''}.`,
    ];
    if (typeof metrics === 'string') intro.push(`Usage unknown: ${metrics}`);
    if (problems.length === 0) intro.push('No current problems.');
    else {
      intro.push(`Problems (${problems.length}):`);
      // Problems come before the node table, so keep them to a share of the budget.
      const room = Math.floor((ctx.budgetTokens * charsPerToken) / 2);
      let used = 0;
      let shown = 0;
      for (const p of problems.slice(0, maxProblems)) {
        if (used + p.length + 3 > room) break;
        intro.push(`- ${p}`);
        used += p.length + 3;
        shown++;
      }
      if (shown < problems.length)
        intro.push(
          `- and ${problems.length - shown} more: see get_pods problemsOnly=true and get_deployments problemsOnly=true`,
        );
    }

    const columns: Column<NodeRow>[] = [
      { header: 'NODE', cell: (r) => r.name },
      { header: 'STATUS', cell: (r) => (r.ready ? 'Ready' : 'NotReady') },
      { header: 'ROLES', cell: (r) => r.roles },
      { header: 'AGE', cell: (r) => r.age },
      { header: 'VERSION', cell: (r) => r.version },
      {
        header: 'CPU',
        cell: (r) => usageCell(r.cpuUsage, r.cpuAllocatable, formatCpu, formatCores),
      },
      {
        header: 'MEMORY',
        cell: (r) => usageCell(r.memoryUsage, r.memoryAllocatable, formatMemory, formatMemory),
      },
      { header: 'PODS', cell: (r) => `${r.pods}` },
    ];
    const rendered = renderBudgetedTable({
      intro,
      columns,
      rows: nodes,
      mustName: nodes.filter((n) => !n.ready).length,
      name: (r) => `${r.name} NotReady`,
      more: (k) =>
        k < nodes.length
          ? `${count(nodes.length - k)} more nodes; see get_pod_top with target=nodes.`
          : undefined,
      budgetTokens: ctx.budgetTokens,
      empty: 'No nodes.',
    });
    return {
      text: rendered.text,
      data: {
        cluster: cluster.name,
        version: version.gitVersion,
        platform: version.platform,
        namespaces: cluster.cache.list('namespaces').length,
        pods: { total: pods.length, byPhase: Object.fromEntries(phases) },
        nodes,
        metricsAvailable: typeof metrics !== 'string',
        problems,
      },
      page: { shown: rendered.shown, total: nodes.length },
    };
  },
});

function nodeRow(
  node: V1Node,
  usage: Map<string, { cpu: string; memory: string }> | undefined,
  podsPerNode: Map<string, number>,
  now: number,
): NodeRow {
  const name = node.metadata?.name ?? '';
  const roles = Object.keys(node.metadata?.labels ?? {})
    .filter((l) => l.startsWith('node-role.kubernetes.io/'))
    .map((l) => l.slice('node-role.kubernetes.io/'.length))
    .join(',');
  const u = usage?.get(name);
  return {
    name,
    ready: node.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'True',
    roles: roles || '<none>',
    version: node.status?.nodeInfo?.kubeletVersion ?? '',
    age: formatAge(node.metadata?.creationTimestamp, now),
    cpuAllocatable: parseQuantity(node.status?.allocatable?.cpu),
    memoryAllocatable: parseQuantity(node.status?.allocatable?.memory),
    cpuUsage: u ? parseQuantity(u.cpu) : undefined,
    memoryUsage: u ? parseQuantity(u.memory) : undefined,
    pods: podsPerNode.get(name) ?? 0,
  };
}

type Format = (n: number | undefined) => string;

/** `1200m/4 (30%)` with metrics, `-/4` without: use over allocatable. */
function usageCell(
  used: number | undefined,
  allocatable: number | undefined,
  formatUse: Format,
  formatTotal: Format,
): string {
  if (used === undefined) return `-/${formatTotal(allocatable)}`;
  return `${formatUse(used)}/${formatTotal(allocatable)} (${formatPercent(used, allocatable)})`;
}
