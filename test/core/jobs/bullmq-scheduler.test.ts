import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { registerNotifyQueue } from '../../../src/core/alerts/outbox/notify-queue.js';
import {
  DeliveryRetryError,
  OutboxDelivery,
  exponentialBackoff,
} from '../../../src/core/alerts/outbox/outbox-delivery.js';
import { sweepOutbox } from '../../../src/core/alerts/outbox/outbox-sweeper.js';
import {
  BullmqScheduler,
  type BullmqSchedulerOptions,
} from '../../../src/core/jobs/bullmq-scheduler.js';
import { RecordingNotifier } from '../../support/recording-notifier.js';
import { RedisServer } from '../../support/redis-server.js';
import { useTempDir } from '../../support/temp-dir.js';
import { alertFixture, finding, type AlertFixture } from '../alerts/alert-fixture.js';

const tempDir = useTempDir();
let redis: RedisServer;
let fx: AlertFixture | undefined;
const schedulers: BullmqScheduler[] = [];

beforeAll(async () => {
  redis = await RedisServer.start();
});
afterAll(async () => {
  await redis?.stop();
});
afterEach(async () => {
  await Promise.all(schedulers.splice(0).map((s) => s.stop()));
  await fx?.db.close();
  fx = undefined;
});

function scheduler(
  options: Partial<BullmqSchedulerOptions> = {},
  prefix = `t-${randomUUID()}`,
): BullmqScheduler {
  const s = new BullmqScheduler({
    redisUrl: redis.url,
    prefix,
    closeTimeoutMs: 2000,
    scheduleCheckMs: 300,
    ...options,
  });
  schedulers.push(s);
  return s;
}

async function until(check: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 25));
  }
}

async function oneNotification(): Promise<{ fx: AlertFixture; id: number }> {
  fx = await alertFixture(tempDir());
  await fx.lifecycle.reconcile('analyzer', [finding()], { all: true });
  return { fx, id: fx.outboxIds[0] as number };
}

function delivery(f: AlertFixture, notifier: RecordingNotifier, timeoutMs = 1000) {
  return new OutboxDelivery({
    db: f.db,
    notifiers: [notifier],
    maxAttempts: 10,
    backoffMs: exponentialBackoff(50, 500),
    timeoutMs,
  });
}

