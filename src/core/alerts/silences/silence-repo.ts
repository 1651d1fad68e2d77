import type { Queryable } from '../../store/database.js';
import type { Matcher } from './matcher.js';

/** A silence: no notifications for matching alerts until it expires or is revoked. */
export interface Silence {
  id: number;
  /** Silences exactly one incident's fingerprint... */
  fingerprint?: string;
  /** ...or every alert matching all of these. */
  matchers?: Matcher[];
  createdBy: string;
  createdAt: number;
  expiresAt: number;
  comment?: string;
  revokedBy?: string;
  revokedAt?: number;
}

interface SilenceRow {
  id: number;
  fingerprint: string | null;
  matchers: string | null;
  created_by: string;
  created_at: number;
  expires_at: number;
  comment: string | null;
  revoked_by: string | null;
  revoked_at: number | null;
}

/** The `alert_silences` table. */
export class SilenceRepo {
  constructor(private readonly db: Queryable) {}

  async create(silence: Omit<Silence, 'id'>): Promise<Silence> {
    const result = await this.db.run(
      `INSERT INTO alert_silences (fingerprint, matchers, created_by, created_at, expires_at, comment)
       VALUES (?, ?, ?, ?, ?, ?)`,
      [
        silence.fingerprint ?? null,
        silence.matchers ? JSON.stringify(silence.matchers) : null,
        silence.createdBy,
        silence.createdAt,
        silence.expiresAt,
        silence.comment ?? null,
      ],
    );
    return { ...silence, id: result.lastID };
  }

  /** Silences neither revoked nor expired at `now`. */
  async active(now: number): Promise<Silence[]> {
    const rows = await this.db.all<SilenceRow>(
      'SELECT * FROM alert_silences WHERE revoked_at IS NULL AND expires_at > ? ORDER BY id',
      [now],
    );
    return rows.map(fromRow);
  }

  async get(id: number): Promise<Silence | undefined> {
    const row = await this.db.get<SilenceRow>('SELECT * FROM alert_silences WHERE id = ?', [id]);
    return row && fromRow(row);
  }

  /** Revokes one silence; false when it was already revoked or expired. */
  async revoke(id: number, by: string, now: number): Promise<boolean> {
    const result = await this.db.run(
      'UPDATE alert_silences SET revoked_by = ?, revoked_at = ? WHERE id = ? AND revoked_at IS NULL AND expires_at > ?',
      [by, now, id, now],
    );
    return result.changes > 0;
  }

  /** Revokes every active silence of a fingerprint; returns how many. */
  async revokeFingerprint(fingerprint: string, by: string, now: number): Promise<number> {
    const result = await this.db.run(
      'UPDATE alert_silences SET revoked_by = ?, revoked_at = ? WHERE fingerprint = ? AND revoked_at IS NULL AND expires_at > ?',
      [by, now, fingerprint, now],
    );
    return result.changes;
  }
}

function fromRow(row: SilenceRow): Silence {
  const silence: Silence = {
    id: row.id,
    createdBy: row.created_by,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
  };
  if (row.fingerprint !== null) silence.fingerprint = row.fingerprint;
  if (row.matchers !== null) silence.matchers = JSON.parse(row.matchers) as Matcher[];
  if (row.comment !== null) silence.comment = row.comment;
  if (row.revoked_by !== null) silence.revokedBy = row.revoked_by;
  if (row.revoked_at !== null) silence.revokedAt = row.revoked_at;
  return silence;
}
