import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConversationMemory } from '../../../src/core/agent/memory.js';
import type { Database } from '../../../src/core/store/database.js';
import { openStore } from '../../../src/core/store/open-store.js';
import { ConversationsRepo } from '../../../src/core/store/repos/conversations.js';
import { UsageRepo, usageDay } from '../../../src/core/store/repos/usage.js';
import { useTempDir } from '../../support/temp-dir.js';

const tempDir = useTempDir();
let db: Database | undefined;
afterEach(async () => {
  await db?.close();
  db = undefined;
});

async function open(): Promise<Database> {
  db = await openStore(join(tempDir(), 'ai4k8s.db'));
  return db;
}

describe('conversation memory', () => {
  it('keeps the newest turns within the budget, user first and alternating', async () => {
    const repo = new ConversationsRepo(await open());
    const memory = new ConversationMemory(repo, 100);
    await memory.remember('slack:C1:T1', 'q1 '.repeat(80), 'a1 '.repeat(80), 1);
    await memory.remember('slack:C1:T1', 'q2', 'a2', 2);
    await memory.remember('slack:C1:T1', 'q3', 'a3', 3);
    expect(await memory.history('slack:C1:T1')).toEqual([
      { role: 'user', content: 'q2' },
      { role: 'assistant', content: 'a2' },
      { role: 'user', content: 'q3' },
      { role: 'assistant', content: 'a3' },
    ]);
    // Trimmed in the table too, not only when read.
    expect((await repo.turns('slack:C1:T1')).map((t) => t.text)).toEqual(['q2', 'a2', 'q3', 'a3']);
    expect(await memory.history('slack:C1:T2')).toEqual([]);
  });

  it('never starts with an answer or ends with an unanswered question', async () => {
    const repo = new ConversationsRepo(await open());
    await repo.append('c', { speaker: 'assistant', text: 'orphan', tokens: 2, at: 1 });
    await repo.append('c', { speaker: 'user', text: 'q', tokens: 1, at: 2 });
    await repo.append('c', { speaker: 'assistant', text: 'a', tokens: 1, at: 3 });
    await repo.append('c', { speaker: 'user', text: 'dangling', tokens: 2, at: 4 });
    expect(await new ConversationMemory(repo, 1000).history('c')).toEqual([
      { role: 'user', content: 'q' },
      { role: 'assistant', content: 'a' },
    ]);
  });

  it('stores cluster choices and approval origins', async () => {
    const repo = new ConversationsRepo(await open());
    await repo.setClusterChoice('slack:C1', { cluster: 'a', setBy: 'ada', setAt: 1 });
    await repo.setClusterChoice('slack:C1', { cluster: 'b', setBy: 'bob', setAt: 2 });
    expect(await repo.clusterChoice('slack:C1')).toEqual({ cluster: 'b', setBy: 'bob', setAt: 2 });
    await repo.saveOrigin('apr_1', { platform: 'slack', channelId: 'C1', userId: 'U1' }, 5);
    await repo.saveOrigin(
      'apr_2',
      { platform: 'discord', channelId: 'C2', threadId: 'T2', userId: 'U2' },
      5,
    );
    expect(await repo.origin('apr_1')).toEqual({
      platform: 'slack',
      channelId: 'C1',
      userId: 'U1',
    });
    expect(await repo.origin('apr_2')).toEqual({
      platform: 'discord',
      channelId: 'C2',
      threadId: 'T2',
      userId: 'U2',
    });
    expect(await repo.origin('apr_3')).toBeUndefined();
  });
});

describe('LLM usage', () => {
  it('sums every kind of token per user and UTC day', async () => {
    const usage = new UsageRepo(await open());
    const day = Date.UTC(2026, 0, 15, 23, 0);
    const row = {
      model: 'm',
      inputTokens: 100,
      outputTokens: 20,
      cacheCreationTokens: 1000,
      cacheReadTokens: 5,
    };
    await usage.record({ userId: 'slack:U1', at: day, ...row });
    await usage.record({ userId: 'slack:U1', at: day + 30 * 60_000, ...row });
    await usage.record({ userId: 'slack:U1', at: day + 2 * 3600_000, ...row });
    await usage.record({ userId: 'slack:U2', at: day, ...row });
    expect(usageDay(day)).toBe('2026-01-15');
    expect(await usage.usedOn('slack:U1', day)).toBe(2250);
    expect(await usage.usedOn('slack:U1', day + 2 * 3600_000)).toBe(1125);
    expect(await usage.usedOn('slack:U3', day)).toBe(0);
  });
});
