import type { Migration } from '../migrate.js';

/** The agent's state: conversation memory, `use CLUSTER` choices, approval origins, LLM usage. */
export const migration003: Migration = {
  version: 3,
  name: 'agent: conversations, cluster choices, approval origins, llm usage',
  sql: `
    CREATE TABLE conversation_turns (
      id           INTEGER PRIMARY KEY AUTOINCREMENT,
      conversation TEXT NOT NULL,
      speaker      TEXT NOT NULL CHECK (speaker IN ('user', 'assistant')),
      text         TEXT NOT NULL,
      tokens       INTEGER NOT NULL,
      at           INTEGER NOT NULL
    );
    CREATE INDEX conversation_turns_conversation ON conversation_turns (conversation, id);

    CREATE TABLE conversation_clusters (
      conversation TEXT PRIMARY KEY,
      cluster      TEXT NOT NULL,
      set_by       TEXT NOT NULL,
      set_at       INTEGER NOT NULL
    );

    CREATE TABLE approval_origins (
      approval_id TEXT PRIMARY KEY,
      platform    TEXT NOT NULL,
      channel_id  TEXT NOT NULL,
      thread_id   TEXT,
      user_id     TEXT NOT NULL,
      created_at  INTEGER NOT NULL
    );

    CREATE TABLE llm_usage (
      id                    INTEGER PRIMARY KEY AUTOINCREMENT,
      user_id               TEXT NOT NULL,
      day                   TEXT NOT NULL,
      at                    INTEGER NOT NULL,
      model                 TEXT NOT NULL,
      input_tokens          INTEGER NOT NULL,
      output_tokens         INTEGER NOT NULL,
      cache_creation_tokens INTEGER NOT NULL,
      cache_read_tokens     INTEGER NOT NULL
    );
    CREATE INDEX llm_usage_user_day ON llm_usage (user_id, day);
  `,
};
