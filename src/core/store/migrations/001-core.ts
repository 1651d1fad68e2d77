import type { Migration } from '../migrate.js';

/** Approvals, the audit log and MCP tokens: the registry's own state. */
export const migration001: Migration = {
  version: 1,
  name: 'core: approvals, audit log, api tokens',
  sql: `
    CREATE TABLE approvals (
      id             TEXT PRIMARY KEY,
      tool           TEXT NOT NULL,
      args_json      TEXT NOT NULL,
      cluster        TEXT NOT NULL,
      risk           TEXT NOT NULL CHECK (risk IN ('write', 'exec')),
      required_role  TEXT NOT NULL,
      requester      TEXT NOT NULL,
      requester_name TEXT,
      surface        TEXT NOT NULL,
      origin_json    TEXT,
      created_at     INTEGER NOT NULL,
      expires_at     INTEGER NOT NULL,
      status         TEXT NOT NULL DEFAULT 'pending'
                     CHECK (status IN ('pending', 'approved', 'denied', 'used')),
      decided_by     TEXT,
      decided_at     INTEGER,
      used_at        INTEGER
    );
    CREATE INDEX approvals_status ON approvals (status, expires_at);

    CREATE TABLE audit_log (
      id          INTEGER PRIMARY KEY AUTOINCREMENT,
      at          INTEGER NOT NULL,
      actor       TEXT NOT NULL,
      role        TEXT,
      surface     TEXT NOT NULL,
      action      TEXT NOT NULL,
      tool        TEXT,
      args_json   TEXT,
      cluster     TEXT,
      outcome     TEXT NOT NULL,
      duration_ms INTEGER,
      detail      TEXT
    );
    CREATE INDEX audit_at ON audit_log (at);
    CREATE INDEX audit_actor ON audit_log (actor, at);

    CREATE TABLE api_tokens (
      id           TEXT PRIMARY KEY,
      name         TEXT NOT NULL UNIQUE,
      role         TEXT NOT NULL,
      token_hash   TEXT NOT NULL UNIQUE,
      created_at   INTEGER NOT NULL,
      last_used_at INTEGER,
      revoked_at   INTEGER
    );
  `,
};
