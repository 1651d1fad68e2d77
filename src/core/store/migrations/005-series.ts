import type { Migration } from '../migrate.js';

/**
 * The series store: one row per series and hour holding packed samples (see
 * core/monitor/series/chunk-codec.ts). `raw` is dropped after the raw retention, `rollup` stays.
 */
export const migration005: Migration = {
  version: 5,
  name: 'series: metric series and hourly packed chunks',
  sql: `
    CREATE TABLE series (
      id      INTEGER PRIMARY KEY,
      cluster TEXT NOT NULL,
      object  TEXT NOT NULL,
      metric  TEXT NOT NULL,
      kind    TEXT NOT NULL CHECK (kind IN ('gauge', 'step')),
      UNIQUE (cluster, object, metric)
    );

    CREATE TABLE series_chunks (
      series_id INTEGER NOT NULL,
      hour      INTEGER NOT NULL,
      raw       BLOB,
      rollup    BLOB,
      PRIMARY KEY (series_id, hour)
    ) WITHOUT ROWID;
    CREATE INDEX series_chunks_raw_hour ON series_chunks (hour) WHERE raw IS NOT NULL;
  `,
};
