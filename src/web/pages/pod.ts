import type { CoreV1Event, V1Container, V1ContainerStatus, V1Pod } from '@kubernetes/client-node';
import { Router } from 'express';
import { UserError } from '../../core/errors/user-error.js';
import type { Cluster } from '../../core/kube/cluster.js';
import { redactText } from '../../core/policy/redact.js';
import { formatDuration, toMillis } from '../../core/tools/render/age.js';
import { printableLine, type LogLine } from '../../core/tools/render/log-lines.js';
import { summarizePod } from '../../core/tools/render/pod-status.js';
import { viewerOf, webCallerId, type Viewer } from '../auth/viewer.js';
import type { DashboardContext } from '../context.js';
import { ago, badge, options, table, utc, withQuery } from '../html/format.js';
import { html, type SafeHtml } from '../html/html.js';
import { page } from '../html/layout.js';
import { queryText, sendPage } from '../http/respond.js';
import { podPath, statusBadge } from './pod-parts.js';

const logLines = 100;
const eventRows = 30;

/** `/pods/CLUSTER/NAMESPACE/NAME`: status, containers, events and the recent log of one pod. */
export function podRoutes(ctx: DashboardContext): Router {
  const router = Router();
  router.get('/pods/:cluster/:namespace/:name', async (req, res) => {
    const viewer = viewerOf(res);
    const { cluster: clusterName = '', namespace = '', name = '' } = req.params;
    const cluster = await ctx.services.clusters.get(clusterName);
    const pod = cluster.cache.get('pods', namespace, name);
    if (!pod) {
      throw new UserError(
        'not-found',
        `There is no pod "${name}" in namespace "${namespace}" of cluster "${cluster.name}".`,
        'It may have been replaced: find its successor under Workloads.',
      );
    }
    const now = ctx.now();
    const containers = (pod.spec?.containers ?? []).map((c) => c.name);
    const asked = queryText(req, 'container', 253);
    const container = asked && containers.includes(asked) ? asked : containers[0];
    const previous = queryText(req, 'previous', 5) === '1';
    const logs = container
      ? await readLogs(ctx, viewer, cluster.name, pod, container, previous)
      : undefined;
    sendPage(
      res,
      page({
        title: `Pod ${namespace}/${name}`,
        viewer,
        active: 'workloads',
        body: html`${summary(cluster, pod, now)}
          <section class="card">
            <h2>Containers</h2>
            ${containersTable(pod, now)}
          </section>
          <section class="card">
            <h2>Events</h2>
            ${eventsTable(cluster, pod, now)}
          </section>
          <section class="card" id="logs">
            <h2>Recent log</h2>
            ${logForm(cluster.name, pod, containers, container, previous)}${logs ?? ''}
          </section>`,
      }),
    );
  });
  return router;
}

function summary(cluster: Cluster, pod: V1Pod, now: number): SafeHtml {
  const s = summarizePod(pod, now);
  const owner = pod.metadata?.ownerReferences?.[0];
  const labels = Object.entries(pod.metadata?.labels ?? {});
  const metricsLink = withQuery('/metrics', {
    cluster: cluster.name,
    kind: 'pod',
    object: `${s.namespace}/${s.name}`,
  });
  return html`<section class="card">
    <dl class="facts">
      <dt>Status</dt>
      <dd>
        ${statusBadge(s.status, s.severity)}${s.detail ? html` <span class="hint">${s.detail}</span>` : ''}
      </dd>
      <dt>Ready</dt>
      <dd>${s.ready}</dd>
      <dt>Restarts</dt>
      <dd>${s.restartsText}</dd>
      <dt>Node</dt>
      <dd>${s.node}</dd>
      <dt>Pod IP</dt>
      <dd>${pod.status?.podIP ?? '-'}</dd>
      <dt>Created</dt>
      <dd>${ago(s.createdAt, now)}</dd>
      <dt>Owner</dt>
      <dd>${owner ? `${owner.kind} ${owner.name}` : '-'}</dd>
      <dt>Labels</dt>
      <dd>${labels.length ? labels.map(([k, v]) => badge(`${k}=${v}`, 'muted')) : '-'}</dd>
    </dl>
    <p><a href="${metricsLink}">CPU and memory of this pod</a></p>
  </section>`;
}

