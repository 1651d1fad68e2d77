import { Router } from 'express';
import { subjectLabel, type Alert, type AlertState } from '../../core/alerts/alert.js';
import { UserError } from '../../core/errors/user-error.js';
import { roleRank } from '../../core/policy/roles.js';
import { requireRole } from '../auth/guards.js';
import { viewerOf, webCallerId, type Viewer } from '../auth/viewer.js';
import type { DashboardContext } from '../context.js';
import { ago, badge, options, table, utc } from '../html/format.js';
import { html, type SafeHtml } from '../html/html.js';
import { csrfField, page } from '../html/layout.js';
import { formText, queryText, redirect, sendPage } from '../http/respond.js';
import type { AlertsView } from '../ports.js';
import { alertsTable, severityBadge } from './alert-parts.js';

const states: AlertState[] = ['firing', 'acknowledged', 'resolved'];
const silenceDurations: Array<[string, string, number]> = [
  ['1h', '1 hour', 3_600_000],
  ['4h', '4 hours', 4 * 3_600_000],
  ['24h', '1 day', 86_400_000],
  ['7d', '1 week', 7 * 86_400_000],
];

/** `/alerts` by state, `/alerts/ID` with evidence and explanation; ack and silence for operators. */
export function alertsRoutes(ctx: DashboardContext): Router {
  const router = Router();
  const view = (): AlertsView => {
    if (!ctx.alerts)
      throw new UserError(
        'unavailable',
        'The alert pipeline is not running in this process.',
        'Start AI4K8s with monitoring enabled (it is on by default in `ai4k8s serve` and `ai4k8s demo`).',
      );
    return ctx.alerts;
  };

  router.get('/alerts', async (req, res) => {
    const viewer = viewerOf(res);
    const asked = queryText(req, 'state', 20) as AlertState | undefined;
    const state = asked && states.includes(asked) ? asked : 'firing';
    const alerts = ctx.alerts ? await ctx.alerts.list({ state, limit: 200 }) : undefined;
    const tabs = html`<nav class="tabs">
      ${states.map(
        (s) =>
          html`<a href="/alerts?state=${s}" ${s === state ? html` aria-current="page"` : ''}
            >${s}</a
          >`,
      )}
    </nav>`;
    const body = alerts
      ? html`${tabs}${alertsTable(alerts, alertClock(ctx), `No ${state} alerts.`)}`
      : html`<p class="empty">
          The alert pipeline is not running in this process, so there are no alerts.
        </p>`;
    sendPage(
      res,
      page({ title: 'Alerts', viewer, active: 'alerts', flashes: ctx.flashes.take(viewer), body }),
    );
  });

  router.get('/alerts/:id', async (req, res) => {
    const viewer = viewerOf(res);
    const alert = await findAlert(view(), req.params.id as string);
    const silence = await view().silencedBy(alert);
    sendPage(
      res,
      page({
        title: `Alert #${alert.id}: ${alert.reason}`,
        viewer,
        active: 'alerts',
        flashes: ctx.flashes.take(viewer),
        body: html`${details(alert, silence ? `silenced until ${utc(silence.expiresAt)} by ${silence.createdBy}` : undefined, alertClock(ctx))}
        ${roleRank(viewer.role) >= roleRank('operator') ? actions(viewer, alert) : ''}
        ${evidence(alert)}`,
      }),
    );
  });

  const operator = requireRole('operator', 'Acknowledging and silencing alerts');

  router.post('/alerts/:id/ack', operator, async (req, res) => {
    const viewer = viewerOf(res);
    const alert = await findAlert(view(), req.params.id as string);
    await audited(ctx, viewer, 'alert.ack', alert, () => view().acknowledge(alert.id, who(viewer)));
    ctx.flashes.add(viewer, {
      kind: 'success',
      text: `Acknowledged #${alert.id} ${alert.reason} on ${subjectLabel(alert.subject)}.`,
    });
    redirect(res, `/alerts/${alert.id}`);
  });

  router.post('/alerts/:id/silence', operator, async (req, res) => {
    const viewer = viewerOf(res);
    const alert = await findAlert(view(), req.params.id as string);
    const choice = silenceDurations.find(([key]) => key === formText(req, 'duration', 10));
    if (!choice)
      throw new UserError(
        'bad-input',
        'Choose how long to silence the alert.',
        'Pick one of the durations in the list.',
      );
    const comment = formText(req, 'comment', 500).trim();
    const silence = await audited(ctx, viewer, 'alert.silence', alert, () =>
      view().silence(alert.id, {
        by: who(viewer),
        durationMs: choice[2],
        ...(comment && { comment }),
      }),
    );
    ctx.flashes.add(viewer, {
      kind: 'success',
      text: `Silenced #${alert.id} and its repeats for ${choice[1]}, until ${utc(silence.expiresAt)} (S${silence.id}).`,
    });
    redirect(res, `/alerts/${alert.id}`);
  });

  return router;
}

