// `ai4k8s user add|passwd|list|remove` against a real SQLite file, as a spawned command.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/core/store/open-store.js';
import { SessionsRepo } from '../../src/core/store/repos/sessions.js';
import { UsersRepo } from '../../src/core/store/repos/users.js';
import { verifyPassword } from '../../src/web/auth/passwords.js';
import { writeConfig } from '../mcp/support/ai4k8s-command.js';

const repoRoot = join(import.meta.dirname, '..', '..');
const distCli = join(repoRoot, 'dist', 'cli.js');
// The tests run concurrently (each spawns several commands): one directory each, removed at the end.
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ai4k8s-user-cli-'));
  dirs.push(dir);
  return dir;
}

/** The built command once it has `user`, else the same commands from source. */
function command(): string[] {
  if (existsSync(distCli) && readFileSync(distCli, 'utf8').includes('registerUserCommands'))
    return [distCli];
  return ['--import', 'tsx', join(import.meta.dirname, 'support', 'user-cli-entry.ts')];
}

function ai4k8s(
  configPath: string,
  args: string[],
  input = '',
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...command(), '--config', configPath, 'user', ...args], {
      cwd: repoRoot,
      env: { PATH: process.env.PATH, HOME: process.env.HOME },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

function setup(): { configPath: string; dbPath: string } {
  const dir = tempDir();
  const dbPath = join(dir, 'ai4k8s.db');
  return {
    configPath: writeConfig(dir, { database: { path: dbPath }, log: { level: 'silent' } }),
    dbPath,
  };
}

describe.concurrent('ai4k8s user', () => {
  it('adds a user with a password from stdin, stored as an scrypt hash, and lists it', async () => {
    const { configPath, dbPath } = setup();
    const added = await ai4k8s(
      configPath,
      ['add', 'Alice', '--role', 'operator'],
      'a long enough password\n',
    );
    expect(added).toMatchObject({ code: 0, stdout: '' });
    expect(added.stderr).toContain('Added dashboard user "alice" with the operator role.');

    const db = await openStore(dbPath);
    const stored = await new UsersRepo(db).credentials('alice');
    await db.close();
    expect(stored?.user.role).toBe('operator');
    expect(stored?.passwordHash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(stored?.passwordHash).not.toContain('a long enough password');
    expect(await verifyPassword('a long enough password', stored?.passwordHash ?? '')).toBe(true);

    const listed = await ai4k8s(configPath, ['list', '--json']);
    expect(JSON.parse(listed.stdout)).toEqual([
      { name: 'alice', role: 'operator', created: expect.any(String), lastLogin: null },
    ]);
    expect((await ai4k8s(configPath, ['list'])).stdout).toMatch(
      /^NAME\s+ROLE\s+CREATED\s+LAST SIGN-IN\nalice\s+operator/,
    );
  });

  it('generates a password once, changes it with passwd (ending sessions) and removes the user', async () => {
    const { configPath, dbPath } = setup();
    const added = await ai4k8s(configPath, ['add', 'bob', '--role', 'admin', '--generate']);
    expect(added.code).toBe(0);
    const generated = added.stdout.trim();
    expect(generated.length).toBeGreaterThanOrEqual(20);

    let db = await openStore(dbPath);
    const users = new UsersRepo(db);
    const bob = await users.get('bob');
    await new SessionsRepo(db).create({
      id: 'cookie-value',
      userId: bob?.id ?? 0,
      csrfToken: 't',
      expiresAt: Date.now() + 60_000,
    });
    await db.close();

    expect((await ai4k8s(configPath, ['passwd', 'bob'], 'another fine password\n')).code).toBe(0);
    db = await openStore(dbPath);
    const after = await new UsersRepo(db).credentials('bob');
    expect(await verifyPassword('another fine password', after?.passwordHash ?? '')).toBe(true);
    expect(await verifyPassword(generated, after?.passwordHash ?? '')).toBe(false);
    expect(await new SessionsRepo(db).find('cookie-value')).toBeUndefined();
    await db.close();

    db = await openStore(dbPath);
    await new UsersRepo(db).create('carl', 'viewer', after?.passwordHash ?? '');
    await db.close();
    const removed = await ai4k8s(configPath, ['remove', 'bob']);
    expect(removed).toMatchObject({ code: 0, stdout: 'Removed dashboard user "bob".\n' });
    expect(removed.stderr).toContain('No admin is left');
    expect((await ai4k8s(configPath, ['list'])).stdout).toMatch(/\ncarl\s+viewer/);
  });

  it('refuses bad names, short passwords, duplicates and unknown users with a clear message', async () => {
    const { configPath, dbPath } = setup();
    expect(
      await ai4k8s(configPath, ['add', 'no spaces'], 'a long enough password\n'),
    ).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('is not a usable username'),
    });
    expect(await ai4k8s(configPath, ['add', 'carol'], 'short\n')).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('Use at least 10 characters.'),
    });
    expect(await ai4k8s(configPath, ['add', 'carol'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('no password given'),
    });
    const db = await openStore(dbPath);
    await new UsersRepo(db).create('carol', 'viewer', 'scrypt$unused');
    await db.close();
    expect(await ai4k8s(configPath, ['add', 'CAROL'], 'a long enough password\n')).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('a user named "carol" exists already'),
    });
    expect(await ai4k8s(configPath, ['passwd', 'dave'], 'a long enough password\n')).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('there is no user named "dave"'),
    });
  });
});
