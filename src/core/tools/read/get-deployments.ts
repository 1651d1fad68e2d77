import type { V1Deployment } from '@kubernetes/client-node';
import { z } from 'zod';
import type { ClusterCache } from '../../kube/cluster.js';
import { parseLabelSelector } from '../../kube/selectors.js';
import { formatAge } from '../render/age.js';
import { renderPagedTable } from '../render/paged-table.js';
import { readContinue } from '../render/paging.js';
import { summarizePod } from '../render/pod-status.js';
import { problemsFirst, type Health } from '../render/health.js';
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

const input = z.strictObject({
  cluster: clusterInput,
  namespace: namespaceInput,
  labelSelector: labelSelectorInput.describe(
    'kubectl label selector on the Deployments\' own labels, e.g. "team=shop".',
  ),
  problemsOnly: problemsOnlyInput.describe(
    'true: only deployments short of ready replicas or with a failing condition.',
  ),
  limit: limitInput,
  continue: continueInput,
});

export interface DeploymentRow {
  namespace: string;
  name: string;
  desired: number;
  ready: number;
  upToDate: number;
  available: number;
  age: string;
  images: string[];
  paused: boolean;
  /** Failing conditions (`Available=False MinimumReplicasUnavailable`) and what its unhealthy pods show. */
  problems: string[];
  health: Health;
}

export const getDeployments = defineReadTool({
  name: 'get_deployments',
  title: 'List deployments',
  description:
    'List Deployments like `kubectl get deploy -o wide`, problems first: READY (ready/desired replicas), ' +
    'UP-TO-DATE, AVAILABLE, AGE, IMAGES, and for unhealthy ones the failing conditions (e.g. ' +
    'ProgressDeadlineExceeded, MinimumReplicasUnavailable) and the states of their unhealthy pods (e.g. ' +
    '"2 CrashLoopBackOff"). Filter with namespace, labelSelector or problemsOnly; paged with continue. ' +
    'Next step for a failing one: get_pod_logs with the deployment name (it picks the newest pod).',
  input,
  async run(args, ctx) {
    const now = Date.now();
    const query = {
      namespace: args.namespace,
      labelSelector: args.labelSelector,
      problemsOnly: args.problemsOnly,
    };
    const offset = readContinue(args.continue, query);
    const labels = args.labelSelector ? parseLabelSelector(args.labelSelector) : undefined;
    const cache = ctx.cluster.cache;
    const unhealthy = unhealthyPodsByDeployment(cache, args.namespace, now);

    let rows = cache
      .list('deployments', args.namespace)
      .filter((d) => !labels || labels(d.metadata?.labels))
      .map((d) => toRow(d, unhealthy, now));
    if (args.problemsOnly) rows = rows.filter((r) => r.health !== 'ok');
    rows.sort(problemsFirst((r) => r.name));

    const total = rows.length;
    const problems = rows.filter((r) => r.health !== 'ok').length;
    const page = rows.slice(offset, offset + (args.limit ?? defaultLimit));
    const scope = args.namespace ? `namespace ${args.namespace}` : 'all namespaces';
    const columns: Column<DeploymentRow>[] = [
      ...(args.namespace ? [] : [{ header: 'NAMESPACE', cell: (r: DeploymentRow) => r.namespace }]),
      { header: 'NAME', cell: (r) => r.name },
      { header: 'READY', cell: (r) => `${r.ready}/${r.desired}` },
      { header: 'UP-TO-DATE', cell: (r) => `${r.upToDate}` },
      { header: 'AVAILABLE', cell: (r) => `${r.available}` },
      { header: 'AGE', cell: (r) => r.age },
      { header: 'IMAGES', cell: (r) => r.images.join(','), maxWidth: 50 },
      ...(page.some((r) => r.problems.length > 0 || r.paused)
        ? [
            {
              header: 'PROBLEMS',
              cell: (r: DeploymentRow) =>
                r.problems.length > 0 ? r.problems.join('; ') : r.paused ? 'paused' : '',
              maxWidth: 90,
            },
          ]
        : []),
    ];
    const table = renderPagedTable({
      rows,
      offset,
      limit: args.limit ?? defaultLimit,
      query,
      intro: [
        `Deployments in ${scope} (cluster ${ctx.cluster.name}): ${count(total)}; ${count(problems)} not fully ready.`,
      ],
      columns,
      isProblem: (r) => r.health !== 'ok',
      name: (r) => `${r.namespace}/${r.name} ${r.ready}/${r.desired}`,
      narrow: 'namespace / labelSelector / problemsOnly',
      budgetTokens: ctx.budgetTokens,
      empty: 'No deployments match.',
    });
    return {
      text: table.text,
      data: {
        cluster: ctx.cluster.name,
        namespace: args.namespace ?? null,
        total,
        offset,
        items: table.items,
        continue: table.dataContinue,
      },
      page: table.page,
    };
  },
});

