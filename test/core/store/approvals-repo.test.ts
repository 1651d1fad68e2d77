import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/core/store/database.js';
import { openStore } from '../../../src/core/store/open-store.js';
import { ApprovalsRepo, type NewApproval } from '../../../src/core/store/repos/approvals.js';
import { useTempDir } from '../../support/temp-dir.js';

const tempDir = useTempDir();
let db: Database | undefined;
afterEach(async () => {
  await db?.close();
  db = undefined;
});

async function repo(): Promise<ApprovalsRepo> {
  db = await openStore(join(tempDir(), 'ai4k8s.db'));
  return new ApprovalsRepo(db);
}

const request: NewApproval = {
  id: 'apr_0123456789',
  tool: 'execute_kubectl',
  argsJson: '{"command":"scale deploy web --replicas 3"}',
  cluster: 'sim',
  risk: 'write',
  requiredRole: 'operator',
  requester: 'slack:U1',
  requesterName: 'Ada',
  surface: 'slack',
  origin: { channel: 'C1' },
  createdAt: 1_000,
  expiresAt: 901_000,
};

const use = {
  id: request.id,
  tool: request.tool,
  argsJson: request.argsJson,
  cluster: 'sim',
  runner: 'slack:U1',
  now: 2_000,
};

describe('ApprovalsRepo', () => {
  it('stores a request and reads it back as pending', async () => {
    const approvals = await repo();
    await approvals.create(request);
    expect(await approvals.get(request.id)).toMatchObject({ ...request, status: 'pending' });
    expect((await approvals.listPending(2_000)).map((a) => a.id)).toEqual([request.id]);
    expect(await approvals.listPending(901_000)).toEqual([]);
    expect(await approvals.get('apr_missing000')).toBeUndefined();
  });

  it('decides only a pending, unexpired request, once', async () => {
    const approvals = await repo();
    await approvals.create(request);
    expect(await approvals.decide(request.id, 'approved', 'slack:U2', 901_000)).toBe(false);
    expect(await approvals.decide(request.id, 'approved', 'slack:U2', 2_000)).toBe(true);
    expect(await approvals.decide(request.id, 'denied', 'slack:U3', 2_001)).toBe(false);
    expect(await approvals.get(request.id)).toMatchObject({
      status: 'approved',
      decidedBy: 'slack:U2',
      decidedAt: 2_000,
    });
  });

  it('consumes an approved request once, and only for the exact call by its requester or approver', async () => {
    const approvals = await repo();
    await approvals.create(request);
    expect(await approvals.consume(use)).toBe(false); // still pending
    await approvals.decide(request.id, 'approved', 'slack:U2', 1_500);
    expect(
      await approvals.consume({ ...use, argsJson: '{"command":"scale deploy web --replicas 30"}' }),
    ).toBe(false);
    expect(await approvals.consume({ ...use, cluster: 'prod' })).toBe(false);
    expect(await approvals.consume({ ...use, tool: 'run_container_in_pod' })).toBe(false);
    expect(await approvals.consume({ ...use, runner: 'slack:U9' })).toBe(false);
    expect(await approvals.consume({ ...use, now: 901_000 })).toBe(false);
    expect(await approvals.consume({ ...use, runner: 'slack:U2' })).toBe(true);
    expect(await approvals.consume(use)).toBe(false);
    expect(await approvals.get(request.id)).toMatchObject({ status: 'used', usedAt: 2_000 });
  });

  it('lets exactly one of many concurrent uses win', async () => {
    const approvals = await repo();
    await approvals.create(request);
    await approvals.decide(request.id, 'approved', 'slack:U2', 1_500);
    const results = await Promise.all(Array.from({ length: 20 }, () => approvals.consume(use)));
    expect(results.filter(Boolean)).toHaveLength(1);
  });
});
