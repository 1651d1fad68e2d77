import type { Migration } from '../migrate.js';

/** Dashboard users (scrypt hashes) and their sessions (only a hash of the cookie is stored). */
export const migration006: Migration = {
  version: 6,
  name: 'web: dashboard users and sessions',
  sql: `
    CREATE TABLE web_users (
      id            INTEGER PRIMARY KEY AUTOINCREMENT,
      username      TEXT NOT NULL UNIQUE,
      role          TEXT NOT NULL CHECK (role IN ('viewer', 'operator', 'admin')),
      password_hash TEXT NOT NULL,
      created_at    INTEGER NOT NULL,
      updated_at    INTEGER NOT NULL,
      last_login_at INTEGER
    );

    CREATE TABLE web_sessions (
      id_hash      TEXT PRIMARY KEY,
      user_id      INTEGER NOT NULL REFERENCES web_users (id) ON DELETE CASCADE,
      csrf_token   TEXT NOT NULL,
      created_at   INTEGER NOT NULL,
      last_seen_at INTEGER NOT NULL,
      expires_at   INTEGER NOT NULL,
      client       TEXT
    );
    CREATE INDEX web_sessions_user ON web_sessions (user_id);
    CREATE INDEX web_sessions_expiry ON web_sessions (expires_at);
  `,
};
