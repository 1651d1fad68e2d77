import {
  NotifierError,
  type Notifier,
  type OutboundNotification,
} from '../../src/core/alerts/notifier.js';

/** A scripted failure for the next call: how real platforms fail. */
export type ScriptedFailure =
  | { kind: 'rate-limited'; retryAfterMs: number }
  | { kind: 'server-error'; status?: number }
  | { kind: 'timeout'; afterMs?: number }
  | { kind: 'hang' }
  | { kind: 'final'; message?: string };

export interface RecordedCall {
  /** Date.now() when the call started. */
  at: number;
  notification: OutboundNotification;
  outcome: 'sent' | 'failed' | 'hung';
  messageId?: string;
}

/**
 * A Notifier for tests: records every call and every posted message, can fail the next calls
 * in the ways platforms do (429 with Retry-After, 5xx, timeouts, a call that never returns)
 * and can be slow. It does not dedupe, so a test sees every double post.
 */
export class RecordingNotifier implements Notifier {
  readonly calls: RecordedCall[] = [];
  /** Successfully posted notifications, in order. */
  readonly sent: Array<OutboundNotification & { messageId: string }> = [];
  private readonly script: ScriptedFailure[] = [];
  private waiters: Array<() => void> = [];
  private counter = 0;
  /** Milliseconds each successful call takes. */
  delayMs = 0;

  constructor(readonly platform = 'test') {}

  failNext(...failures: ScriptedFailure[]): this {
    this.script.push(...failures);
    return this;
  }

  async deliver(notification: OutboundNotification): Promise<{ messageId: string }> {
    const started = Date.now();
    const failure = this.script.shift();
    if (failure) return this.fail(notification, failure, started);
    if (this.delayMs > 0) await sleep(this.delayMs);
    const messageId = `${this.platform}-msg-${++this.counter}`;
    this.calls.push({ at: started, notification, outcome: 'sent', messageId });
    this.sent.push({ ...notification, messageId });
    this.wake();
    return { messageId };
  }

  /** Resolves once `count` notifications were posted (rejects after `timeoutMs`). */
  async waitForSent(count: number, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.sent.length < count) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`expected ${count} notifications, got ${this.sent.length}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 200));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Posted notifications per key, to assert nothing was posted twice. */
  sentPerKey(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const n of this.sent) counts.set(n.key, (counts.get(n.key) ?? 0) + 1);
    return counts;
  }

  private async fail(
    notification: OutboundNotification,
    failure: ScriptedFailure,
    at: number,
  ): Promise<never> {
    switch (failure.kind) {
      case 'rate-limited':
        this.calls.push({ at, notification, outcome: 'failed' });
        throw new NotifierError('429 rate limited', {
          retryable: true,
          retryAfterMs: failure.retryAfterMs,
        });
      case 'server-error':
        this.calls.push({ at, notification, outcome: 'failed' });
        throw new NotifierError(`${failure.status ?? 500} server error`, { retryable: true });
      case 'timeout':
        this.calls.push({ at, notification, outcome: 'failed' });
        await sleep(failure.afterMs ?? 0);
        throw new NotifierError('request timed out', { retryable: true });
      case 'final':
        this.calls.push({ at, notification, outcome: 'failed' });
        throw new NotifierError(failure.message ?? 'channel_not_found', { retryable: false });
      case 'hang':
        this.calls.push({ at, notification, outcome: 'hung' });
        return new Promise<never>(() => undefined);
    }
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
