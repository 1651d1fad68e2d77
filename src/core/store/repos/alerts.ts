import type { Alert, AlertSeverity, AlertState, Evidence } from '../../alerts/alert.js';
import type { Queryable } from '../database.js';

interface AlertRow {
  id: number;
  fingerprint: string;
  source: string;
  cluster: string;
  kind: string;
  namespace: string;
  name: string;
  reason: string;
  severity: AlertSeverity;
  state: AlertState;
  summary: string;
  facts_json: string;
  evidence_json: string | null;
  explanation: string | null;
  first_seen_at: number;
  last_seen_at: number;
  clear_since: number | null;
  resolved_at: number | null;
  acked_by: string | null;
  acked_at: number | null;
  reopen_times: string;
  flapping: number;
  notified: number;
  event_seq: number;
}

export interface AlertListFilter {
  /** Open alerts only (firing and acknowledged) unless true. */
  includeResolved?: boolean;
  cluster?: string;
  limit?: number;
}

const selectAlert = `SELECT a.*, e.text AS explanation FROM alerts a LEFT JOIN alert_explanations e ON e.fingerprint = a.fingerprint`;

/** The `alerts` and `alert_explanations` tables. Writes take the transaction they belong to. */
export class AlertsRepo {
  constructor(private readonly db: Queryable) {}

  async insert(tx: Queryable, alert: Omit<Alert, 'id'>, now: number): Promise<number> {
    const result = await tx.run(
      `INSERT INTO alerts (fingerprint, source, cluster, kind, namespace, name, reason, severity, state, summary,
         facts_json, evidence_json, first_seen_at, last_seen_at, clear_since, resolved_at, acked_by, acked_at,
         reopen_times, flapping, notified, event_seq, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        alert.fingerprint,
        alert.source,
        alert.subject.cluster,
        alert.subject.kind,
        alert.subject.namespace,
        alert.subject.name,
        alert.reason,
        ...mutable(alert),
        now,
      ],
    );
    return result.lastID;
  }

  /** Writes every mutable field of an alert. */
  async update(tx: Queryable, alert: Alert, now: number): Promise<void> {
    await tx.run(
      `UPDATE alerts SET severity = ?, state = ?, summary = ?, facts_json = ?, evidence_json = ?, first_seen_at = ?,
         last_seen_at = ?, clear_since = ?, resolved_at = ?, acked_by = ?, acked_at = ?, reopen_times = ?,
         flapping = ?, notified = ?, event_seq = ?, updated_at = ?
       WHERE id = ?`,
      [...mutable(alert), now, alert.id],
    );
  }

  /** Bumps `last_seen_at` of still-present alerts in one statement. */
  async touch(ids: number[], at: number): Promise<void> {
    for (let i = 0; i < ids.length; i += 500) {
      const part = ids.slice(i, i + 500);
      await this.db.run(
        `UPDATE alerts SET last_seen_at = ? WHERE id IN (${part.map(() => '?').join(', ')})`,
        [at, ...part],
      );
    }
  }

  async get(id: number): Promise<Alert | undefined> {
    const row = await this.db.get<AlertRow>(`${selectAlert} WHERE a.id = ?`, [id]);
    return row && fromRow(row);
  }

  /** Every firing or acknowledged alert. */
  async open(): Promise<Alert[]> {
    const rows = await this.db.all<AlertRow>(
      `${selectAlert} WHERE a.state != 'resolved' ORDER BY a.id`,
    );
    return rows.map(fromRow);
  }

  /** The most recent incident of a fingerprint resolved at or after `since` (cooldown). */
  async lastResolved(
    tx: Queryable,
    fingerprint: string,
    since: number,
  ): Promise<Alert | undefined> {
    const row = await tx.get<AlertRow>(
      `${selectAlert} WHERE a.fingerprint = ? AND a.state = 'resolved' AND a.resolved_at >= ? ORDER BY a.resolved_at DESC LIMIT 1`,
      [fingerprint, since],
    );
    return row && fromRow(row);
  }

  async list(filter: AlertListFilter = {}): Promise<Alert[]> {
    const where: string[] = [];
    const params: (string | number)[] = [];
    if (!filter.includeResolved) where.push("a.state != 'resolved'");
    if (filter.cluster) {
      where.push('a.cluster = ?');
      params.push(filter.cluster);
    }
    const rows = await this.db.all<AlertRow>(
      `${selectAlert} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY CASE a.state WHEN 'resolved' THEN 1 ELSE 0 END, a.last_seen_at DESC LIMIT ?`,
      [...params, filter.limit ?? 100],
    );
    return rows.map(fromRow);
  }

  async explanation(fingerprint: string): Promise<string | undefined> {
    const row = await this.db.get<{ text: string }>(
      'SELECT text FROM alert_explanations WHERE fingerprint = ?',
      [fingerprint],
    );
    return row?.text;
  }

  /** Stores the first explanation of a fingerprint; later ones never replace it. */
  async saveExplanation(fingerprint: string, text: string, now: number): Promise<void> {
    await this.db.run(
      'INSERT OR IGNORE INTO alert_explanations (fingerprint, text, created_at) VALUES (?, ?, ?)',
      [fingerprint, text, now],
    );
  }

  /** Deletes incidents resolved before `before` (their outbox rows go with them). */
  async deleteResolvedBefore(before: number): Promise<number> {
    const result = await this.db.run(
      "DELETE FROM alerts WHERE state = 'resolved' AND resolved_at < ?",
      [before],
    );
    return result.changes;
  }
}

function mutable(a: Omit<Alert, 'id'>): (string | number | null)[] {
  return [
    a.severity,
    a.state,
    a.summary,
    JSON.stringify(a.facts),
    a.evidence === undefined ? null : JSON.stringify(a.evidence),
    a.firstSeenAt,
    a.lastSeenAt,
    a.clearSince ?? null,
    a.resolvedAt ?? null,
    a.ackedBy ?? null,
    a.ackedAt ?? null,
    JSON.stringify(a.reopenTimes),
    a.flapping ? 1 : 0,
    a.notified ? 1 : 0,
    a.eventSeq,
  ];
}

function fromRow(row: AlertRow): Alert {
  const alert: Alert = {
    id: row.id,
    fingerprint: row.fingerprint,
    source: row.source,
    subject: { cluster: row.cluster, kind: row.kind, namespace: row.namespace, name: row.name },
    reason: row.reason,
    severity: row.severity,
    state: row.state,
    summary: row.summary,
    facts: JSON.parse(row.facts_json) as Record<string, string>,
    firstSeenAt: row.first_seen_at,
    lastSeenAt: row.last_seen_at,
    reopenTimes: JSON.parse(row.reopen_times) as number[],
    flapping: row.flapping === 1,
    notified: row.notified === 1,
    eventSeq: row.event_seq,
  };
  if (row.evidence_json !== null) alert.evidence = JSON.parse(row.evidence_json) as Evidence;
  if (row.explanation !== null) alert.explanation = row.explanation;
  if (row.clear_since !== null) alert.clearSince = row.clear_since;
  if (row.resolved_at !== null) alert.resolvedAt = row.resolved_at;
  if (row.acked_by !== null) alert.ackedBy = row.acked_by;
  if (row.acked_at !== null) alert.ackedAt = row.acked_at;
  return alert;
}
