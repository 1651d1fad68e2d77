import { Router } from 'express';
import type { Alert } from '../../core/alerts/alert.js';
import { formatCpu, formatMemory, formatPercent } from '../../core/tools/render/quantity.js';
import type { PodSummary } from '../../core/tools/render/pod-status.js';
import { viewerOf } from '../auth/viewer.js';
import type { DashboardContext } from '../context.js';
import {
  connectClusters,
  countPods,
  deploymentRows,
  nodeRows,
  summarizePods,
  type ClusterResult,
} from '../data/cluster-state.js';
import type { Consumer, TopConsumers } from '../data/top-consumers.js';
import { badge, table, withQuery } from '../html/format.js';
import { html, type SafeHtml } from '../html/html.js';
import { page } from '../html/layout.js';
import { sendPage } from '../http/respond.js';
import { alertsTable } from './alert-parts.js';
import { podLink, statusBadge } from './pod-parts.js';

const problemRows = 10;
// A slow metrics API must not hold the whole page: its part says so instead.
const usageWaitMs = 3000;

/** `/`: every cluster's nodes, pods by status, problems, top consumers, and the firing alerts. */
export function overviewRoutes(ctx: DashboardContext): Router {
  const router = Router();
  router.get('/', async (_req, res) => {
    const viewer = viewerOf(res);
    const now = ctx.now();
    const [clusters, firing] = await Promise.all([
      connectClusters(ctx.services.clusters),
      ctx.alerts?.list({ state: 'firing', limit: 50 }),
    ]);
    const sections = await Promise.all(clusters.map((c) => clusterSection(ctx, c, firing, now)));
    // Alert times are on the pipeline's clock (the sim's in the demo).
    const alertNow = ctx.metrics?.now() ?? now;
    sendPage(
      res,
      page({
        title: 'Overview',
        viewer,
        active: 'overview',
        flashes: ctx.flashes.take(viewer),
        body: html`${firingSection(firing, alertNow)}${sections}`,
      }),
    );
  });
  return router;
}

function firingSection(firing: Alert[] | undefined, now: number): SafeHtml {
  if (!firing) {
    return html`<section class="card">
      <h2>Firing alerts</h2>
      <p class="empty">
        The alert pipeline is not running in this process, so there are no alerts to show.
      </p>
    </section>`;
  }
  return html`<section class="card" id="firing-alerts">
    <h2>Firing alerts <span class="count" data-stat="alerts-firing">${firing.length}</span></h2>
    ${alertsTable(firing, now, 'No alert is firing.')}
  </section>`;
}

async function clusterSection(
  ctx: DashboardContext,
  result: ClusterResult,
  firing: Alert[] | undefined,
  now: number,
): Promise<SafeHtml> {
  if ('error' in result) {
    return html`<section class="card" data-cluster="${result.name}">
      <h2>Cluster ${result.name}</h2>
      <div class="flash flash-error" role="alert"><p>${result.error}</p></div>
    </section>`;
  }
  const { cluster } = result;
  const nodes = nodeRows(cluster.cache.list('nodes'));
  const summaries = summarizePods(cluster.cache.list('pods'), now);
  const counts = countPods(summaries);
  const deployments = deploymentRows(cluster.cache.list('deployments'));
  const short = deployments.filter((d) => d.problem).length;
  const readyNodes = nodes.filter((n) => n.ready).length;
  const alerts = firing?.filter((a) => a.subject.cluster === cluster.name).length;
  const top = await withDeadline(ctx.topConsumers.get(cluster), usageWaitMs, {
    byMemory: [],
    byCpu: [],
    error: 'CPU and memory use are still being read from the metrics API; reload in a moment.',
  });
  const workloads = (query: Record<string, string>) =>
    withQuery('/workloads', { cluster: cluster.name, ...query });

  return html`<section class="card" data-cluster="${cluster.name}">
    <h2>Cluster ${cluster.name}</h2>
    <div class="stats">
      ${stat('Nodes ready', html`<span data-stat="nodes-ready">${readyNodes}</span>/<span data-stat="nodes-total">${nodes.length}</span>`, readyNodes < nodes.length ? 'bad' : 'ok')}
      ${stat('Pods', html`<a href="${workloads({})}" data-stat="pods-total">${counts.total}</a>`, 'info')}
      ${stat('Failing', html`<a href="${workloads({ status: 'problems' })}" data-stat="pods-failing">${counts.failing}</a>`, counts.failing > 0 ? 'bad' : 'ok')}
      ${stat('Not ready', html`<span data-stat="pods-not-ready">${counts.notReady}</span>`, counts.notReady > 0 ? 'warn' : 'ok')}
      ${stat('Deployments short', html`<span data-stat="deployments-short">${short}</span>/${deployments.length}`, short > 0 ? 'warn' : 'ok')}
      ${alerts === undefined ? '' : stat('Firing alerts', html`<a href="/alerts" data-stat="cluster-alerts">${alerts}</a>`, alerts > 0 ? 'bad' : 'ok')}
    </div>
    <div class="grid">
      <div>
        <h3>Pods by status</h3>
        ${table(
          ['Status', 'Pods'],
          counts.byStatus.map(([status, n]) => [
            html`<a href="${workloads({ status })}"
              >${statusBadge(status, severityOfStatus(summaries, status))}</a
            >`,
            html`<span data-status-count="${status}">${n}</span>`,
          ]),
          { empty: 'No pods.' },
        )}
      </div>
      <div>
        <h3>Nodes</h3>
        ${table(
          ['Node', 'Status', 'Roles', 'CPU', 'Memory'],
          nodes.map((n) => [
            html`<a
              href="${withQuery('/metrics', { cluster: cluster.name, kind: 'node', object: n.name })}"
              >${n.name}</a
            >`,
            html`${n.ready ? badge('Ready', 'ok') : badge('NotReady', 'bad')}${n.unschedulable ? badge('cordoned', 'warn') : ''}${n.pressure.map((p) => badge(p, 'warn'))}`,
            n.roles,
            formatCpu(n.cpuAllocatable),
            formatMemory(n.memoryAllocatable),
          ]),
          { empty: 'No nodes.' },
        )}
      </div>
    </div>
    <h3>Problems</h3>
    ${problemsTable(cluster.name, summaries)}
    <h3>Top consumers</h3>
    ${consumers(cluster.name, top)}
  </section>`;
}

