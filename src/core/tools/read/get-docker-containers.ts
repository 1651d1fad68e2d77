import type { V1Container, V1ContainerStatus, V1Pod } from '@kubernetes/client-node';
import { z } from 'zod';
import { formatDuration, toMillis } from '../render/age.js';
import { renderPagedTable } from '../render/paged-table.js';
import { readContinue } from '../render/paging.js';
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
import { selectPods } from './select-pods.js';

const input = z.strictObject({
  cluster: clusterInput,
  namespace: namespaceInput,
  pod: z.string().min(1).max(253).optional().describe('Only this pod (by name).'),
  labelSelector: labelSelectorInput,
  problemsOnly: problemsOnlyInput.describe(
    'true: only containers that are waiting, terminated with an error, not ready or restarting.',
  ),
  limit: limitInput,
  continue: continueInput,
});

export interface ContainerRow {
  namespace: string;
  pod: string;
  container: string;
  init: boolean;
  image: string;
  state: string;
  ready: boolean;
  restarts: number;
  lastTermination?: { reason: string; exitCode: number; finishedAt?: string };
  containerId?: string;
  health: Health;
}

const fineWaiting = new Set(['ContainerCreating', 'PodInitializing']);

export const getDockerContainers = defineReadTool({
  name: 'get_docker_containers',
  title: 'List containers of pods',
  description:
    'List every container (including init containers) of the selected pods, problems first: image, state ' +
    '(Running since, Waiting with reason, Terminated with reason and exit code), ready, restarts, the last ' +
    'termination (e.g. OOMKilled exit 137, Error exit 1) and the container id. Use it to see why a pod ' +
    'restarts or which image runs. Select with namespace, pod, labelSelector or problemsOnly; paged with continue.',
  input,
  async run(args, ctx) {
    const now = Date.now();
    const query = {
      namespace: args.namespace,
      pod: args.pod,
      labelSelector: args.labelSelector,
      problemsOnly: args.problemsOnly,
    };
    const offset = readContinue(args.continue, query);
    const pods = selectPods(ctx.cluster.cache, {
      namespace: args.namespace,
      labelSelector: args.labelSelector,
      fieldSelector: args.pod ? `metadata.name=${args.pod}` : undefined,
    });
    let rows = pods.flatMap((pod) => containerRows(pod, now));
    if (args.problemsOnly) rows = rows.filter((r) => r.health !== 'ok');
    rows.sort(problemsFirst((r) => r.pod));

    const total = rows.length;
    const problems = rows.filter((r) => r.health !== 'ok').length;
    const columns: Column<ContainerRow>[] = [
      ...(args.namespace ? [] : [{ header: 'NAMESPACE', cell: (r: ContainerRow) => r.namespace }]),
      { header: 'POD', cell: (r) => r.pod },
      { header: 'CONTAINER', cell: (r) => (r.init ? `${r.container} (init)` : r.container) },
      { header: 'IMAGE', cell: (r) => r.image, maxWidth: 50 },
      { header: 'STATE', cell: (r) => r.state, maxWidth: 50 },
      { header: 'READY', cell: (r) => (r.ready ? 'true' : 'false') },
      { header: 'RESTARTS', cell: (r) => `${r.restarts}` },
      { header: 'LAST TERMINATION', cell: (r) => lastText(r, now) },
      { header: 'ID', cell: (r) => shortId(r.containerId) },
    ];
    const podCount = new Set(rows.map((r) => `${r.namespace}/${r.pod}`)).size;
    const table = renderPagedTable({
      rows,
      offset,
      limit: args.limit ?? defaultLimit,
      query,
      intro: [
        `Containers of ${count(podCount)} pods (cluster ${ctx.cluster.name}): ${count(total)}; ${count(problems)} with problems.`,
      ],
      columns,
      isProblem: (r) => r.health !== 'ok',
      name: (r) => `${r.namespace}/${r.pod}:${r.container} ${r.state}`,
      narrow: 'namespace / pod / labelSelector / problemsOnly',
      budgetTokens: ctx.budgetTokens,
      empty: 'No containers match.',
    });
    return {
      text: table.text,
      data: {
        cluster: ctx.cluster.name,
        total,
        offset,
        items: table.items,
        continue: table.dataContinue,
      },
      page: table.page,
    };
  },
});

function containerRows(pod: V1Pod, now: number): ContainerRow[] {
  const statuses = new Map<string, V1ContainerStatus>();
  for (const s of [
    ...(pod.status?.initContainerStatuses ?? []),
    ...(pod.status?.containerStatuses ?? []),
  ])
    statuses.set(s.name, s);
  const specs: [V1Container, boolean][] = [
    ...(pod.spec?.initContainers ?? []).map((c): [V1Container, boolean] => [c, true]),
    ...(pod.spec?.containers ?? []).map((c): [V1Container, boolean] => [c, false]),
  ];
  return specs.map(([spec, init]) => toRow(pod, spec, init, statuses.get(spec.name), now));
}

function toRow(
  pod: V1Pod,
  spec: V1Container,
  init: boolean,
  status: V1ContainerStatus | undefined,
  now: number,
): ContainerRow {
  const { running, waiting, terminated } = status?.state ?? {};
  const last = status?.lastState?.terminated;
  let state = 'Waiting (no status yet)';
  if (running) state = `Running ${formatDuration(now - (toMillis(running.startedAt) ?? now))}`;
  else if (waiting) state = `Waiting: ${waiting.reason ?? 'unknown'}`;
  else if (terminated)
    state = `Terminated: ${terminated.reason ?? 'Error'} (exit ${terminated.exitCode})`;

  const ready = status?.ready ?? false;
  const restarts = status?.restartCount ?? 0;
  const lastAt = toMillis(last?.finishedAt);
  const sidecar = init && spec.restartPolicy === 'Always';
  const completedInit = init && !sidecar && terminated?.exitCode === 0;
  const failingNow =
    (waiting && !fineWaiting.has(waiting.reason ?? '')) ||
    (terminated && terminated.exitCode !== 0);
  const flapping = lastAt !== undefined && now - lastAt < 10 * 60_000;
  const health = failingNow
    ? 'failing'
    : completedInit || (ready && !flapping) || terminated?.exitCode === 0
      ? 'ok'
      : 'not-ready';
  return {
    namespace: pod.metadata?.namespace ?? '',
    pod: pod.metadata?.name ?? '',
    container: spec.name,
    init,
    image: status?.image || spec.image || '?',
    state,
    ready,
    restarts,
    lastTermination: last
      ? {
          reason: last.reason ?? 'Error',
          exitCode: last.exitCode,
          finishedAt: lastAt ? new Date(lastAt).toISOString() : undefined,
        }
      : undefined,
    containerId: status?.containerID || undefined,
    health,
  };
}

function lastText(r: ContainerRow, now: number): string {
  const t = r.lastTermination;
  if (!t) return '-';
  const ago = t.finishedAt ? `, ${formatDuration(now - Date.parse(t.finishedAt))} ago` : '';
  return `${t.reason} exit ${t.exitCode}${ago}`;
}

/** `containerd://3f2a…` cut to the 12 characters docker and crictl show. */
function shortId(id: string | undefined): string {
  if (!id) return '-';
  const [runtime, hash] = id.includes('://') ? id.split('://') : ['', id];
  return `${runtime ? `${runtime}://` : ''}${(hash ?? '').slice(0, 12)}`;
}