describe('BullMQ scheduler on a real redis-server', () => {
  it('fires every job scheduler', async () => {
    const s = scheduler();
    const runs = { collect: 0, analyze: 0, sweep: 0 };
    for (const name of Object.keys(runs) as (keyof typeof runs)[])
      s.every(name, 100, async () => void runs[name]++);
    await s.start();
    await until(() => runs.collect >= 2 && runs.analyze >= 2 && runs.sweep >= 2);
    // Redis restarting without its data loses the schedules; they come back by themselves.
    await redis.restart();
    const before = { ...runs };
    await until(() => runs.collect >= before.collect + 2 && runs.sweep >= before.sweep + 2);
  });

  it('retries a notifier failing with 429, 500 and a timeout, and delivers exactly once', async () => {
    const { fx, id } = await oneNotification();
    const notifier = new RecordingNotifier().failNext(
      { kind: 'rate-limited', retryAfterMs: 400 },
      { kind: 'server-error', status: 500 },
      { kind: 'hang' },
    );
    const s = scheduler();
    const notify = registerNotifyQueue({
      scheduler: s,
      delivery: delivery(fx, notifier, 200),
      attempts: 10,
      backoffMs: exponentialBackoff(50, 500),
    });
    await s.start();
    await notify.enqueue(id);
    await notifier.waitForSent(1);
    await new Promise((r) => setTimeout(r, 300));
    expect(notifier.calls.map((c) => c.outcome)).toEqual(['failed', 'failed', 'hung', 'sent']);
    expect(notifier.sent).toHaveLength(1);
    // The 429's Retry-After was honoured, not the 50 ms back-off.
    const [first, second] = notifier.calls;
    expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(400);
    expect((await fx.lifecycle.outbox.get(id))?.status).toBe('sent');
  });

  it('loses nothing and doubles nothing when redis-server is SIGKILLed between enqueue and delivery', async () => {
    const { fx, id } = await oneNotification();
    await fx.lifecycle.reconcile('analyzer', [finding({ name: 'cart' })], { all: true });
    const second = fx.outboxIds[1] as number;
    const notifier = new RecordingNotifier();
    const prefix = `t-${randomUUID()}`;
    // The jobs are in Redis, but no worker runs yet.
    const producer = scheduler({}, prefix);
    const notifyA = registerNotifyQueue({
      scheduler: producer,
      delivery: delivery(fx, notifier),
      attempts: 5,
      backoffMs: () => 50,
    });
    await notifyA.enqueue(id);
    await notifyA.enqueue(second);
    await redis.restart();
    // After the crash: a fresh process with workers finds Redis empty; the sweeper brings the rows back.
    const s = scheduler({}, prefix);
    const d = delivery(fx, notifier);
    const notify = registerNotifyQueue({
      scheduler: s,
      delivery: d,
      attempts: 5,
      backoffMs: () => 50,
    });
    s.every(
      'sweep',
      200,
      async () => void (await sweepOutbox({ repo: d.repo, enqueue: notify.enqueue, graceMs: 0 })),
    );
    await s.start();
    await notifier.waitForSent(2, 15_000);
    // Delivered; another crash and more sweeps must not post again.
    await redis.restart();
    await new Promise((r) => setTimeout(r, 800));
    expect([...notifier.sentPerKey().values()]).toEqual([1, 1]);
    expect((await d.repo.list()).map((r) => r.status)).toEqual(['sent', 'sent']);
  });

  it('does not post twice when a stalled job runs again', async () => {
    const { fx, id } = await oneNotification();
    const notifier = new RecordingNotifier();
    notifier.delayMs = 2500;
    const d = delivery(fx, notifier, 5000);
    let runs = 0;
    const outcomes: string[] = [];
    // Lock renewal off and a short lock: the job stalls while the notifier is still working.
    const s = scheduler({
      lockDurationMs: 400,
      stalledIntervalMs: 300,
      maxStalledCount: 5,
      skipLockRenewal: true,
    });
    const queue = s.queue<{ outboxId: number }>(
      'notify',
      async ({ outboxId }) => {
        runs++;
        outcomes.push(await d.deliver(outboxId));
      },
      {
        attempts: 3,
        backoffMs: () => 50,
        retryDelayOf: (e) => (e instanceof DeliveryRetryError ? e.retryAfterMs : undefined),
      },
    );
    await s.start();
    await queue.add(`outbox-${id}`, { outboxId: id });
    await until(() => outcomes.includes('sent'), 15_000);
    expect(runs).toBeGreaterThanOrEqual(2);
    expect(outcomes).toContain('busy');
    expect(notifier.sent).toHaveLength(1);
  });

  it('finishes the running job on stop and leaves the waiting ones in Redis for the next start', async () => {
    const prefix = `t-${randomUUID()}`;
    const done: string[] = [];
    const handler = async ({ id }: { id: string }) => {
      await new Promise((r) => setTimeout(r, 300));
      done.push(id);
    };
    const first = scheduler({}, prefix);
    const q1 = first.queue('work', handler, { attempts: 1, backoffMs: () => 0, concurrency: 1 });
    await first.start();
    await q1.add('a', { id: 'a' });
    await q1.add('b', { id: 'b' });
    await new Promise((r) => setTimeout(r, 100));
    await first.stop();
    expect(done).toEqual(['a']);
    const second = scheduler({}, prefix);
    second.queue('work', handler, { attempts: 1, backoffMs: () => 0, concurrency: 1 });
    await second.start();
    await until(() => done.length === 2);
    expect(done).toEqual(['a', 'b']);
  });
});
