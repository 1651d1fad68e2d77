import { severityRank, subjectLabel, type Alert } from '../../core/alerts/alert.js';
import { formatDuration } from '../../core/tools/render/age.js';
import { badge, table, type Tone } from '../html/format.js';
import { html, type SafeHtml } from '../html/html.js';

export function severityBadge(severity: Alert['severity']): SafeHtml {
  const tone: Tone =
    severityRank(severity) >= 2 ? 'bad' : severityRank(severity) === 1 ? 'warn' : 'info';
  return badge(severity, tone);
}

export function alertLink(alert: Alert): SafeHtml {
  return html`<a href="/alerts/${alert.id}">#${alert.id}</a>`;
}

/** Firing, acknowledged or resolved alerts, one row each. */
export function alertsTable(alerts: Alert[], now: number, empty: string): SafeHtml {
  return table(
    ['Alert', 'Severity', 'Reason', 'Object', 'Cluster', 'Since', 'Summary'],
    alerts.map((a) => [
      alertLink(a),
      severityBadge(a.severity),
      a.reason,
      subjectLabel(a.subject),
      a.subject.cluster,
      formatDuration(now - a.firstSeenAt),
      a.summary,
    ]),
    { empty },
  );
}
