import { afterEach, describe, expect, it } from 'vitest';
import {
  DeliveryRetryError,
  OutboxDelivery,
  exponentialBackoff,
} from '../../../src/core/alerts/outbox/outbox-delivery.js';
import { sweepOutbox } from '../../../src/core/alerts/outbox/outbox-sweeper.js';
import { RecordingNotifier } from '../../support/recording-notifier.js';
import { useTempDir } from '../../support/temp-dir.js';
import { alertFixture, finding, type AlertFixture } from './alert-fixture.js';

const tempDir = useTempDir();
let fx: AlertFixture;

afterEach(async () => {
  await fx?.db.close();
});

function delivery(
  notifier: RecordingNotifier,
  options: { timeoutMs?: number; maxAttempts?: number } = {},
) {
  return new OutboxDelivery({
    db: fx.db,
    notifiers: [notifier],
    maxAttempts: options.maxAttempts ?? 5,
    backoffMs: exponentialBackoff(100, 1000),
    timeoutMs: options.timeoutMs ?? 1000,
  });
}

describe('outbox delivery', () => {
  it('threads updates under the first message, delivering earlier rows first', async () => {
    fx = await alertFixture(tempDir());
    await fx.lifecycle.reconcile('analyzer', [finding()], { all: true });
    await fx.lifecycle.reconcile('analyzer', [finding({ severity: 'critical' })], { all: true });
    const notifier = new RecordingNotifier();
    const d = delivery(notifier);
    const [newId, updateId] = fx.outboxIds as [number, number];
    expect(await d.deliver(updateId)).toBe('sent');
    expect(await d.deliver(newId)).toBe('already-sent');
    expect(notifier.sent.map((n) => [n.kind, n.previousMessageId])).toEqual([
      ['new', undefined],
      ['update', 'test-msg-1'],
    ]);
    expect(notifier.sent[1]?.change).toBe('severity warning -> critical');
    expect(notifier.sent[1]?.alert.severity).toBe('critical');
    const rows = await d.repo.list();
    expect(rows.map((r) => [r.status, r.messageId, r.attempts])).toEqual([
      ['sent', 'test-msg-1', 1],
      ['sent', 'test-msg-2', 1],
    ]);
  });

  it('retries 429 after Retry-After, 5xx and timeouts with back-off, and posts once', async () => {
    fx = await alertFixture(tempDir());
    await fx.lifecycle.reconcile('analyzer', [finding()], { all: true });
    const notifier = new RecordingNotifier().failNext(
      { kind: 'rate-limited', retryAfterMs: 7000 },
      { kind: 'server-error', status: 503 },
      { kind: 'hang' },
    );
    const d = delivery(notifier, { timeoutMs: 50 });
    const id = fx.outboxIds[0] as number;
    const delays: number[] = [];
    for (let i = 0; i < 3; i++) {
      const error = await d.deliver(id).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DeliveryRetryError);
      delays.push((error as DeliveryRetryError).retryAfterMs);
    }
    expect(delays).toEqual([7000, 200, 400]);
    expect(await d.deliver(id)).toBe('sent');
    expect(await d.deliver(id)).toBe('already-sent');
    expect(notifier.sent).toHaveLength(1);
    expect(notifier.calls.map((c) => c.outcome)).toEqual(['failed', 'failed', 'hung', 'sent']);
    expect((await d.repo.get(id))?.attempts).toBe(4);
  });

  it('marks a row failed on a final error or after the last attempt, and the sweeper leaves it', async () => {
    fx = await alertFixture(tempDir());
    await fx.lifecycle.reconcile('analyzer', [finding(), finding({ name: 'cart' })], { all: true });
    const notifier = new RecordingNotifier().failNext(
      { kind: 'final' },
      { kind: 'server-error' },
      { kind: 'server-error' },
    );
    const d = delivery(notifier, { maxAttempts: 2 });
    const [a, b] = fx.outboxIds as [number, number];
    expect(await d.deliver(a)).toBe('failed');
    await expect(d.deliver(b)).rejects.toBeInstanceOf(DeliveryRetryError);
    expect(await d.deliver(b)).toBe('failed');
    expect((await d.repo.list()).map((r) => [r.status, r.lastError])).toEqual([
      ['failed', 'channel_not_found'],
      ['failed', '500 server error'],
    ]);
    expect(await sweepOutbox({ repo: d.repo, enqueue: async () => undefined, graceMs: 0 })).toEqual(
      [],
    );
  });

  it('lets only one of two concurrent runs post', async () => {
    fx = await alertFixture(tempDir());
    await fx.lifecycle.reconcile('analyzer', [finding()], { all: true });
    const notifier = new RecordingNotifier();
    notifier.delayMs = 100;
    const d = delivery(notifier);
    const id = fx.outboxIds[0] as number;
    const outcomes = await Promise.all([d.deliver(id), d.deliver(id)]);
    expect(outcomes.sort()).toEqual(['busy', 'sent']);
    expect(notifier.sent).toHaveLength(1);
  });

  it('sweeps rows that are due, unclaimed and past the grace period', async () => {
    fx = await alertFixture(tempDir());
    await fx.lifecycle.reconcile('analyzer', [finding(), finding({ name: 'cart' })], { all: true });
    const d = delivery(new RecordingNotifier());
    const [a, b] = fx.outboxIds as [number, number];
    const swept: number[] = [];
    const enqueue = async (id: number) => void swept.push(id);
    expect(await sweepOutbox({ repo: d.repo, enqueue, graceMs: 60_000 })).toEqual([]);
    await d.repo.claim(a, 'someone', Date.now(), 60_000);
    expect(await sweepOutbox({ repo: d.repo, enqueue, graceMs: 0 })).toEqual([b]);
    // A claim whose lease ran out (its holder died) is swept again.
    expect(
      await sweepOutbox({ repo: d.repo, enqueue, graceMs: 0, wallNow: () => Date.now() + 61_000 }),
    ).toEqual([a, b]);
    expect(swept).toEqual([b, a, b]);
  });
});
