import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../../src/core/store/open-store.js';
import { AuditRepo } from '../../../src/core/store/repos/audit.js';
import { useTempDir } from '../../support/temp-dir.js';

const tempDir = useTempDir();

describe('AuditRepo', () => {
  it('appends entries and lists them newest first, filtered', async () => {
    const db = await openStore(join(tempDir(), 'ai4k8s.db'));
    const audit = new AuditRepo(db);
    await audit.record({
      at: 1,
      actor: 'slack:U1',
      role: 'viewer',
      surface: 'slack',
      action: 'tool.invoke',
      tool: 'get_pods',
      args: { namespace: 'shop' },
      cluster: 'sim',
      outcome: 'ok',
      durationMs: 12.6,
    });
    await audit.record({
      at: 2,
      actor: 'cli:root',
      surface: 'cli',
      action: 'approval.approve',
      outcome: 'error:forbidden',
    });
    const all = await audit.list();
    expect(all.map((e) => e.actor)).toEqual(['cli:root', 'slack:U1']);
    expect(all[1]).toMatchObject({
      tool: 'get_pods',
      args: { namespace: 'shop' },
      durationMs: 13,
      role: 'viewer',
    });
    expect(all[0]).toMatchObject({ role: undefined, tool: undefined, args: undefined });
    expect((await audit.list({ actor: 'slack:U1' })).map((e) => e.at)).toEqual([1]);
    expect((await audit.list({ action: 'approval.approve' })).map((e) => e.at)).toEqual([2]);
    expect((await audit.list({ since: 2 })).map((e) => e.at)).toEqual([2]);
    expect(await audit.list({ limit: 1 })).toHaveLength(1);
    await db.close();
  });
});
