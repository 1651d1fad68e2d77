import type { Migration } from '../migrate.js';

/** Alerts with their lifecycle, silences, the notification outbox and cached explanations. */
export const migration004: Migration = {
  version: 4,
  name: 'alerts: incidents, silences, notification outbox, explanations',
  sql: `
    CREATE TABLE alerts (
      id               INTEGER PRIMARY KEY AUTOINCREMENT,
      fingerprint      TEXT NOT NULL,
      source           TEXT NOT NULL,
      cluster          TEXT NOT NULL,
      kind             TEXT NOT NULL,
      namespace        TEXT NOT NULL DEFAULT '',
      name             TEXT NOT NULL,
      reason           TEXT NOT NULL,
      severity         TEXT NOT NULL CHECK (severity IN ('info', 'warning', 'critical')),
      state            TEXT NOT NULL CHECK (state IN ('firing', 'acknowledged', 'resolved')),
      summary          TEXT NOT NULL,
      facts_json       TEXT NOT NULL DEFAULT '{}',
      evidence_json    TEXT,
      first_seen_at    INTEGER NOT NULL,
      last_seen_at     INTEGER NOT NULL,
      clear_since      INTEGER,
      resolved_at      INTEGER,
      acked_by         TEXT,
      acked_at         INTEGER,
      reopen_times     TEXT NOT NULL DEFAULT '[]',
      flapping         INTEGER NOT NULL DEFAULT 0,
      notified         INTEGER NOT NULL DEFAULT 0,
      event_seq        INTEGER NOT NULL DEFAULT 0,
      updated_at       INTEGER NOT NULL
    );
    -- Deduplication: at most one open incident per fingerprint.
    CREATE UNIQUE INDEX alerts_open_fingerprint ON alerts (fingerprint) WHERE state != 'resolved';
    CREATE INDEX alerts_fingerprint ON alerts (fingerprint, resolved_at);
    CREATE INDEX alerts_state ON alerts (state, updated_at);

    CREATE TABLE alert_silences (
      id          INTEGER PRIMARY KEY AUTOINCREMENT,
      fingerprint TEXT,
      matchers    TEXT,
      created_by  TEXT NOT NULL,
      created_at  INTEGER NOT NULL,
      expires_at  INTEGER NOT NULL,
      comment     TEXT,
      revoked_by  TEXT,
      revoked_at  INTEGER,
      CHECK (fingerprint IS NOT NULL OR matchers IS NOT NULL)
    );
    CREATE INDEX alert_silences_expiry ON alert_silences (expires_at);

    CREATE TABLE alert_outbox (
      id             INTEGER PRIMARY KEY AUTOINCREMENT,
      key            TEXT NOT NULL UNIQUE,
      alert_id       INTEGER NOT NULL REFERENCES alerts (id) ON DELETE CASCADE,
      seq            INTEGER NOT NULL,
      kind           TEXT NOT NULL CHECK (kind IN ('new', 'update', 'resolved')),
      platform       TEXT NOT NULL,
      channel        TEXT NOT NULL,
      change_text    TEXT,
      payload_json   TEXT NOT NULL,
      created_at     INTEGER NOT NULL,
      status         TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
      attempts       INTEGER NOT NULL DEFAULT 0,
      next_attempt_at INTEGER NOT NULL,
      claim_token    TEXT,
      claimed_until  INTEGER,
      sent_at        INTEGER,
      message_id     TEXT,
      last_error     TEXT
    );
    CREATE INDEX alert_outbox_pending ON alert_outbox (status, next_attempt_at);
    CREATE INDEX alert_outbox_thread ON alert_outbox (alert_id, platform, channel, seq);

    CREATE TABLE alert_explanations (
      fingerprint TEXT PRIMARY KEY,
      text        TEXT NOT NULL,
      created_at  INTEGER NOT NULL
    );
  `,
};
