import { createHash } from 'node:crypto';
import type { Queryable } from '../database.js';
import type { WebRole } from './users.js';

/** A live session with the user it belongs to (role as stored now, not at sign-in). */
export interface WebSession {
  idHash: string;
  csrfToken: string;
  createdAt: number;
  lastSeenAt: number;
  expiresAt: number;
  user: { id: number; username: string; role: WebRole };
}

export interface NewSession {
  /** The cookie value; only its hash is stored, so a copy of the database opens no session. */
  id: string;
  userId: number;
  csrfToken: string;
  expiresAt: number;
  client?: string;
}

interface SessionRow {
  id_hash: string;
  csrf_token: string;
  created_at: number;
  last_seen_at: number;
  expires_at: number;
  user_id: number;
  username: string;
  role: WebRole;
}

export function hashSessionId(id: string): string {
  return createHash('sha256').update(id, 'utf8').digest('hex');
}

/** The `web_sessions` table. */
export class SessionsRepo {
  constructor(
    private readonly db: Queryable,
    private readonly now: () => number = Date.now,
  ) {}

  async create(session: NewSession): Promise<void> {
    const now = this.now();
    await this.db.run(
      `INSERT INTO web_sessions (id_hash, user_id, csrf_token, created_at, last_seen_at, expires_at, client)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
      [
        hashSessionId(session.id),
        session.userId,
        session.csrfToken,
        now,
        now,
        session.expiresAt,
        session.client ?? null,
      ],
    );
  }

  /** The unexpired session whose cookie is `id`, with its user; undefined otherwise. */
  async find(id: string): Promise<WebSession | undefined> {
    const row = await this.db.get<SessionRow>(
      `SELECT s.id_hash, s.csrf_token, s.created_at, s.last_seen_at, s.expires_at, u.id AS user_id, u.username, u.role
       FROM web_sessions s JOIN web_users u ON u.id = s.user_id
       WHERE s.id_hash = ? AND s.expires_at > ?`,
      [hashSessionId(id), this.now()],
    );
    if (!row) return undefined;
    return {
      idHash: row.id_hash,
      csrfToken: row.csrf_token,
      createdAt: row.created_at,
      lastSeenAt: row.last_seen_at,
      expiresAt: row.expires_at,
      user: { id: row.user_id, username: row.username, role: row.role },
    };
  }

  /** Records activity and moves the idle expiry. */
  async touch(idHash: string, expiresAt: number): Promise<void> {
    await this.db.run(
      'UPDATE web_sessions SET last_seen_at = ?, expires_at = ? WHERE id_hash = ?',
      [this.now(), expiresAt, idHash],
    );
  }

  async delete(idHash: string): Promise<void> {
    await this.db.run('DELETE FROM web_sessions WHERE id_hash = ?', [idHash]);
  }

  async deleteExpired(): Promise<number> {
    const { changes } = await this.db.run('DELETE FROM web_sessions WHERE expires_at <= ?', [
      this.now(),
    ]);
    return changes;
  }
}