function stat(label: string, value: SafeHtml, tone: 'ok' | 'warn' | 'bad' | 'info'): SafeHtml {
  return html`<div class="stat stat-${tone}">
    <div class="stat-value">${value}</div>
    <div class="stat-label">${label}</div>
  </div>`;
}

/** The mildest severity among pods with this STATUS: `Running` stays green when one pod is unready. */
function severityOfStatus(summaries: PodSummary[], status: string): 0 | 1 | 2 {
  let mildest: 0 | 1 | 2 = 2;
  for (const s of summaries) if (s.status === status && s.severity < mildest) mildest = s.severity;
  return mildest;
}

function problemsTable(cluster: string, summaries: PodSummary[]): SafeHtml {
  const problems = summaries.filter((s) => s.severity > 0);
  const rows = problems
    .slice(0, problemRows)
    .map((s) => [
      podLink(cluster, s.namespace, s.name),
      statusBadge(s.status, s.severity),
      s.restartsText,
      s.detail ?? '',
    ]);
  const more =
    problems.length > problemRows
      ? html`<p>
          <a href="${withQuery('/workloads', { cluster, status: 'problems' })}"
            >All ${problems.length} pods with problems</a
          >
        </p>`
      : '';
  return html`${table(['Pod', 'Status', 'Restarts', 'Why'], rows, { empty: 'No pod has a problem.' })}${more}`;
}

function consumers(cluster: string, top: TopConsumers): SafeHtml {
  if (top.error) return html`<p class="empty">${top.error}</p>`;
  const link = (c: Consumer) =>
    html`<a
      href="${withQuery('/metrics', { cluster, kind: 'pod', object: `${c.namespace}/${c.name}` })}"
      >${c.namespace}/${c.name}</a
    >`;
  return html`<div class="grid">
    <div>
      <h4>Memory</h4>
      ${table(
        ['Pod', 'Memory', 'of limit'],
        top.byMemory.map((c) => [
          link(c),
          formatMemory(c.memoryBytes),
          formatPercent(c.memoryBytes, c.memoryLimit),
        ]),
        { empty: 'No usage reported.' },
      )}
    </div>
    <div>
      <h4>CPU</h4>
      ${table(
        ['Pod', 'CPU', 'of limit'],
        top.byCpu.map((c) => [
          link(c),
          formatCpu(c.cpuCores),
          formatPercent(c.cpuCores, c.cpuLimit),
        ]),
        { empty: 'No usage reported.' },
      )}
    </div>
  </div>`;
}

function withDeadline<T>(work: Promise<T>, ms: number, fallback: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(fallback), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}