function toRow(
  d: V1Deployment,
  unhealthy: Map<string, Map<string, number>>,
  now: number,
): DeploymentRow {
  const namespace = d.metadata?.namespace ?? '';
  const name = d.metadata?.name ?? '';
  const desired = d.spec?.replicas ?? 1;
  const status = d.status ?? {};
  const ready = status.readyReplicas ?? 0;
  const conditions = failingConditions(d);
  const pods = [...(unhealthy.get(`${namespace}/${name}`) ?? new Map<string, number>()).entries()];
  const problems = [...conditions, ...pods.map(([state, n]) => `${n} ${state}`)];
  // A rollout whose new pods fail while the old ones still serve is ready but stuck: not ok.
  const health =
    conditions.length > 0 || (desired > 0 && ready === 0)
      ? 'failing'
      : ready < desired || pods.length > 0
        ? 'not-ready'
        : 'ok';
  return {
    namespace,
    name,
    desired,
    ready,
    upToDate: status.updatedReplicas ?? 0,
    available: status.availableReplicas ?? 0,
    age: formatAge(d.metadata?.creationTimestamp, now),
    images: (d.spec?.template?.spec?.containers ?? []).map((c) => c.image ?? '?'),
    paused: d.spec?.paused === true,
    problems,
    health,
  };
}

/** Conditions that say something is wrong, as `Type=Status Reason`. */
function failingConditions(d: V1Deployment): string[] {
  return (d.status?.conditions ?? [])
    .filter(
      (c) =>
        (c.type === 'Available' && c.status === 'False') ||
        (c.type === 'Progressing' &&
          (c.status === 'False' || c.reason === 'ProgressDeadlineExceeded')) ||
        (c.type === 'ReplicaFailure' && c.status === 'True'),
    )
    .map((c) => `${c.type}=${c.status}${c.reason ? ` ${c.reason}` : ''}`);
}

/**
 * Per `namespace/deployment`, how many of its pods are in each unhealthy state
 * (`CrashLoopBackOff` → 2), found through the owner chain pod → ReplicaSet → Deployment.
 */
function unhealthyPodsByDeployment(
  cache: ClusterCache,
  namespace: string | undefined,
  now: number,
): Map<string, Map<string, number>> {
  const deploymentOfReplicaSet = new Map<string, string>();
  for (const rs of cache.list('replicasets', namespace)) {
    const owner = rs.metadata?.ownerReferences?.find((o) => o.kind === 'Deployment');
    if (owner)
      deploymentOfReplicaSet.set(`${rs.metadata?.namespace}/${rs.metadata?.name}`, owner.name);
  }
  const result = new Map<string, Map<string, number>>();
  for (const pod of cache.list('pods', namespace)) {
    const rs = pod.metadata?.ownerReferences?.find((o) => o.kind === 'ReplicaSet');
    const deployment = rs && deploymentOfReplicaSet.get(`${pod.metadata?.namespace}/${rs.name}`);
    if (!deployment) continue;
    const summary = summarizePod(pod, now);
    if (summary.severity === 0) continue;
    const [readyCount, total] = summary.ready.split('/');
    const state =
      summary.status !== 'Running'
        ? summary.status
        : readyCount !== total
          ? 'Running but not ready'
          : 'restarted recently';
    const key = `${pod.metadata?.namespace}/${deployment}`;
    const states = result.get(key) ?? new Map<string, number>();
    states.set(state, (states.get(state) ?? 0) + 1);
    result.set(key, states);
  }
  return result;
}
