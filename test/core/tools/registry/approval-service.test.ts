import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../../src/core/log/logger.js';
import type { Database } from '../../../../src/core/store/database.js';
import { openStore } from '../../../../src/core/store/open-store.js';
import { ApprovalsRepo } from '../../../../src/core/store/repos/approvals.js';
import { AuditRepo } from '../../../../src/core/store/repos/audit.js';
import {
  ApprovalService,
  type StoredCall,
} from '../../../../src/core/tools/registry/approval-service.js';
import type { Caller } from '../../../../src/core/tools/types.js';
import { useTempDir } from '../../../support/temp-dir.js';

const tempDir = useTempDir();
let db: Database | undefined;
afterEach(async () => {
  await db?.close();
  db = undefined;
});

const alice: Caller = { id: 'slack:alice', name: 'Alice', role: 'operator', surface: 'slack' };
const bob: Caller = { id: 'slack:bob', role: 'operator', surface: 'slack' };
const vera: Caller = { id: 'web:vera', role: 'viewer', surface: 'web' };
const ada: Caller = { id: 'web:ada', role: 'admin', surface: 'web' };

const scale: StoredCall = {
  tool: 'execute_kubectl',
  argsJson: '{"command":"scale deploy web --replicas 3"}',
  cluster: 'sim',
  risk: 'write',
};
const shell: StoredCall = {
  tool: 'exec_into_pod',
  argsJson: '{"command":["env"],"pod":"web-1"}',
  cluster: 'sim',
  risk: 'exec',
};

async function setup(config = { ttlMinutes: 15, allowSelf: false }) {
  db = await openStore(join(tempDir(), 'ai4k8s.db'));
  const clock = { now: 1_700_000_000_000 };
  const audit = new AuditRepo(db);
  const service = new ApprovalService({
    repo: new ApprovalsRepo(db),
    audit,
    logger: createLogger({ level: 'silent' }),
    config,
    now: () => clock.now,
  });
  return { service, audit, clock };
}

describe('ApprovalService', () => {
  it('creates a pending request with the required role and the configured expiry', async () => {
    const { service, clock } = await setup({ ttlMinutes: 5, allowSelf: false });
    const write = await service.request(scale, alice);
    expect(write).toMatchObject({
      state: 'pending',
      requiredRole: 'operator',
      requester: 'slack:alice',
      requesterName: 'Alice',
      surface: 'slack',
      args: { command: 'scale deploy web --replicas 3' },
      createdAt: new Date(clock.now),
      expiresAt: new Date(clock.now + 5 * 60_000),
    });
    expect((await service.request(shell, ada)).requiredRole).toBe('admin');
    expect((await service.listPending()).map((a) => a.id)).toEqual([write.id, expect.any(String)]);
  });

  it('lets a second operator approve a write, and records who decided', async () => {
    const { service, audit } = await setup();
    const { id } = await service.request(scale, alice);
    const approved = await service.decide(id, bob, 'approve');
    expect(approved).toMatchObject({ state: 'approved', decidedBy: 'slack:bob' });
    expect(await service.listPending()).toEqual([]);
    const [row] = await audit.list();
    expect(row).toMatchObject({
      actor: 'slack:bob',
      action: 'approval.approve',
      outcome: 'ok',
      tool: 'execute_kubectl',
      cluster: 'sim',
    });
    expect(row?.detail).toBe(id);
  });

  it('refuses a decider whose role cannot approve the risk class, and audits the refusal', async () => {
    const { service, audit } = await setup();
    const write = await service.request(scale, alice);
    await expect(service.decide(write.id, vera, 'approve')).rejects.toMatchObject({
      kind: 'forbidden',
      message: 'Deciding a write request needs the operator role; you have viewer.',
    });
    const exec = await service.request(shell, ada);
    await expect(service.decide(exec.id, bob, 'approve')).rejects.toMatchObject({
      kind: 'forbidden',
    });
    await expect(service.decide(exec.id, vera, 'deny')).rejects.toMatchObject({
      kind: 'forbidden',
    });
    expect((await service.get(exec.id))?.state).toBe('pending');
    expect((await audit.list()).map((r) => r.outcome)).toEqual([
      'error:forbidden',
      'error:forbidden',
      'error:forbidden',
    ]);
    const admin2: Caller = { id: 'web:root', role: 'admin', surface: 'web' };
    expect((await service.decide(exec.id, admin2, 'approve')).state).toBe('approved');
  });

  it('refuses self-approval unless the config or the surface allows it; self-denial is fine', async () => {
    const strict = await setup();
    const mine = await strict.service.request(scale, alice);
    await expect(strict.service.decide(mine.id, alice, 'approve')).rejects.toMatchObject({
      kind: 'forbidden',
      message: `You cannot approve your own request ${mine.id}.`,
    });
    expect((await strict.service.decide(mine.id, alice, 'deny')).state).toBe('denied');
    const other = await strict.service.request(scale, alice);
    expect(
      (await strict.service.decide(other.id, alice, 'approve', { selfAllowed: true })).state,
    ).toBe('approved');
    await db?.close();

    const relaxed = await setup({ ttlMinutes: 15, allowSelf: true });
    const own = await relaxed.service.request(scale, alice);
    expect((await relaxed.service.decide(own.id, alice, 'approve')).state).toBe('approved');
  });

  it('refuses to decide an expired, already decided or unknown request', async () => {
    const { service, clock } = await setup();
    const late = await service.request(scale, alice);
    clock.now += 15 * 60_000;
    expect((await service.get(late.id))?.state).toBe('expired');
    await expect(service.decide(late.id, bob, 'approve')).rejects.toMatchObject({
      kind: 'approval',
      message: `Approval request ${late.id} has expired.`,
    });
    const done = await service.request(scale, alice);
    await service.decide(done.id, bob, 'deny');
    await expect(service.decide(done.id, ada, 'approve')).rejects.toMatchObject({
      kind: 'conflict',
      message: `Approval request ${done.id} was already denied by slack:bob.`,
    });
    await expect(service.decide('apr_nothere00', bob, 'approve')).rejects.toMatchObject({
      kind: 'not-found',
    });
  });

  it('consumes an approval once for the exact call, explaining every refusal', async () => {
    const { service, clock } = await setup();
    const { id } = await service.request(scale, alice);
    await expect(service.consume(id, scale, alice)).rejects.toThrow(
      'is still waiting for a decision',
    );
    await service.decide(id, bob, 'approve');
    const other = { ...scale, argsJson: '{"command":"scale deploy web --replicas 30"}' };
    await expect(service.consume(id, other, alice)).rejects.toThrow(
      `Approval request ${id} was approved for a different call: execute_kubectl {"command":"scale deploy web --replicas 3"} on cluster sim.`,
    );
    await expect(service.consume(id, { ...scale, cluster: 'prod' }, alice)).rejects.toThrow(
      'different call',
    );
    await expect(service.consume(id, scale, ada)).rejects.toThrow('only by the requester');
    expect((await service.consume(id, scale, alice)).state).toBe('used');
    await expect(service.consume(id, scale, alice)).rejects.toThrow('has already been used');

    const expiring = await service.request(scale, alice);
    await service.decide(expiring.id, bob, 'approve');
    clock.now += 16 * 60_000;
    await expect(service.consume(expiring.id, scale, alice)).rejects.toThrow('has expired');
    await expect(service.consume('apr_nothere00', scale, alice)).rejects.toThrow(
      'There is no approval request apr_nothere00.',
    );
  });
});
