import { Router, type Request } from 'express';
import type { Cluster } from '../../core/kube/cluster.js';
import { formatDuration } from '../../core/tools/render/age.js';
import type { PodSummary } from '../../core/tools/render/pod-status.js';
import { viewerOf } from '../auth/viewer.js';
import type { DashboardContext } from '../context.js';
import { deploymentRows, summarizePods } from '../data/cluster-state.js';
import { badge, options, table, withQuery } from '../html/format.js';
import { html, type SafeHtml } from '../html/html.js';
import { page } from '../html/layout.js';
import { queryText, sendPage } from '../http/respond.js';
import { podLink, statusBadge } from './pod-parts.js';

const pageSize = 100;

interface Filters {
  cluster: string;
  namespace?: string;
  /** `problems`, or one STATUS value such as `CrashLoopBackOff`. */
  status?: string;
  q?: string;
  view: 'pods' | 'deployments';
  page: number;
}

/** `/workloads`: pods (problems first) or deployments, filtered, a page at a time. */
export function workloadsRoutes(ctx: DashboardContext): Router {
  const router = Router();
  router.get('/workloads', async (req, res) => {
    const viewer = viewerOf(res);
    const filters = readFilters(req, ctx.services.clusters.names());
    const cluster = await ctx.services.clusters.get(filters.cluster);
    const now = ctx.now();
    const body =
      filters.view === 'pods'
        ? podsView(cluster, filters, now)
        : deploymentsView(cluster, filters, now);
    sendPage(
      res,
      page({
        title: 'Workloads',
        viewer,
        active: 'workloads',
        flashes: ctx.flashes.take(viewer),
        body: html`${filterForm(ctx, cluster, filters)}${body}`,
      }),
    );
  });
  return router;
}

function readFilters(req: Request, clusters: string[]): Filters {
  const asked = queryText(req, 'cluster', 100);
  const pageNumber = Number(queryText(req, 'page', 6) ?? '1');
  return {
    cluster: asked && clusters.includes(asked) ? asked : (clusters[0] as string),
    namespace: queryText(req, 'namespace', 253),
    status: queryText(req, 'status', 100),
    q: queryText(req, 'q', 253),
    view: queryText(req, 'view', 20) === 'deployments' ? 'deployments' : 'pods',
    page: Number.isInteger(pageNumber) && pageNumber > 0 ? pageNumber : 1,
  };
}

function filterForm(ctx: DashboardContext, cluster: Cluster, f: Filters): SafeHtml {
  const clusters = ctx.services.clusters.names();
  const namespaces = cluster.cache
    .list('namespaces')
    .map((n) => n.metadata?.name ?? '')
    .sort();
  const tab = (view: Filters['view'], label: string) =>
    html`<a
      href="${withQuery('/workloads', { cluster: f.cluster, namespace: f.namespace, view })}"
      ${f.view === view ? html` aria-current="page"` : ''}
      >${label}</a
    >`;
  return html`<nav class="tabs">${tab('pods', 'Pods')}${tab('deployments', 'Deployments')}</nav>
    <form class="filters" method="get" action="/workloads">
      <input type="hidden" name="view" value="${f.view}" />
      ${
        clusters.length > 1
          ? html`<label
              >Cluster
              <select name="cluster">
                ${options(clusters, f.cluster)}
              </select></label
            >`
          : html`<input type="hidden" name="cluster" value="${f.cluster}" />`
      }
      <label
        >Namespace
        <select name="namespace">
          ${options([['', 'all'], ...namespaces], f.namespace ?? '')}
        </select></label
      >
      ${
        f.view === 'pods'
          ? html`<label
                >Status
                <input
                  name="status"
                  value="${f.status ?? ''}"
                  placeholder="problems, Running, ..."
                  list="statuses"
              /></label>
              <datalist id="statuses">
                <option value="problems"></option>
                <option value="Running"></option>
                <option value="Pending"></option>
                <option value="CrashLoopBackOff"></option>
              </datalist>`
          : ''
      }
      <label>Name <input name="q" value="${f.q ?? ''}" placeholder="contains" /></label>
      <button type="submit">Filter</button>
    </form>`;
}

function podsView(cluster: Cluster, f: Filters, now: number): SafeHtml {
  const q = f.q?.toLowerCase();
  const rows = summarizePods(cluster.cache.list('pods', f.namespace), now).filter(
    (s) =>
      (!f.status || (f.status === 'problems' ? s.severity > 0 : s.status === f.status)) &&
      (!q || s.name.toLowerCase().includes(q)),
  );
  const pages = Math.max(1, Math.ceil(rows.length / pageSize));
  const current = Math.min(f.page, pages);
  const shown = rows.slice((current - 1) * pageSize, current * pageSize);
  const problems = rows.filter((r) => r.severity > 0).length;
  return html`<p class="summary" data-stat="pods-matching">
      ${rows.length} pods${problems > 0 ? html`, ${badge(`${problems} with problems`, 'bad')}` : ''}
    </p>
    ${table(
      ['Pod', 'Ready', 'Status', 'Restarts', 'Age', 'Node', 'Why'],
      shown.map((s) => podRow(cluster.name, s, now)),
      { empty: 'No pods match.', id: 'pods' },
    )}
    ${pager(f, current, pages)}`;
}

function podRow(cluster: string, s: PodSummary, now: number) {
  return [
    podLink(cluster, s.namespace, s.name),
    s.ready,
    statusBadge(s.status, s.severity),
    s.restartsText,
    s.createdAt === undefined ? '<unknown>' : formatDuration(now - s.createdAt),
    s.node,
    s.detail ?? '',
  ];
}

function deploymentsView(cluster: Cluster, f: Filters, now: number): SafeHtml {
  const q = f.q?.toLowerCase();
  const rows = deploymentRows(cluster.cache.list('deployments', f.namespace)).filter(
    (d) => !q || d.name.toLowerCase().includes(q),
  );
  const pages = Math.max(1, Math.ceil(rows.length / pageSize));
  const current = Math.min(f.page, pages);
  const shown = rows.slice((current - 1) * pageSize, current * pageSize);
  return html`<p class="summary">${rows.length} deployments</p>
    ${table(
      ['Deployment', 'Ready', 'Up to date', 'Available', 'Age', 'Problem'],
      shown.map((d) => [
        html`<a
          href="${withQuery('/workloads', { cluster: cluster.name, namespace: d.namespace, q: d.name })}"
          >${d.namespace}/${d.name}</a
        >`,
        `${d.ready}/${d.desired}`,
        d.updated,
        d.available,
        d.createdAt === undefined ? '<unknown>' : formatDuration(now - d.createdAt),
        d.problem ? badge(d.problem, 'warn') : badge('ok', 'ok'),
      ]),
      { empty: 'No deployments match.', id: 'deployments' },
    )}
    ${pager(f, current, pages)}`;
}

function pager(f: Filters, current: number, pages: number): SafeHtml {
  if (pages <= 1) return html``;
  const link = (n: number, label: string) =>
    html`<a
      href="${withQuery('/workloads', { cluster: f.cluster, namespace: f.namespace, status: f.status, q: f.q, view: f.view, page: n })}"
      >${label}</a
    >`;
  return html`<nav class="pager">
    ${current > 1 ? link(current - 1, 'Previous') : ''}<span>Page ${current} of ${pages}</span
    >${current < pages ? link(current + 1, 'Next') : ''}
  </nav>`;
}
