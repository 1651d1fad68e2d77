import { statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Database } from '../../../src/core/store/database.js';
import { migrate, MigrationError } from '../../../src/core/store/migrate.js';
import { openStore } from '../../../src/core/store/open-store.js';
import { resolveSecretKey } from '../../../src/core/store/secret-key.js';
import { useTempDir } from '../../support/temp-dir.js';

const tempDir = useTempDir();

describe('SQLite store', () => {
  it('opens a WAL database file and applies the migrations', async () => {
    const path = join(tempDir(), 'nested', 'ai4k8s.db');
    const db = await openStore(path);
    const mode = await db.get<{ journal_mode: string }>('PRAGMA journal_mode');
    expect(mode?.journal_mode).toBe('wal');
    const tables = await db.all<{ name: string }>(
      "SELECT name FROM sqlite_master WHERE type = 'table'",
    );
    expect(tables.map((t) => t.name)).toEqual(
      expect.arrayContaining(['approvals', 'audit_log', 'api_tokens']),
    );
    await db.close();
    // Opening again applies nothing new and keeps the data.
    const again = await openStore(path);
    expect((await again.all('SELECT * FROM schema_migrations')).length).toBeGreaterThan(0);
    await again.close();
  });

  it('leaves the database as it was when a migration fails', async () => {
    const db = await Database.open(join(tempDir(), 'm.db'));
    await migrate(db, [{ version: 1, name: 'one', sql: 'CREATE TABLE a (x INTEGER);' }]);
    await db.run('INSERT INTO a VALUES (1)');
    const broken = {
      version: 2,
      name: 'broken',
      sql: 'CREATE TABLE b (y INTEGER); INSERT INTO a VALUES (2); CREATE TABLE a (x INTEGER);',
    };
    await expect(migrate(db, [broken])).rejects.toBeInstanceOf(MigrationError);
    const tables = await db.all<{ name: string }>(
      "SELECT name FROM sqlite_master WHERE type='table' AND name='b'",
    );
    expect(tables).toEqual([]);
    expect(await db.all('SELECT x FROM a')).toEqual([{ x: 1 }]);
    const versions = await db.all<{ version: number }>('SELECT version FROM schema_migrations');
    expect(versions.map((v) => v.version)).toEqual([1]);
    await db.close();
  });

  it('keeps concurrent transactions whole', async () => {
    const db = await Database.open(join(tempDir(), 't.db'));
    await db.exec('CREATE TABLE n (v INTEGER)');
    const failing = db.transaction(async (tx) => {
      await tx.run('INSERT INTO n VALUES (1)');
      await new Promise((r) => setTimeout(r, 20));
      throw new Error('boom');
    });
    const outside = db.run('INSERT INTO n VALUES (2)');
    await expect(failing).rejects.toThrow('boom');
    await outside;
    expect(await db.all('SELECT v FROM n')).toEqual([{ v: 2 }]);
    await db.close();
  });

  it('generates the secret key once, next to the database, readable by its owner only', () => {
    const dir = tempDir();
    const dbPath = join(dir, 'ai4k8s.db');
    const first = resolveSecretKey(undefined, dbPath);
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    expect(resolveSecretKey(undefined, dbPath)).toBe(first);
    expect(statSync(join(dir, 'secret.key')).mode & 0o777).toBe(0o600);
    expect(resolveSecretKey('configured-key-configured-key-configured', dbPath)).toBe(
      'configured-key-configured-key-configured',
    );
  });
});
