import type { Queryable } from '../../store/database.js';
import type { Alert } from '../alert.js';
import type { OutboxRepo, NewOutboxRow } from '../outbox/outbox-repo.js';
import type { AlertRouter } from '../routing/alert-router.js';
import type { NotifyIntent } from './transitions.js';

/**
 * Turns one notification intent into outbox rows, inside the alert's transaction. Updates and
 * the resolved note go to every channel that heard of the incident; a channel that qualifies
 * only now (the severity rose to its minimum) gets the incident as new.
 */
export async function writeNotifications(
  tx: Queryable,
  outbox: OutboxRepo,
  router: AlertRouter,
  alert: Alert,
  intent: NotifyIntent,
  createdAt: number,
): Promise<number[]> {
  const rows: NewOutboxRow[] = [];
  const add = (
    kind: NotifyIntent['kind'],
    route: { platform: string; channel: string },
    change?: string,
  ) => {
    alert.eventSeq += 1;
    const row: NewOutboxRow = {
      key: `alert-${alert.id}.${alert.eventSeq}.${route.platform}.${route.channel}`,
      alertId: alert.id,
      seq: alert.eventSeq,
      kind,
      platform: route.platform,
      channel: route.channel,
      payloadJson: '',
      createdAt,
    };
    if (change !== undefined) row.change = change;
    rows.push(row);
  };

  if (intent.kind === 'new' || !alert.notified) {
    if (intent.kind === 'resolved') return [];
    for (const route of router.routesFor(alert))
      add('new', route, intent.kind === 'new' ? undefined : intent.change);
    alert.notified = true;
  } else {
    const known = await outbox.channelsOf(tx, alert.id);
    const seen = new Set(known.map((c) => `${c.platform}\u0000${c.channel}`));
    for (const route of known) add(intent.kind, route, intent.change);
    if (intent.kind === 'update') {
      for (const route of router.routesFor(alert)) {
        if (!seen.has(`${route.platform}\u0000${route.channel}`)) add('new', route, intent.change);
      }
    }
  }
  // Every row carries the incident as it is after this event.
  const payload = JSON.stringify(alert);
  for (const row of rows) row.payloadJson = payload;
  return outbox.insert(tx, rows);
}
