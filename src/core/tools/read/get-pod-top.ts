import type { V1Node, V1Pod } from '@kubernetes/client-node';
import { z } from 'zod';
import type { Cluster } from '../../kube/cluster.js';
import { parseLabelSelector } from '../../kube/selectors.js';
import { renderPagedTable } from '../render/paged-table.js';
import { readContinue } from '../render/paging.js';
import { formatCpu, formatMemory, formatPercent, parseQuantity } from '../render/quantity.js';
import { count, type Column } from '../render/table.js';
import type { ToolContext } from '../types.js';
import { defineReadTool } from './define-read-tool.js';
import {
  clusterInput,
  continueInput,
  defaultLimit,
  labelSelectorInput,
  limitInput,
  namespaceInput,
} from './inputs.js';
import { fetchNodeMetrics, fetchPodMetrics } from './fetch-metrics.js';

const input = z.strictObject({
  cluster: clusterInput,
  target: z.enum(['pods', 'nodes']).optional().describe('"pods" (default) or "nodes".'),
  namespace: namespaceInput.describe('For pods: only this namespace; omit for all namespaces.'),
  labelSelector: labelSelectorInput.describe('For pods: kubectl label selector, e.g. "app=web".'),
  sortBy: z
    .enum(['cpu', 'memory'])
    .optional()
    .describe('Order by CPU or memory use (default memory), after those near their limit.'),
  limit: limitInput,
  continue: continueInput,
});
type Args = z.infer<typeof input>;

export interface UsageRow {
  namespace?: string;
  name: string;
  cpuCores: number;
  memoryBytes: number;
  /** Pods: requests and limits summed over containers (undefined if a container lacks one). Nodes: allocatable. */
  cpuRequest?: number;
  cpuLimit?: number;
  memoryRequest?: number;
  memoryLimit?: number;
  cpuAllocatable?: number;
  memoryAllocatable?: number;
  ready?: boolean;
  hasMetrics: boolean;
  severity: 0 | 1 | 2;
}

export const getPodTop = defineReadTool({
  name: 'get_pod_top',
  title: 'CPU and memory use',
  description:
    'Current CPU and memory use from metrics.k8s.io, like `kubectl top`. target=pods (default): per pod, with ' +
    '% of its requests and limits (a pod near 100% of its memory limit is about to be OOMKilled); target=nodes: ' +
    'per node, with % of allocatable. Pods and nodes near their limits come first, then by sortBy (memory by ' +
    'default). Filter pods with namespace or labelSelector; paged with continue. Says so clearly when the ' +
    'cluster has no metrics API.',
  input,
  async run(args, ctx) {
    const target = args.target ?? 'pods';
    const sortBy = args.sortBy ?? 'memory';
    const query = { target, namespace: args.namespace, labelSelector: args.labelSelector, sortBy };
    const offset = readContinue(args.continue, query);
    const rows =
      target === 'nodes' ? await nodeRows(ctx) : await podRows(ctx.cluster, args, ctx.signal);
    const use = (r: UsageRow): number => (sortBy === 'cpu' ? r.cpuCores : r.memoryBytes);
    rows.sort((a, b) => b.severity - a.severity || use(b) - use(a) || (a.name < b.name ? -1 : 1));

    const total = rows.length;
    const pressured = rows.filter((r) => r.severity > 0).length;
    const scope =
      target === 'nodes'
        ? 'Nodes'
        : `Pods in ${args.namespace ? `namespace ${args.namespace}` : 'all namespaces'}`;
    const columns = target === 'nodes' ? nodeColumns : podColumns(!args.namespace);
    const table = renderPagedTable({
      rows,
      offset,
      limit: args.limit ?? defaultLimit,
      query,
      intro: [
        `${scope} by ${sortBy} use (cluster ${ctx.cluster.name}): ${count(total)}; ${count(pressured)} ` +
          (target === 'nodes'
            ? 'not ready or above 90% of allocatable.'
            : 'at 75% or more of a memory limit or 90% of a CPU limit.'),
      ],
      columns,
      isProblem: (r) => r.severity > 0,
      name: (r) =>
        `${r.namespace ? `${r.namespace}/` : ''}${r.name} ${formatMemory(r.memoryBytes)}`,
      narrow: 'namespace / labelSelector',
      budgetTokens: ctx.budgetTokens,
      empty: target === 'nodes' ? 'No nodes.' : 'No pod metrics match.',
    });
    return {
      text: table.text,
      data: {
        cluster: ctx.cluster.name,
        target,
        sortBy,
        total,
        offset,
        items: table.items,
        continue: table.dataContinue,
      },
      page: table.page,
    };
  },
});

