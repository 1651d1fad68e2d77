import type { Queryable, SqlValue } from '../database.js';

export interface SeriesRow {
  id: number;
  cluster: string;
  object: string;
  metric: string;
  kind: 'gauge' | 'step';
}

export interface ChunkRow {
  seriesId: number;
  hour: number;
  raw: Buffer | null;
  rollup: Buffer | null;
}

// Rows per multi-row statement: one round trip to SQLite's thread per batch, not per row.
const BATCH = 400;

/** The `series` and `series_chunks` tables. Writes take the transaction they run in. */
export class SeriesRepo {
  constructor(private readonly db: Queryable) {}

  loadAll(): Promise<SeriesRow[]> {
    return this.db.all<SeriesRow>('SELECT id, cluster, object, metric, kind FROM series');
  }

  /** Inserts series that are not there yet and returns every given series with its id. */
  async ensure(tx: Queryable, wanted: Omit<SeriesRow, 'id'>[]): Promise<SeriesRow[]> {
    for (let i = 0; i < wanted.length; i += BATCH) {
      const part = wanted.slice(i, i + BATCH);
      await tx.run(
        `INSERT OR IGNORE INTO series (cluster, object, metric, kind) VALUES ${part.map(() => '(?, ?, ?, ?)').join(', ')}`,
        part.flatMap((s) => [s.cluster, s.object, s.metric, s.kind]),
      );
    }
    const found: SeriesRow[] = [];
    for (let i = 0; i < wanted.length; i += BATCH) {
      const part = wanted.slice(i, i + BATCH);
      const rows = await tx.all<SeriesRow>(
        `SELECT s.id, s.cluster, s.object, s.metric, s.kind FROM series s
         JOIN (${part.map(() => 'SELECT ? AS c, ? AS o, ? AS m').join(' UNION ALL ')}) w
           ON s.cluster = w.c AND s.object = w.o AND s.metric = w.m`,
        part.flatMap((s) => [s.cluster, s.object, s.metric]),
      );
      found.push(...rows);
    }
    return found;
  }

  async upsertChunks(tx: Queryable, chunks: ChunkRow[]): Promise<void> {
    for (let i = 0; i < chunks.length; i += BATCH) {
      const part = chunks.slice(i, i + BATCH);
      const params: SqlValue[] = [];
      for (const c of part) params.push(c.seriesId, c.hour, c.raw, c.rollup);
      await tx.run(
        `INSERT INTO series_chunks (series_id, hour, raw, rollup) VALUES ${part.map(() => '(?, ?, ?, ?)').join(', ')}
         ON CONFLICT (series_id, hour) DO UPDATE SET raw = excluded.raw, rollup = excluded.rollup`,
        params,
      );
    }
  }

  /** Raw blobs already stored for these series in `hour` (what a flush must merge with). */
  async rawOf(tx: Queryable, hour: number, seriesIds: number[]): Promise<Map<number, Buffer>> {
    const found = new Map<number, Buffer>();
    for (let i = 0; i < seriesIds.length; i += BATCH) {
      const part = seriesIds.slice(i, i + BATCH);
      const rows = await tx.all<{ series_id: number; raw: Buffer }>(
        `SELECT series_id, raw FROM series_chunks WHERE hour = ? AND raw IS NOT NULL AND series_id IN (${part.map(() => '?').join(', ')})`,
        [hour, ...part],
      );
      for (const r of rows) found.set(r.series_id, r.raw);
    }
    return found;
  }

  async read(seriesId: number, fromHour: number, toHour: number): Promise<ChunkRow[]> {
    const rows = await this.db.all<{ hour: number; raw: Buffer | null; rollup: Buffer | null }>(
      'SELECT hour, raw, rollup FROM series_chunks WHERE series_id = ? AND hour >= ? AND hour <= ? ORDER BY hour',
      [seriesId, fromHour, toHour],
    );
    return rows.map((r) => ({ seriesId, hour: r.hour, raw: r.raw, rollup: r.rollup }));
  }

  /** The newest chunk at or before `hour` (a step series' value in force at that time). */
  async latestAtOrBefore(seriesId: number, hour: number): Promise<ChunkRow | undefined> {
    const row = await this.db.get<{ hour: number; raw: Buffer | null; rollup: Buffer | null }>(
      'SELECT hour, raw, rollup FROM series_chunks WHERE series_id = ? AND hour <= ? ORDER BY hour DESC LIMIT 1',
      [seriesId, hour],
    );
    return row && { seriesId, hour: row.hour, raw: row.raw, rollup: row.rollup };
  }

  /**
   * Retention: gauges lose raw samples before `rawCutoffHour`; every chunk before
   * `rollupCutoffHour` goes (live step series repeat their value daily, so they keep one), and
   * so do series left without chunks.
   */
  async enforceRetention(
    rawCutoffHour: number,
    rollupCutoffHour: number,
  ): Promise<{ rawDropped: number; deleted: number }> {
    const dropped = await this.db.run(
      `UPDATE series_chunks SET raw = NULL
       WHERE raw IS NOT NULL AND hour < ? AND series_id IN (SELECT id FROM series WHERE kind = 'gauge')`,
      [rawCutoffHour],
    );
    // The IN list lets SQLite seek the primary key per series instead of scanning the table.
    const deleted = await this.db.run(
      'DELETE FROM series_chunks WHERE series_id IN (SELECT id FROM series) AND hour < ?',
      [rollupCutoffHour],
    );
    await this.db.run(
      'DELETE FROM series WHERE NOT EXISTS (SELECT 1 FROM series_chunks c WHERE c.series_id = series.id)',
    );
    return { rawDropped: dropped.changes, deleted: deleted.changes };
  }

  async counts(): Promise<{ series: number; chunks: number }> {
    const s = await this.db.get<{ n: number }>('SELECT count(*) AS n FROM series');
    const c = await this.db.get<{ n: number }>('SELECT count(*) AS n FROM series_chunks');
    return { series: s?.n ?? 0, chunks: c?.n ?? 0 };
  }
}
