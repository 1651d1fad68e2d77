import { Router, type Request } from 'express';
import { UserError } from '../../core/errors/user-error.js';
import type { AuditRecord } from '../../core/store/repos/audit.js';
import { viewerOf } from '../auth/viewer.js';
import type { DashboardContext } from '../context.js';
import { badge, options, table, utc } from '../html/format.js';
import { html } from '../html/html.js';
import { page } from '../html/layout.js';
import { queryText, sendPage } from '../http/respond.js';

const shown = 200;
// The repository filters by actor, tool and start time; outcome and end time are applied here,
// over at most this many of the newest matching rows.
const scanned = 5000;

interface AuditFilters {
  user?: string;
  tool?: string;
  outcome?: string;
  since?: string;
  until?: string;
}

/** `/audit`: who did what, where, with what outcome; filtered by user, tool, outcome and time. */
export function auditRoutes(ctx: DashboardContext): Router {
  const router = Router();
  router.get('/audit', async (req, res) => {
    const viewer = viewerOf(res);
    const f = readFilters(req);
    const since = parseUtc(f.since, 'from');
    const until = parseUtc(f.until, 'until');
    const actor =
      f.user === undefined ? undefined : f.user.includes(':') ? f.user : `web:${f.user}`;
    const rows = (await ctx.audit.list({ actor, tool: f.tool, since, limit: scanned })).filter(
      (r) => (until === undefined || r.at <= until) && matchesOutcome(r.outcome, f.outcome),
    );
    sendPage(
      res,
      page({
        title: 'Audit log',
        viewer,
        active: 'audit',
        body: html`<form class="filters" method="get" action="/audit">
            <label
              >User <input name="user" value="${f.user ?? ''}" placeholder="alice or slack:U123"
            /></label>
            <label>Tool <input name="tool" value="${f.tool ?? ''}" placeholder="get_pods" /></label>
            <label
              >Outcome
              <select name="outcome">
                ${options([['', 'any'], 'ok', ['error', 'any error'], 'error:forbidden', 'error:locked', 'approval_required'], f.outcome ?? '')}
              </select></label
            >
            <label
              >From (UTC) <input type="datetime-local" name="since" value="${f.since ?? ''}"
            /></label>
            <label
              >Until (UTC) <input type="datetime-local" name="until" value="${f.until ?? ''}"
            /></label>
            <button type="submit">Filter</button>
          </form>
          <p class="summary">
            ${rows.length > shown ? `The newest ${shown} of ${rows.length} matching entries.` : `${rows.length} matching entries.`}
          </p>
          ${table(
            ['Time', 'User', 'Role', 'Surface', 'Action', 'Tool', 'Cluster', 'Outcome', 'Detail'],
            rows.slice(0, shown).map((r) => [
              utc(r.at),
              r.actor,
              r.role ?? '',
              r.surface,
              r.action,
              r.tool ?? '',
              r.cluster ?? '',
              badge(
                r.outcome,
                r.outcome === 'ok' ? 'ok' : r.outcome.startsWith('error') ? 'bad' : 'warn',
              ),
              html`${r.detail ?? ''}${
                r.args === undefined
                  ? ''
                  : html`<details>
                      <summary>arguments</summary>
                      <pre>${JSON.stringify(r.args, null, 1)}</pre>
                    </details>`
              }`,
            ]),
            { empty: 'No audit entries match.', id: 'audit' },
          )}`,
      }),
    );
  });
  return router;
}

function readFilters(req: Request): AuditFilters {
  return {
    user: queryText(req, 'user', 200),
    tool: queryText(req, 'tool', 100),
    outcome: queryText(req, 'outcome', 100),
    since: queryText(req, 'since', 30),
    until: queryText(req, 'until', 30),
  };
}

/** `error` matches every `error:<kind>`; anything else matches exactly. */
function matchesOutcome(outcome: AuditRecord['outcome'], wanted: string | undefined): boolean {
  if (!wanted) return true;
  if (wanted === 'error') return outcome === 'error' || outcome.startsWith('error:');
  return outcome === wanted;
}

/** A `datetime-local` value read as UTC (the page shows every time in UTC). */
function parseUtc(text: string | undefined, what: string): number | undefined {
  if (text === undefined) return undefined;
  const ms = Date.parse(/Z$/.test(text) ? text : `${text}Z`);
  if (Number.isNaN(ms))
    throw new UserError(
      'bad-input',
      `The "${what}" time "${text}" is not a date and time.`,
      'Use the date picker, or write 2025-03-03T09:00.',
    );
  return ms;
}
