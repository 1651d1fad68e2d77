import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import sqlite3 from 'sqlite3';

export type SqlValue = string | number | bigint | Buffer | null;
export type SqlParams = SqlValue[] | Record<string, SqlValue>;

/** The statements a repository needs; the same shape inside and outside a transaction. */
export interface Queryable {
  run(sql: string, params?: SqlParams): Promise<{ changes: number; lastID: number }>;
  get<T>(sql: string, params?: SqlParams): Promise<T | undefined>;
  all<T>(sql: string, params?: SqlParams): Promise<T[]>;
  exec(sql: string): Promise<void>;
}

/**
 * One SQLite connection in WAL mode. sqlite3 is asynchronous, so statements from concurrent
 * callers would interleave inside an open transaction; a queue keeps every transaction whole.
 */
export class Database implements Queryable {
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly raw: sqlite3.Database,
    readonly path: string,
  ) {}

  static async open(path: string): Promise<Database> {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    const raw = await new Promise<sqlite3.Database>((resolve, reject) => {
      const db = new sqlite3.Database(path, (error) => (error ? reject(error) : resolve(db)));
    });
    const database = new Database(raw, path);
    raw.configure('busyTimeout', 5000);
    await database.direct.exec(
      'PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;',
    );
    return database;
  }

  /** Statements that bypass the queue: only for use inside `transaction` and `open`. */
  private readonly direct: Queryable = {
    run: (sql, params = []) =>
      new Promise((resolve, reject) => {
        this.raw.run(sql, params, function (error) {
          if (error) reject(error);
          else resolve({ changes: this.changes, lastID: this.lastID });
        });
      }),
    get: <T>(sql: string, params: SqlParams = []) =>
      new Promise<T | undefined>((resolve, reject) => {
        this.raw.get(sql, params, (error, row) => (error ? reject(error) : resolve(row as T)));
      }),
    all: <T>(sql: string, params: SqlParams = []) =>
      new Promise<T[]>((resolve, reject) => {
        this.raw.all(sql, params, (error, rows) => (error ? reject(error) : resolve(rows as T[])));
      }),
    exec: (sql) =>
      new Promise((resolve, reject) => {
        this.raw.exec(sql, (error) => (error ? reject(error) : resolve()));
      }),
  };

  private enqueue<T>(work: () => Promise<T>): Promise<T> {
    const result = this.queue.then(work, work);
    this.queue = result.catch(() => undefined);
    return result;
  }

  run(sql: string, params?: SqlParams) {
    return this.enqueue(() => this.direct.run(sql, params));
  }
  get<T>(sql: string, params?: SqlParams) {
    return this.enqueue(() => this.direct.get<T>(sql, params));
  }
  all<T>(sql: string, params?: SqlParams) {
    return this.enqueue(() => this.direct.all<T>(sql, params));
  }
  exec(sql: string) {
    return this.enqueue(() => this.direct.exec(sql));
  }

  /** Runs `work` in BEGIN IMMEDIATE ... COMMIT; any error rolls everything back. */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
    return this.enqueue(async () => {
      await this.direct.exec('BEGIN IMMEDIATE');
      try {
        const result = await work(this.direct);
        await this.direct.exec('COMMIT');
        return result;
      } catch (error) {
        await this.direct.exec('ROLLBACK').catch(() => undefined);
        throw error;
      }
    });
  }

  close(): Promise<void> {
    return this.enqueue(
      () =>
        new Promise<void>((resolve, reject) => this.raw.close((e) => (e ? reject(e) : resolve()))),
    );
  }
}
