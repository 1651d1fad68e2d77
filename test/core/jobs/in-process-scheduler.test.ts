import { afterEach, describe, expect, it } from 'vitest';
import { createScheduler } from '../../../src/core/jobs/create-scheduler.js';
import { InProcessScheduler } from '../../../src/core/jobs/in-process-scheduler.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const schedulers: InProcessScheduler[] = [];
afterEach(async () => {
  await Promise.all(schedulers.splice(0).map((s) => s.stop()));
});
function scheduler(): InProcessScheduler {
  const s = new InProcessScheduler();
  schedulers.push(s);
  return s;
}

async function until(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(10);
  }
}

describe('in-process scheduler (no Redis)', () => {
  it('is what createScheduler gives without a Redis URL', () => {
    expect(createScheduler({}).kind).toBe('in-process');
    expect(createScheduler({ redisUrl: 'redis://127.0.0.1:1' }).kind).toBe('bullmq');
  });

  it('runs every schedule, never two runs of one job at once', async () => {
    const s = scheduler();
    let runs = 0;
    let running = 0;
    let overlap = false;
    s.every('collect', 20, async () => {
      running++;
      if (running > 1) overlap = true;
      runs++;
      await sleep(50);
      running--;
    });
    await s.start();
    await until(() => runs >= 3);
    expect(overlap).toBe(false);
  });

  it('retries a failing job with back-off or the delay its error asks for, and dedupes by job id', async () => {
    const s = scheduler();
    const attempts: Array<{ id: string; at: number }> = [];
    class Later extends Error {
      constructor(readonly ms: number) {
        super('later');
      }
    }
    const q = s.queue<{ id: string }>(
      'notify',
      async ({ id }) => {
        attempts.push({ id, at: Date.now() });
        const n = attempts.filter((a) => a.id === id).length;
        if (id === 'a' && n === 1) throw new Later(150);
        if (id === 'a' && n === 2) throw new Error('boom');
        if (id === 'b') throw new Error('always');
      },
      {
        attempts: 3,
        backoffMs: (attempt) => attempt * 20,
        retryDelayOf: (e) => (e instanceof Later ? e.ms : undefined),
      },
    );
    await s.start();
    await q.add('a', { id: 'a' });
    await q.add('a', { id: 'a' });
    await q.add('b', { id: 'b' });
    await until(
      () =>
        attempts.filter((a) => a.id === 'a').length === 3 &&
        attempts.filter((a) => a.id === 'b').length === 3,
    );
    await sleep(100);
    const a = attempts.filter((x) => x.id === 'a').map((x) => x.at);
    expect(a).toHaveLength(3);
    expect((a[1] ?? 0) - (a[0] ?? 0)).toBeGreaterThanOrEqual(145);
    expect(attempts.filter((x) => x.id === 'b')).toHaveLength(3);
    // Done: the same id may be added again.
    await q.add('a', { id: 'a' });
    await until(() => attempts.filter((x) => x.id === 'a').length === 4);
  });

  it('stop waits for the running job and takes no new ones', async () => {
    const s = scheduler();
    const done: string[] = [];
    const q = s.queue<{ id: string }>(
      'work',
      async ({ id }) => {
        await sleep(100);
        done.push(id);
      },
      { attempts: 1, backoffMs: () => 0, concurrency: 1 },
    );
    await s.start();
    await q.add('a', { id: 'a' });
    await q.add('b', { id: 'b' });
    await sleep(20);
    await s.stop();
    expect(done).toEqual(['a']);
    await q.add('c', { id: 'c' });
    await sleep(150);
    expect(done).toEqual(['a']);
  });
});
