import type { Queryable } from '../database.js';

export type WebRole = 'viewer' | 'operator' | 'admin';

/** A dashboard user as listed: never the password hash. */
export interface WebUser {
  id: number;
  username: string;
  role: WebRole;
  createdAt: number;
  updatedAt: number;
  lastLoginAt?: number;
}

interface UserRow {
  id: number;
  username: string;
  role: WebRole;
  password_hash: string;
  created_at: number;
  updated_at: number;
  last_login_at: number | null;
}

/** Lower case, so `Alice` and `alice` are one account; typed on the command line and in forms. */
export const usernamePattern = /^[a-z0-9][a-z0-9._-]{0,63}$/;

/** Usernames are compared in lower case; undefined when the name cannot be a username. */
export function normalizeUsername(text: string): string | undefined {
  const name = text.trim().toLowerCase();
  return usernamePattern.test(name) ? name : undefined;
}

/** The `web_users` table. Passwords arrive already hashed (see web/auth/passwords.ts). */
export class UsersRepo {
  constructor(
    private readonly db: Queryable,
    private readonly now: () => number = Date.now,
  ) {}

  async count(): Promise<number> {
    const row = await this.db.get<{ n: number }>('SELECT count(*) AS n FROM web_users');
    return row?.n ?? 0;
  }

  async countAdmins(): Promise<number> {
    const row = await this.db.get<{ n: number }>(
      "SELECT count(*) AS n FROM web_users WHERE role = 'admin'",
    );
    return row?.n ?? 0;
  }

  /** Adds a user; false when the name is taken. */
  async create(username: string, role: WebRole, passwordHash: string): Promise<boolean> {
    const now = this.now();
    const { changes } = await this.db.run(
      `INSERT INTO web_users (username, role, password_hash, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?) ON CONFLICT (username) DO NOTHING`,
      [username, role, passwordHash, now, now],
    );
    return changes === 1;
  }

  async get(username: string): Promise<WebUser | undefined> {
    const row = await this.db.get<UserRow>('SELECT * FROM web_users WHERE username = ?', [
      username,
    ]);
    return row && fromRow(row);
  }

  /** The user with the stored hash, for checking a password at sign-in. */
  async credentials(
    username: string,
  ): Promise<{ user: WebUser; passwordHash: string } | undefined> {
    const row = await this.db.get<UserRow>('SELECT * FROM web_users WHERE username = ?', [
      username,
    ]);
    return row && { user: fromRow(row), passwordHash: row.password_hash };
  }

  /** Alphabetical. */
  async list(): Promise<WebUser[]> {
    const rows = await this.db.all<UserRow>('SELECT * FROM web_users ORDER BY username');
    return rows.map(fromRow);
  }

  /** Replaces the password and ends every session of the user; false when there is no such user. */
  async setPassword(username: string, passwordHash: string): Promise<boolean> {
    const { changes } = await this.db.run(
      'UPDATE web_users SET password_hash = ?, updated_at = ? WHERE username = ?',
      [passwordHash, this.now(), username],
    );
    if (changes === 1) await this.endSessions(username);
    return changes === 1;
  }

  /** Changes the role; sessions keep going and pick the new role up on their next request. */
  async setRole(username: string, role: WebRole): Promise<boolean> {
    const { changes } = await this.db.run(
      'UPDATE web_users SET role = ?, updated_at = ? WHERE username = ?',
      [role, this.now(), username],
    );
    return changes === 1;
  }

  /** Deletes the user and (by cascade) their sessions. */
  async remove(username: string): Promise<boolean> {
    await this.endSessions(username);
    const { changes } = await this.db.run('DELETE FROM web_users WHERE username = ?', [username]);
    return changes === 1;
  }

  async recordLogin(id: number): Promise<void> {
    await this.db.run('UPDATE web_users SET last_login_at = ? WHERE id = ?', [this.now(), id]);
  }

  // Explicit, so sessions end even on a connection opened without foreign-key enforcement.
  private async endSessions(username: string): Promise<void> {
    await this.db.run(
      'DELETE FROM web_sessions WHERE user_id IN (SELECT id FROM web_users WHERE username = ?)',
      [username],
    );
  }
}

function fromRow(row: UserRow): WebUser {
  const user: WebUser = {
    id: row.id,
    username: row.username,
    role: row.role,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
  if (row.last_login_at !== null) user.lastLoginAt = row.last_login_at;
  return user;
}