function containersTable(pod: V1Pod, now: number): SafeHtml {
  const statuses = new Map<string, V1ContainerStatus>(
    (pod.status?.containerStatuses ?? []).map((c) => [c.name, c]),
  );
  return table(
    ['Container', 'Image', 'State', 'Ready', 'Restarts', 'Last exit', 'Requests', 'Limits'],
    (pod.spec?.containers ?? []).map((c: V1Container) => {
      const st = statuses.get(c.name);
      const last = st?.lastState?.terminated;
      return [
        c.name,
        html`<code>${c.image ?? ''}</code>`,
        stateOf(st, now),
        st?.ready ? badge('yes', 'ok') : badge('no', 'warn'),
        st?.restartCount ?? 0,
        last
          ? `${last.reason ?? 'Error'} (${last.exitCode}) ${formatAgo(toMillis(last.finishedAt), now)}`
          : '-',
        resources(c.resources?.requests),
        resources(c.resources?.limits),
      ];
    }),
    { empty: 'No containers.' },
  );
}

function stateOf(st: V1ContainerStatus | undefined, now: number): SafeHtml {
  const state = st?.state;
  if (state?.running)
    return html`${badge('running', 'ok')} since ${formatAgo(toMillis(state.running.startedAt), now)}`;
  if (state?.waiting) {
    return html`${badge(state.waiting.reason ?? 'waiting', 'warn')}${state.waiting.message ? html`<div class="hint">${redactText(state.waiting.message)}</div>` : ''}`;
  }
  if (state?.terminated)
    return badge(
      `${state.terminated.reason ?? 'terminated'} (${state.terminated.exitCode})`,
      'muted',
    );
  return badge('unknown', 'muted');
}

function formatAgo(ms: number | undefined, now: number): string {
  return ms === undefined ? '' : `${formatDuration(now - ms)} ago`;
}

function resources(values: Record<string, string> | undefined): string {
  const entries = Object.entries(values ?? {});
  return entries.length ? entries.map(([k, v]) => `${k} ${v}`).join(', ') : '-';
}

function eventsTable(cluster: Cluster, pod: V1Pod, now: number): SafeHtml {
  const name = pod.metadata?.name;
  const when = (e: CoreV1Event) =>
    toMillis(e.lastTimestamp) ?? toMillis(e.eventTime) ?? toMillis(e.firstTimestamp) ?? 0;
  const events = cluster.cache
    .list('events', pod.metadata?.namespace)
    .filter((e) => e.involvedObject?.kind === 'Pod' && e.involvedObject.name === name)
    .sort((a, b) => when(b) - when(a));
  return table(
    ['Type', 'Reason', 'Last seen', 'Count', 'Message'],
    events
      .slice(0, eventRows)
      .map((e) => [
        e.type === 'Warning' ? badge('Warning', 'warn') : badge(e.type ?? 'Normal', 'muted'),
        e.reason ?? '',
        html`<span title="${utc(when(e))}">${formatAgo(when(e), now)}</span>`,
        e.count ?? 1,
        redactText(e.message ?? ''),
      ]),
    { empty: 'No events (they expire after an hour).' },
  );
}

function logForm(
  cluster: string,
  pod: V1Pod,
  containers: string[],
  container: string | undefined,
  previous: boolean,
): SafeHtml {
  const action = podPath(cluster, pod.metadata?.namespace ?? '', pod.metadata?.name ?? '');
  return html`<form class="filters" method="get" action="${action}#logs">
    ${
      containers.length > 1
        ? html`<label
            >Container
            <select name="container">
              ${options(containers, container)}
            </select></label
          >`
        : ''
    }
    <label class="check"
      ><input type="checkbox" name="previous" value="1" ${previous ? html` checked` : ''} />
      previous instance (why it crashed)</label
    >
    <button type="submit">Show</button>
  </form>`;
}

/** Through the tool registry: logs are redacted and the read is audited like any other surface's. */
async function readLogs(
  ctx: DashboardContext,
  viewer: Viewer,
  cluster: string,
  pod: V1Pod,
  container: string,
  previous: boolean,
): Promise<SafeHtml> {
  const outcome = await ctx.services.tools.invoke(
    {
      tool: 'get_pod_logs',
      cluster,
      args: {
        pod: pod.metadata?.name,
        namespace: pod.metadata?.namespace,
        container,
        tailLines: logLines,
        ...(previous ? { previous: true } : {}),
      },
    },
    { id: webCallerId(viewer.username), name: viewer.username, role: viewer.role, surface: 'web' },
  );
  if (outcome.status === 'error') return html`<p class="empty">${outcome.error.toText()}</p>`;
  if (outcome.status !== 'ok') return html`<p class="empty">The log could not be read.</p>`;
  const lines = ((outcome.result.data as { lines?: LogLine[] }).lines ?? []).map((l) =>
    printableLine(l, 2000),
  );
  if (lines.length === 0) return html`<p class="empty">No log lines.</p>`;
  return html`<pre class="logs" data-log-lines="${lines.length}">
${lines.map((l) => `${l}\n`)}</pre>`;
}
