import { Router, type Request } from 'express';
import { UserError } from '../../core/errors/user-error.js';
import { viewerOf } from '../auth/viewer.js';
import type { DashboardContext } from '../context.js';
import { chartData, chartRanges, type ChartQuery, type ChartRange } from '../data/metrics-chart.js';
import { options, withQuery } from '../html/format.js';
import { html, type SafeHtml } from '../html/html.js';
import { page } from '../html/layout.js';
import { queryText, sendJson, sendPage } from '../http/respond.js';
import type { MetricsView } from '../ports.js';

/** `/metrics` (the page with its chart) and `/api/metrics` (the JSON the chart fetches). */
export function metricsRoutes(ctx: DashboardContext): Router {
  const router = Router();

  router.get('/metrics', (req, res) => {
    const viewer = viewerOf(res);
    const query = readQuery(req, ctx.services.clusters.names());
    const metrics = ctx.metrics;
    const body = metrics
      ? html`${pickerForm(metrics, query, ctx.services.clusters.names())}${query.object ? chart(query as ChartQuery) : html`<p class="empty">Choose a pod or a node to see its history and forecast.</p>`}`
      : html`<p class="empty">
          Metrics are not collected in this process (the monitoring pipeline is off), so there is no
          history to show.
        </p>`;
    sendPage(res, page({ title: 'Metrics', viewer, active: 'metrics', body, scripts: ['chart'] }));
  });

  router.get('/api/metrics', async (req, res) => {
    if (!ctx.metrics)
      throw new UserError('unavailable', 'Metrics are not collected in this process.');
    const query = readQuery(req, ctx.services.clusters.names());
    if (!query.object)
      throw new UserError(
        'bad-input',
        'Say which object: ?kind=pod&object=NAMESPACE/NAME or ?kind=node&object=NAME.',
      );
    sendJson(res, await chartData(ctx.metrics, query as ChartQuery));
  });

  return router;
}

function readQuery(
  req: Request,
  clusters: string[],
): Omit<ChartQuery, 'object'> & { object?: string } {
  const cluster = queryText(req, 'cluster', 100);
  if (cluster && !clusters.includes(cluster)) {
    throw new UserError(
      'not-found',
      `No cluster named "${cluster}".`,
      `Known clusters: ${clusters.join(', ')}.`,
    );
  }
  const range = queryText(req, 'range', 5);
  return {
    cluster: cluster ?? (clusters[0] as string),
    kind: queryText(req, 'kind', 5) === 'node' ? 'node' : 'pod',
    object: queryText(req, 'object', 600),
    metric: queryText(req, 'metric', 10) === 'cpu' ? 'cpu' : 'memory',
    range: range && range in chartRanges ? (range as ChartRange) : '6h',
  };
}

function pickerForm(
  metrics: MetricsView,
  q: Omit<ChartQuery, 'object'> & { object?: string },
  clusters: string[],
): SafeHtml {
  const prefix = q.kind === 'pod' ? 'pod/' : 'node/';
  const objects = metrics
    .objects(q.cluster, q.kind)
    .map((o) => o.slice(prefix.length))
    .sort();
  return html`<form class="filters" method="get" action="/metrics">
    ${
      clusters.length > 1
        ? html`<label
            >Cluster
            <select name="cluster">
              ${options(clusters, q.cluster)}
            </select></label
          >`
        : html`<input type="hidden" name="cluster" value="${q.cluster}" />`
    }
    <label
      >Kind
      <select name="kind">
        ${options(['pod', 'node'], q.kind)}
      </select></label
    >
    <label class="wide"
      >${q.kind === 'pod' ? 'Pod (namespace/name)' : 'Node'}
      <input name="object" value="${q.object ?? ''}" list="objects" autocomplete="off"
    /></label>
    <datalist id="objects">${objects.map((o) => html`<option value="${o}"></option>`)}</datalist>
    <label
      >Metric
      <select name="metric">
        ${options(
          [
            ['memory', 'memory'],
            ['cpu', 'CPU'],
          ],
          q.metric,
        )}
      </select></label
    >
    <label
      >Range
      <select name="range">
        ${options(
          [
            ['1h', 'last hour'],
            ['6h', 'last 6 hours'],
            ['24h', 'last day'],
            ['7d', 'last week'],
          ],
          q.range,
        )}
      </select></label
    >
    <button type="submit">Show</button>
  </form>`;
}

function chart(q: ChartQuery): SafeHtml {
  const src = withQuery('/api/metrics', { ...q });
  return html`<section class="card">
    <h2>${q.metric === 'cpu' ? 'CPU' : 'Memory'} of ${q.kind} ${q.object}</h2>
    <div class="chart" data-chart data-src="${src}"><p class="empty">Loading the chart…</p></div>
    <ul class="legend">
      <li class="l-history">history</li>
      <li class="l-forecast">forecast (6 h) with its band</li>
      <li class="l-limit">limit</li>
    </ul>
    <ul class="notes" data-chart-notes></ul>
    <noscript
      ><p>The chart needs JavaScript; the data is at <a href="${src}">${src}</a>.</p></noscript
    >
  </section>`;
}
