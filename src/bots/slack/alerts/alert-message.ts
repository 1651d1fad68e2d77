import { subjectLabel, type Alert, type AlertSeverity } from '../../../core/alerts/alert.js';
import type { OutboundNotification } from '../../../core/alerts/notifier.js';
import {
  block,
  message,
  type Block,
  type CoreMessage,
  type Severity,
} from '../../../core/messages/index.js';
import { alertButtons } from './alert-actions.js';

const severityOf: Record<AlertSeverity, Severity> = {
  info: 'info',
  warning: 'warning',
  critical: 'critical',
};

/** The first message of an incident: what, where, since when, the evidence, and what to do. */
export function alertOpenedMessage(alert: Alert): CoreMessage {
  const blocks: Block[] = [block.text(alert.summary), block.fields(alertFields(alert))];
  const evidence = alert.evidence;
  if (evidence?.owner) blocks.push(block.note(`Owner: ${evidence.owner}`));
  if (evidence && evidence.events.length > 0) {
    const rows = evidence.events
      .slice(-5)
      .map((e) => [isoMinute(e.at), e.reason, e.object, oneLine(e.message, 160)]);
    blocks.push(block.table(['TIME', 'REASON', 'OBJECT', 'MESSAGE'], rows, 'Recent events'));
  }
  if (evidence?.logs) {
    const { pod, container, lines, error } = evidence.logs;
    blocks.push(block.note(`Last log lines of ${pod}/${container} (previous container)`));
    blocks.push(
      block.code(
        lines.length > 0 ? lines.slice(-15).join('\n') : `(no lines${error ? `: ${error}` : ''})`,
        'log',
      ),
    );
  }
  if (alert.explanation) blocks.push(block.text(alert.explanation));
  if (alert.flapping)
    blocks.push(block.note('This incident is flapping: it resolves and reopens often.'));
  blocks.push({ type: 'buttons', buttons: alertButtons(alert) });
  return message(
    severityOf[alert.severity],
    blocks,
    `${alert.reason}: ${subjectLabel(alert.subject)}`,
  );
}

/** The incident's first message once resolved: kept short, without buttons. */
export function alertResolvedMessage(alert: Alert): CoreMessage {
  const resolvedAt = alert.resolvedAt ?? alert.lastSeenAt;
  return message(
    'success',
    [
      block.text(`Was: ${alert.summary}`),
      block.fields([
        { label: 'Cluster', value: alert.subject.cluster },
        { label: 'Object', value: subjectLabel(alert.subject) },
        { label: 'Opened', value: isoMinute(alert.firstSeenAt) },
        {
          label: 'Resolved',
          value: `${isoMinute(resolvedAt)} (after ${duration(resolvedAt - alert.firstSeenAt)})`,
        },
      ]),
      block.note(`Alert ${alert.id}`),
    ],
    `Resolved: ${alert.reason}: ${subjectLabel(alert.subject)}`,
  );
}

/** A reply in the incident's thread: what changed. */
export function alertUpdateMessage(n: OutboundNotification): CoreMessage {
  const { alert } = n;
  const blocks: Block[] = [block.text(n.change ? `Update: ${n.change}` : alert.summary)];
  if (n.change && alert.summary) blocks.push(block.note(alert.summary));
  if (alert.state === 'acknowledged' && alert.ackedBy)
    blocks.push(block.note(`Acknowledged by ${alert.ackedBy}`));
  return message(severityOf[alert.severity], blocks);
}

/** The short note in the thread when the incident resolves. */
export function alertResolvedReply(alert: Alert): CoreMessage {
  const resolvedAt = alert.resolvedAt ?? alert.lastSeenAt;
  return message('success', [
    block.text(`Resolved after ${duration(resolvedAt - alert.firstSeenAt)}.`),
  ]);
}

function alertFields(alert: Alert) {
  const fields = [
    { label: 'Severity', value: alert.severity },
    { label: 'Cluster', value: alert.subject.cluster },
    { label: 'Since', value: isoMinute(alert.firstSeenAt) },
    { label: 'Alert', value: String(alert.id) },
  ];
  for (const [label, value] of Object.entries(alert.facts).slice(0, 6))
    fields.push({ label, value });
  return fields;
}

function isoMinute(ms: number): string {
  return new Date(ms).toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
}

function oneLine(text: string, max: number): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length <= max ? line : `${line.slice(0, max - 1)}…`;
}

function duration(ms: number): string {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  if (minutes < 1) return 'under a minute';
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
}
