import type { Queryable, SqlValue } from '../database.js';

/** One audited action: a tool call, an approval request or a decision. Arguments arrive redacted. */
export interface AuditEntry {
  at: number;
  actor: string;
  role?: string;
  surface: string;
  /** What happened: `tool.invoke`, `approval.approve`, `approval.deny`, ... */
  action: string;
  tool?: string;
  args?: unknown;
  cluster?: string;
  /** `ok`, `approval_required`, `denied`, or `error:<kind>`. */
  outcome: string;
  durationMs?: number;
  detail?: string;
}

export interface AuditRecord extends AuditEntry {
  id: number;
}

export interface AuditQuery {
  actor?: string;
  tool?: string;
  action?: string;
  since?: number;
  limit?: number;
}

interface AuditRow {
  id: number;
  at: number;
  actor: string;
  role: string | null;
  surface: string;
  action: string;
  tool: string | null;
  args_json: string | null;
  cluster: string | null;
  outcome: string;
  duration_ms: number | null;
  detail: string | null;
}

/** The append-only `audit_log` table. */
export class AuditRepo {
  constructor(private readonly db: Queryable) {}

  async record(entry: AuditEntry): Promise<number> {
    const { lastID } = await this.db.run(
      `INSERT INTO audit_log (at, actor, role, surface, action, tool, args_json, cluster, outcome, duration_ms, detail)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        entry.at,
        entry.actor,
        entry.role ?? null,
        entry.surface,
        entry.action,
        entry.tool ?? null,
        entry.args === undefined ? null : JSON.stringify(entry.args),
        entry.cluster ?? null,
        entry.outcome,
        entry.durationMs === undefined ? null : Math.round(entry.durationMs),
        entry.detail ?? null,
      ],
    );
    return lastID;
  }

  /** Newest first. */
  async list(query: AuditQuery = {}): Promise<AuditRecord[]> {
    const where: string[] = [];
    const params: SqlValue[] = [];
    const filter = (clause: string, value: SqlValue | undefined) => {
      if (value === undefined) return;
      where.push(clause);
      params.push(value);
    };
    filter('actor = ?', query.actor);
    filter('tool = ?', query.tool);
    filter('action = ?', query.action);
    filter('at >= ?', query.since);
    params.push(Math.min(Math.max(query.limit ?? 100, 1), 10_000));
    const rows = await this.db.all<AuditRow>(
      `SELECT * FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ?`,
      params,
    );
    return rows.map(fromRow);
  }
}

function fromRow(row: AuditRow): AuditRecord {
  return {
    id: row.id,
    at: row.at,
    actor: row.actor,
    role: row.role ?? undefined,
    surface: row.surface,
    action: row.action,
    tool: row.tool ?? undefined,
    args: row.args_json === null ? undefined : JSON.parse(row.args_json),
    cluster: row.cluster ?? undefined,
    outcome: row.outcome,
    durationMs: row.duration_ms ?? undefined,
    detail: row.detail ?? undefined,
  };
}
