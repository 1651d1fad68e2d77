import { z } from 'zod';
import { formatDuration } from '../render/age.js';
import { renderPagedTable } from '../render/paged-table.js';
import { readContinue } from '../render/paging.js';
import { comparePods, summarizePod, type PodSummary } from '../render/pod-status.js';
import type { Health } from '../render/health.js';
import { count, type Column } from '../render/table.js';
import { defineReadTool } from './define-read-tool.js';
import {
  clusterInput,
  continueInput,
  defaultLimit,
  labelSelectorInput,
  limitInput,
  namespaceInput,
  problemsOnlyInput,
} from './inputs.js';
import { selectPods } from './select-pods.js';

const input = z.strictObject({
  cluster: clusterInput,
  namespace: namespaceInput,
  labelSelector: labelSelectorInput,
  fieldSelector: z
    .string()
    .max(1000)
    .optional()
    .describe(
      'Field selector on metadata.name, metadata.namespace, status.phase or spec.nodeName, e.g. "status.phase!=Running".',
    ),
  problemsOnly: problemsOnlyInput,
  limit: limitInput,
  continue: continueInput,
});

/** One pod in the structured answer. */
export interface PodRow {
  namespace: string;
  name: string;
  ready: string;
  status: string;
  restarts: number;
  lastRestart?: string;
  age: string;
  createdAt?: string;
  node: string;
  phase: string;
  health: Health;
  detail?: string;
}

export const getPods = defineReadTool({
  name: 'get_pods',
  title: 'List pods',
  description:
    'List pods like `kubectl get pods`, problems first: NAMESPACE, NAME, READY, STATUS (the real reason, ' +
    'e.g. CrashLoopBackOff, OOMKilled, ImagePullBackOff, Pending, ContainerCreating, Completed, Terminating), ' +
    'RESTARTS (with the time since the last one), AGE, NODE. Served from a live cache, so it is fast: use it ' +
    'first to see what is broken. Filter with namespace, labelSelector, fieldSelector or problemsOnly. A long ' +
    'answer names every unhealthy pod, says how many rows were left out and gives a continue token.',
  input,
  async run(args, ctx) {
    const now = Date.now();
    const query = {
      namespace: args.namespace,
      labelSelector: args.labelSelector,
      fieldSelector: args.fieldSelector,
      problemsOnly: args.problemsOnly,
    };
    const offset = readContinue(args.continue, query);
    let rows = selectPods(ctx.cluster.cache, args).map((pod) => summarizePod(pod, now));
    if (args.problemsOnly) rows = rows.filter((row) => row.severity > 0);
    rows.sort(comparePods);

    const failing = rows.filter((r) => r.severity === 2).length;
    const notReady = rows.filter((r) => r.severity === 1).length;
    const total = rows.length;
    const scope = args.namespace ? `namespace ${args.namespace}` : 'all namespaces';
    const filters = [args.labelSelector, args.fieldSelector].filter(Boolean).join(', ');
    const intro = [
      `Pods in ${scope}${filters ? ` matching ${filters}` : ''} (cluster ${ctx.cluster.name}): ${count(total)}; ` +
        `${count(failing)} failing, ${count(notReady)} not ready, ${count(total - failing - notReady)} ok.` +
        (offset > 0 ? ` Rows from ${count(offset + 1)}.` : ''),
    ];
    const columns: Column<PodSummary>[] = [
      ...(args.namespace ? [] : [{ header: 'NAMESPACE', cell: (r: PodSummary) => r.namespace }]),
      { header: 'NAME', cell: (r) => r.name, maxWidth: 80 },
      { header: 'READY', cell: (r) => r.ready },
      { header: 'STATUS', cell: (r) => r.status },
      { header: 'RESTARTS', cell: (r) => r.restartsText },
      {
        header: 'AGE',
        cell: (r) => (r.createdAt === undefined ? '<unknown>' : formatDuration(now - r.createdAt)),
      },
      { header: 'NODE', cell: (r) => r.node },
    ];
    const table = renderPagedTable({
      rows,
      offset,
      limit: args.limit ?? defaultLimit,
      query,
      intro,
      columns,
      isProblem: (r) => r.severity > 0,
      name: (r) => `${args.namespace ? '' : `${r.namespace}/`}${r.name} ${r.status}`,
      narrow: 'namespace / labelSelector / problemsOnly',
      budgetTokens: ctx.budgetTokens,
      empty: args.problemsOnly ? 'No pod has a problem.' : 'No pods match.',
    });
    return {
      text: table.text,
      data: {
        cluster: ctx.cluster.name,
        namespace: args.namespace ?? null,
        total,
        failing,
        notReady,
        offset,
        items: table.items.map((r) => toRow(r, now)),
        continue: table.dataContinue,
      },
      page: table.page,
    };
  },
});

function toRow(r: PodSummary, now: number): PodRow {
  return {
    namespace: r.namespace,
    name: r.name,
    ready: r.ready,
    status: r.status,
    restarts: r.restarts,
    lastRestart:
      r.lastRestartAt === undefined ? undefined : new Date(r.lastRestartAt).toISOString(),
    age: r.createdAt === undefined ? '<unknown>' : formatDuration(now - r.createdAt),
    createdAt: r.createdAt === undefined ? undefined : new Date(r.createdAt).toISOString(),
    node: r.node,
    phase: r.phase,
    health: r.severity === 2 ? 'failing' : r.severity === 1 ? 'not-ready' : 'ok',
    detail: r.detail,
  };
}