/** Alert times are on the pipeline's clock (the sim's in the demo). */
function alertClock(ctx: DashboardContext): number {
  return ctx.metrics?.now() ?? ctx.now();
}

function who(viewer: Viewer): string {
  return `${viewer.username} (${webCallerId(viewer.username)})`;
}

async function findAlert(alerts: AlertsView, idText: string): Promise<Alert> {
  const id = /^\d{1,12}$/.test(idText) ? Number(idText) : undefined;
  const alert = id === undefined ? undefined : await alerts.get(id);
  if (!alert)
    throw new UserError(
      'not-found',
      `There is no alert #${idText}.`,
      'Resolved alerts are kept for 30 days.',
    );
  return alert;
}

async function audited<T>(
  ctx: DashboardContext,
  viewer: Viewer,
  action: string,
  alert: Alert,
  work: () => Promise<T>,
): Promise<T> {
  let outcome = 'ok';
  try {
    return await work();
  } catch (error) {
    outcome = error instanceof UserError ? `error:${error.kind}` : 'error:unexpected';
    throw error;
  } finally {
    await ctx.audit
      .record({
        at: ctx.now(),
        actor: webCallerId(viewer.username),
        role: viewer.role,
        surface: 'web',
        action,
        cluster: alert.subject.cluster,
        outcome,
        detail: `#${alert.id} ${alert.reason} on ${subjectLabel(alert.subject)}`,
      })
      .catch((error: unknown) =>
        ctx.logger.error({ err: error, action }, 'could not audit an alert action'),
      );
  }
}

function details(alert: Alert, silenced: string | undefined, now: number): SafeHtml {
  const state =
    alert.state === 'acknowledged'
      ? badge(`acknowledged by ${alert.ackedBy ?? 'someone'}`, 'info')
      : badge(alert.state, alert.state === 'firing' ? 'bad' : 'ok');
  return html`<section class="card">
    <p class="summary">${alert.summary}</p>
    <dl class="facts">
      <dt>State</dt>
      <dd>
        ${state}${alert.flapping ? badge('flapping', 'warn') : ''}${silenced ? badge(silenced, 'muted') : ''}
      </dd>
      <dt>Severity</dt>
      <dd>${severityBadge(alert.severity)}</dd>
      <dt>Object</dt>
      <dd>${subjectLabel(alert.subject)} in cluster ${alert.subject.cluster}</dd>
      <dt>First seen</dt>
      <dd>${ago(alert.firstSeenAt, now)}</dd>
      <dt>Last seen</dt>
      <dd>${ago(alert.lastSeenAt, now)}</dd>
      ${
        alert.resolvedAt
          ? html`<dt>Resolved</dt>
              <dd>${ago(alert.resolvedAt, now)}</dd>`
          : ''
      }
      ${Object.entries(alert.facts).map(
        ([k, v]) =>
          html`<dt>${k}</dt>
            <dd>${v}</dd>`,
      )}
    </dl>
    ${
      alert.explanation
        ? html`<h3>Explanation</h3>
            <p class="explanation">${alert.explanation}</p>`
        : ''
    }
  </section>`;
}

function actions(viewer: Viewer, alert: Alert): SafeHtml {
  if (alert.state === 'resolved') return html``;
  return html`<section class="card actions">
    ${alert.state === 'firing' ? html`<form class="inline" method="post" action="/alerts/${alert.id}/ack">${csrfField(viewer)}<button type="submit" class="primary">Acknowledge</button></form>` : ''}
    <form class="inline" method="post" action="/alerts/${alert.id}/silence">
      ${csrfField(viewer)}
      <label
        >Silence for
        <select name="duration">
          ${options(
            silenceDurations.map(([k, label]) => [k, label] as [string, string]),
            '4h',
          )}
        </select></label
      >
      <label>Why <input name="comment" maxlength="500" placeholder="optional" /></label>
      <button type="submit">Silence</button>
    </form>
  </section>`;
}

function evidence(alert: Alert): SafeHtml {
  const ev = alert.evidence;
  if (!ev)
    return html`<section class="card">
      <h2>Evidence</h2>
      <p class="empty">No evidence was gathered for this alert.</p>
    </section>`;
  return html`<section class="card">
    <h2>Evidence</h2>
    ${ev.owner ? html`<p>${ev.owner}</p>` : ''}
    ${ev.pods.length ? html`<p>Pods: ${ev.pods.join(', ')}</p>` : ''}
    ${
      ev.logs
        ? html`<h3>Log of ${ev.logs.pod} (${ev.logs.container})</h3>
            ${ev.logs.error ? html`<p class="empty">${ev.logs.error}</p>` : html`<pre class="logs">${ev.logs.lines.map((l) => `${l}\n`)}</pre>`}`
        : ''
    }
    <h3>Events</h3>
    ${table(
      ['Time', 'Type', 'Reason', 'Object', 'Count', 'Message'],
      ev.events.map((e) => [utc(e.at), e.type, e.reason, e.object, e.count, e.message]),
      { empty: 'No events.' },
    )}
  </section>`;
}
