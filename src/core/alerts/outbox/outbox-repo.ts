import type { Queryable } from '../../store/database.js';
import type { NotificationKind } from '../notifier.js';

export type OutboxStatus = 'pending' | 'sent' | 'failed';

export interface OutboxRow {
  id: number;
  key: string;
  alertId: number;
  seq: number;
  kind: NotificationKind;
  platform: string;
  channel: string;
  change?: string;
  /** The alert as it was when the event happened (JSON). */
  payloadJson: string;
  createdAt: number;
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: number;
  claimToken?: string;
  claimedUntil?: number;
  sentAt?: number;
  messageId?: string;
  lastError?: string;
}

export type NewOutboxRow = Pick<
  OutboxRow,
  | 'key'
  | 'alertId'
  | 'seq'
  | 'kind'
  | 'platform'
  | 'channel'
  | 'change'
  | 'payloadJson'
  | 'createdAt'
>;

interface Row {
  id: number;
  key: string;
  alert_id: number;
  seq: number;
  kind: NotificationKind;
  platform: string;
  channel: string;
  change_text: string | null;
  payload_json: string;
  created_at: number;
  status: OutboxStatus;
  attempts: number;
  next_attempt_at: number;
  claim_token: string | null;
  claimed_until: number | null;
  sent_at: number | null;
  message_id: string | null;
  last_error: string | null;
}

/**
 * The `alert_outbox` table. Rows are written in the alert's transaction; delivery claims a row
 * with a lease (one conditional UPDATE), so two workers never send the same row at once.
 */
export class OutboxRepo {
  constructor(private readonly db: Queryable) {}

  /** Inserts rows inside the caller's transaction; a key already present is kept as is. */
  async insert(tx: Queryable, rows: NewOutboxRow[]): Promise<number[]> {
    const ids: number[] = [];
    for (const r of rows) {
      const result = await tx.run(
        `INSERT OR IGNORE INTO alert_outbox (key, alert_id, seq, kind, platform, channel, change_text, payload_json, created_at, next_attempt_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          r.key,
          r.alertId,
          r.seq,
          r.kind,
          r.platform,
          r.channel,
          r.change ?? null,
          r.payloadJson,
          r.createdAt,
          0,
        ],
      );
      if (result.changes > 0) ids.push(result.lastID);
    }
    return ids;
  }

  async get(id: number): Promise<OutboxRow | undefined> {
    const row = await this.db.get<Row>('SELECT * FROM alert_outbox WHERE id = ?', [id]);
    return row && fromRow(row);
  }

  /** Takes a pending row for `leaseMs`; false when it is sent, failed or leased by someone else. */
  async claim(id: number, token: string, now: number, leaseMs: number): Promise<boolean> {
    const result = await this.db.run(
      `UPDATE alert_outbox SET claim_token = ?, claimed_until = ?
       WHERE id = ? AND status = 'pending' AND (claimed_until IS NULL OR claimed_until <= ?)`,
      [token, now + leaseMs, id, now],
    );
    return result.changes > 0;
  }

  async markSent(id: number, token: string, messageId: string, now: number): Promise<boolean> {
    const result = await this.db.run(
      `UPDATE alert_outbox SET status = 'sent', message_id = ?, sent_at = ?, attempts = attempts + 1,
         claim_token = NULL, claimed_until = NULL, last_error = NULL
       WHERE id = ? AND claim_token = ?`,
      [messageId, now, id, token],
    );
    return result.changes > 0;
  }

  /** Releases the claim after a failed attempt; `final` marks the row failed for good. */
  async markAttemptFailed(
    id: number,
    token: string,
    error: string,
    nextAttemptAt: number,
    final: boolean,
  ): Promise<void> {
    await this.db.run(
      `UPDATE alert_outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ?,
         status = CASE WHEN ? THEN 'failed' ELSE status END, claim_token = NULL, claimed_until = NULL
       WHERE id = ? AND claim_token = ?`,
      [error.slice(0, 500), nextAttemptAt, final ? 1 : 0, id, token],
    );
  }

  /** Earlier rows of the same incident and channel that are still pending, oldest first. */
  async pendingBefore(row: OutboxRow): Promise<OutboxRow[]> {
    const rows = await this.db.all<Row>(
      `SELECT * FROM alert_outbox WHERE alert_id = ? AND platform = ? AND channel = ? AND seq < ? AND status = 'pending'
       ORDER BY seq`,
      [row.alertId, row.platform, row.channel, row.seq],
    );
    return rows.map(fromRow);
  }

  /** The message id of the incident's first notification in this channel. */
  async threadRoot(
    alertId: number,
    platform: string,
    channel: string,
  ): Promise<string | undefined> {
    const row = await this.db.get<{ message_id: string | null }>(
      `SELECT message_id FROM alert_outbox WHERE alert_id = ? AND platform = ? AND channel = ? AND kind = 'new' AND status = 'sent'
       ORDER BY seq LIMIT 1`,
      [alertId, platform, channel],
    );
    return row?.message_id ?? undefined;
  }

  /** Channels that already had the incident's `new` notification written. */
  async channelsOf(
    tx: Queryable,
    alertId: number,
  ): Promise<Array<{ platform: string; channel: string }>> {
    return tx.all<{ platform: string; channel: string }>(
      "SELECT DISTINCT platform, channel FROM alert_outbox WHERE alert_id = ? AND kind = 'new'",
      [alertId],
    );
  }

  /** Pending rows that are due and not leased: what the sweeper hands back to the notify queue. */
  async due(now: number, createdBefore: number, limit = 500): Promise<number[]> {
    const rows = await this.db.all<{ id: number }>(
      `SELECT id FROM alert_outbox
       WHERE status = 'pending' AND next_attempt_at <= ? AND created_at <= ? AND (claimed_until IS NULL OR claimed_until <= ?)
       ORDER BY id LIMIT ?`,
      [now, createdBefore, now, limit],
    );
    return rows.map((r) => r.id);
  }

  async list(alertId?: number): Promise<OutboxRow[]> {
    const rows =
      alertId === undefined
        ? await this.db.all<Row>('SELECT * FROM alert_outbox ORDER BY id')
        : await this.db.all<Row>('SELECT * FROM alert_outbox WHERE alert_id = ? ORDER BY id', [
            alertId,
          ]);
    return rows.map(fromRow);
  }
}

function fromRow(r: Row): OutboxRow {
  const row: OutboxRow = {
    id: r.id,
    key: r.key,
    alertId: r.alert_id,
    seq: r.seq,
    kind: r.kind,
    platform: r.platform,
    channel: r.channel,
    payloadJson: r.payload_json,
    createdAt: r.created_at,
    status: r.status,
    attempts: r.attempts,
    nextAttemptAt: r.next_attempt_at,
  };
  if (r.change_text !== null) row.change = r.change_text;
  if (r.claim_token !== null) row.claimToken = r.claim_token;
  if (r.claimed_until !== null) row.claimedUntil = r.claimed_until;
  if (r.sent_at !== null) row.sentAt = r.sent_at;
  if (r.message_id !== null) row.messageId = r.message_id;
  if (r.last_error !== null) row.lastError = r.last_error;
  return row;
}