async function podRows(cluster: Cluster, args: Args, signal: AbortSignal): Promise<UsageRow[]> {
  const labels = args.labelSelector ? parseLabelSelector(args.labelSelector) : undefined;
  const metrics = await fetchPodMetrics(cluster, args.namespace, signal);
  const rows: UsageRow[] = [];
  for (const item of metrics.items ?? []) {
    const pod = cluster.cache.get('pods', item.metadata.namespace, item.metadata.name);
    if (labels && !labels(pod?.metadata?.labels)) continue;
    const cpu = sum(item.containers.map((c) => parseQuantity(c.usage.cpu) ?? 0));
    const memory = sum(item.containers.map((c) => parseQuantity(c.usage.memory) ?? 0));
    const row: UsageRow = {
      namespace: item.metadata.namespace,
      name: item.metadata.name,
      cpuCores: cpu,
      memoryBytes: memory,
      cpuRequest: podTotal(pod, 'requests', 'cpu'),
      cpuLimit: podTotal(pod, 'limits', 'cpu'),
      memoryRequest: podTotal(pod, 'requests', 'memory'),
      memoryLimit: podTotal(pod, 'limits', 'memory'),
      hasMetrics: true,
      severity: 0,
    };
    const memoryShare = row.memoryLimit ? memory / row.memoryLimit : 0;
    const cpuShare = row.cpuLimit ? cpu / row.cpuLimit : 0;
    row.severity = memoryShare >= 0.9 ? 2 : memoryShare >= 0.75 || cpuShare >= 0.9 ? 1 : 0;
    rows.push(row);
  }
  return rows;
}

async function nodeRows(ctx: ToolContext): Promise<UsageRow[]> {
  const metrics = await fetchNodeMetrics(ctx.cluster, ctx.signal);
  const usage = new Map(metrics.items.map((m) => [m.metadata.name, m.usage]));
  return ctx.cluster.cache.list('nodes').map((node: V1Node) => {
    const name = node.metadata?.name ?? '';
    const u = usage.get(name);
    const ready = node.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'True';
    const cpuAllocatable = parseQuantity(node.status?.allocatable?.cpu);
    const memoryAllocatable = parseQuantity(node.status?.allocatable?.memory);
    const cpu = parseQuantity(u?.cpu) ?? 0;
    const memory = parseQuantity(u?.memory) ?? 0;
    const high =
      (cpuAllocatable && cpu / cpuAllocatable >= 0.9) ||
      (memoryAllocatable && memory / memoryAllocatable >= 0.9);
    return {
      name,
      cpuCores: cpu,
      memoryBytes: memory,
      cpuAllocatable,
      memoryAllocatable,
      ready,
      hasMetrics: u !== undefined,
      severity: !ready ? 2 : high ? 1 : 0,
    };
  });
}

function podColumns(withNamespace: boolean): Column<UsageRow>[] {
  return [
    ...(withNamespace ? [{ header: 'NAMESPACE', cell: (r: UsageRow) => r.namespace ?? '' }] : []),
    { header: 'NAME', cell: (r) => r.name },
    { header: 'CPU', cell: (r) => formatCpu(r.cpuCores) },
    { header: 'CPU/REQ', cell: (r) => formatPercent(r.cpuCores, r.cpuRequest) },
    { header: 'CPU/LIM', cell: (r) => formatPercent(r.cpuCores, r.cpuLimit) },
    { header: 'MEMORY', cell: (r) => formatMemory(r.memoryBytes) },
    { header: 'MEM/REQ', cell: (r) => formatPercent(r.memoryBytes, r.memoryRequest) },
    { header: 'MEM/LIM', cell: (r) => formatPercent(r.memoryBytes, r.memoryLimit) },
  ];
}

const nodeColumns: Column<UsageRow>[] = [
  { header: 'NAME', cell: (r) => r.name },
  { header: 'STATUS', cell: (r) => (r.ready ? 'Ready' : 'NotReady') },
  { header: 'CPU', cell: (r) => (r.hasMetrics ? formatCpu(r.cpuCores) : '<unknown>') },
  {
    header: 'CPU%',
    cell: (r) => (r.hasMetrics ? formatPercent(r.cpuCores, r.cpuAllocatable) : '<unknown>'),
  },
  { header: 'MEMORY', cell: (r) => (r.hasMetrics ? formatMemory(r.memoryBytes) : '<unknown>') },
  {
    header: 'MEMORY%',
    cell: (r) => (r.hasMetrics ? formatPercent(r.memoryBytes, r.memoryAllocatable) : '<unknown>'),
  },
];

/** Sum of a resource over the pod's containers; undefined when any container does not set it. */
function podTotal(
  pod: V1Pod | undefined,
  kind: 'requests' | 'limits',
  resource: 'cpu' | 'memory',
): number | undefined {
  const containers = pod?.spec?.containers ?? [];
  if (containers.length === 0) return undefined;
  let total = 0;
  for (const c of containers) {
    const value = parseQuantity(c.resources?.[kind]?.[resource]);
    if (value === undefined) return undefined;
    total += value;
  }
  return total;
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
