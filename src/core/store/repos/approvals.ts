import type { Queryable } from '../database.js';

export type ApprovalStatus = 'pending' | 'approved' | 'denied' | 'used';
export type ApprovalRisk = 'write' | 'exec';

/** One approval request: the exact call that may run once a human with the right role approves it. */
export interface ApprovalRecord {
  id: string;
  tool: string;
  /** Canonical JSON of the validated arguments; compared byte for byte when the call runs. */
  argsJson: string;
  cluster: string;
  risk: ApprovalRisk;
  requiredRole: string;
  requester: string;
  requesterName?: string;
  surface: string;
  origin?: unknown;
  createdAt: number;
  expiresAt: number;
  status: ApprovalStatus;
  decidedBy?: string;
  decidedAt?: number;
  usedAt?: number;
}

export type NewApproval = Omit<ApprovalRecord, 'status' | 'decidedBy' | 'decidedAt' | 'usedAt'>;

interface ApprovalRow {
  id: string;
  tool: string;
  args_json: string;
  cluster: string;
  risk: ApprovalRisk;
  required_role: string;
  requester: string;
  requester_name: string | null;
  surface: string;
  origin_json: string | null;
  created_at: number;
  expires_at: number;
  status: ApprovalStatus;
  decided_by: string | null;
  decided_at: number | null;
  used_at: number | null;
}

/** The `approvals` table. State changes are single conditional UPDATEs, so two racers cannot both win. */
export class ApprovalsRepo {
  constructor(private readonly db: Queryable) {}

  async create(approval: NewApproval): Promise<ApprovalRecord> {
    await this.db.run(
      `INSERT INTO approvals (id, tool, args_json, cluster, risk, required_role, requester, requester_name,
         surface, origin_json, created_at, expires_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        approval.id,
        approval.tool,
        approval.argsJson,
        approval.cluster,
        approval.risk,
        approval.requiredRole,
        approval.requester,
        approval.requesterName ?? null,
        approval.surface,
        approval.origin === undefined ? null : JSON.stringify(approval.origin),
        approval.createdAt,
        approval.expiresAt,
      ],
    );
    return { ...approval, status: 'pending' };
  }

  async get(id: string): Promise<ApprovalRecord | undefined> {
    const row = await this.db.get<ApprovalRow>('SELECT * FROM approvals WHERE id = ?', [id]);
    return row && fromRow(row);
  }

  /** Requests still waiting for a decision and not yet expired, oldest first. */
  async listPending(now: number): Promise<ApprovalRecord[]> {
    const rows = await this.db.all<ApprovalRow>(
      "SELECT * FROM approvals WHERE status = 'pending' AND expires_at > ? ORDER BY created_at",
      [now],
    );
    return rows.map(fromRow);
  }

  /** Records a decision if the request is still pending and unexpired; false when it was not. */
  async decide(
    id: string,
    status: 'approved' | 'denied',
    decidedBy: string,
    now: number,
  ): Promise<boolean> {
    const { changes } = await this.db.run(
      `UPDATE approvals SET status = ?, decided_by = ?, decided_at = ?
       WHERE id = ? AND status = 'pending' AND expires_at > ?`,
      [status, decidedBy, now, id, now],
    );
    return changes === 1;
  }

  /**
   * Marks an approved request used, only if it matches the call exactly and the runner is the
   * requester or the decider. One statement, so an approval runs at most once.
   */
  async consume(match: {
    id: string;
    tool: string;
    argsJson: string;
    cluster: string;
    runner: string;
    now: number;
  }): Promise<boolean> {
    const { changes } = await this.db.run(
      `UPDATE approvals SET status = 'used', used_at = ?
       WHERE id = ? AND status = 'approved' AND expires_at > ?
         AND tool = ? AND args_json = ? AND cluster = ? AND (requester = ? OR decided_by = ?)`,
      [
        match.now,
        match.id,
        match.now,
        match.tool,
        match.argsJson,
        match.cluster,
        match.runner,
        match.runner,
      ],
    );
    return changes === 1;
  }
}

function fromRow(row: ApprovalRow): ApprovalRecord {
  return {
    id: row.id,
    tool: row.tool,
    argsJson: row.args_json,
    cluster: row.cluster,
    risk: row.risk,
    requiredRole: row.required_role,
    requester: row.requester,
    requesterName: row.requester_name ?? undefined,
    surface: row.surface,
    origin: row.origin_json === null ? undefined : JSON.parse(row.origin_json),
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    status: row.status,
    decidedBy: row.decided_by ?? undefined,
    decidedAt: row.decided_at ?? undefined,
    usedAt: row.used_at ?? undefined,
  };
}
