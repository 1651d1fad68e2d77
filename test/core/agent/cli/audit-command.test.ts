import { Command } from 'commander';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { formatAudit, readAudit, registerAuditCommand } from '../../../../src/cli/audit.js';
import type { Database } from '../../../../src/core/store/database.js';
import { openStore } from '../../../../src/core/store/open-store.js';
import { AuditRepo } from '../../../../src/core/store/repos/audit.js';
import { useTempDir } from '../../../support/temp-dir.js';

const tempDir = useTempDir();
let db: Database | undefined;
afterEach(async () => {
  vi.restoreAllMocks();
  await db?.close().catch(() => undefined);
  db = undefined;
});

const now = 1_800_000_000_000;

async function seeded(): Promise<{ path: string; repo: AuditRepo }> {
  const path = join(tempDir(), 'ai4k8s.db');
  db = await openStore(path);
  const repo = new AuditRepo(db);
  const rows = [
    {
      at: now - 3 * 3600_000,
      actor: 'slack:U_OP',
      role: 'operator',
      surface: 'slack',
      action: 'chat.command',
      tool: 'pods',
      args: { text: 'pods' },
      cluster: 'sim',
      outcome: 'ok',
      durationMs: 4,
    },
    {
      at: now - 20 * 60_000,
      actor: 'slack:U_OP',
      role: 'operator',
      surface: 'slack',
      action: 'tool.invoke',
      tool: 'execute_kubectl',
      args: { command: 'scale deploy web --replicas 3' },
      cluster: 'sim',
      outcome: 'approval_required',
      detail: 'apr_1',
    },
    {
      at: now - 10 * 60_000,
      actor: 'discord:U_OP',
      role: 'viewer',
      surface: 'discord',
      action: 'chat.question',
      args: { text: 'why is web down?' },
      cluster: 'sim',
      outcome: 'ok',
    },
    {
      at: now - 5 * 60_000,
      actor: 'slack:U_ADMIN',
      role: 'admin',
      surface: 'slack',
      action: 'approval.approve',
      tool: 'execute_kubectl',
      cluster: 'sim',
      outcome: 'ok',
      detail: 'apr_1',
    },
  ];
  for (const r of rows) await repo.record(r);
  return { path, repo };
}

describe('ai4k8s audit', () => {
  it('filters by user (bare id or platform:id) and by --since, oldest first', async () => {
    const { repo } = await seeded();
    expect((await readAudit(repo, { limit: 200 }, now)).map((r) => r.action)).toEqual([
      'chat.command',
      'tool.invoke',
      'chat.question',
      'approval.approve',
    ]);
    expect((await readAudit(repo, { user: 'U_OP', limit: 200 }, now)).map((r) => r.actor)).toEqual([
      'slack:U_OP',
      'slack:U_OP',
      'discord:U_OP',
    ]);
    expect(
      (await readAudit(repo, { user: 'slack:U_OP', since: 3600, limit: 200 }, now)).map(
        (r) => r.action,
      ),
    ).toEqual(['tool.invoke']);
    expect(await readAudit(repo, { user: 'nobody', limit: 200 }, now)).toEqual([]);
  });

  it('prints a table with the chat line or the arguments, and the command parses its options', async () => {
    const { path, repo } = await seeded();
    const table = formatAudit(await readAudit(repo, { since: 1800, limit: 200 }, now));
    expect(table.split('\n')[0]).toMatch(
      /^TIME \(UTC\)\s+ACTOR\s+ROLE\s+SURFACE\s+ACTION\s+TOOL\s+CLUSTER\s+OUTCOME\s+MS\s+DETAIL$/,
    );
    expect(table).toMatch(
      /slack:U_OP\s+operator\s+slack\s+tool\.invoke\s+execute_kubectl\s+sim\s+approval_required\s+\{"command":"scale deploy web --replicas 3"\} \| apr_1/,
    );
    expect(table).toMatch(
      /discord:U_OP\s+viewer\s+discord\s+chat\.question\s+sim\s+ok\s+why is web down\?/,
    );
    expect(formatAudit([])).toBe('No audit entries match.');

    await db?.close();
    db = undefined;
    let printed = '';
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      printed += chunk.toString();
      return true;
    });
    const program = new Command('ai4k8s').exitOverride().option('-c, --config <file>');
    registerAuditCommand(program, { openDatabase: () => openStore(path), now: () => now });
    await program.parseAsync([
      'node',
      'ai4k8s',
      'audit',
      '--user',
      'U_ADMIN',
      '--since',
      '1h',
      '--json',
    ]);
    expect(
      printed
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).action),
    ).toEqual(['approval.approve']);
    await expect(
      program.parseAsync(['node', 'ai4k8s', 'audit', '--since', 'yesterday']),
    ).rejects.toThrow(/Write it like 30s/);
  });
});
