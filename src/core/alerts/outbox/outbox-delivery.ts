import { randomUUID } from 'node:crypto';
import type { Logger } from '../../log/logger.js';
import type { Database } from '../../store/database.js';
import type { Alert } from '../alert.js';
import {
  isRetryable,
  NotifierError,
  type Notifier,
  type OutboundNotification,
} from '../notifier.js';
import { OutboxRepo, type OutboxRow } from './outbox-repo.js';

export interface OutboxDeliveryOptions {
  db: Database;
  notifiers: Notifier[];
  /** Attempts before a row is marked failed for good. */
  maxAttempts: number;
  /** Delay before attempt `attempt + 1` when the notifier gave no Retry-After. */
  backoffMs: (attempt: number) => number;
  /** A notifier call taking longer is abandoned (and retried). */
  timeoutMs: number;
  /** How long a claim holds; longer than `timeoutMs`, so a live sender is never overtaken. */
  leaseMs?: number;
  wallNow?: () => number;
  logger?: Logger;
}

export type DeliveryOutcome = 'sent' | 'already-sent' | 'busy' | 'failed';

/** Thrown when a row should be tried again after `retryAfterMs` (the job system schedules it). */
export class DeliveryRetryError extends Error {
  constructor(
    message: string,
    readonly retryAfterMs: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'DeliveryRetryError';
  }
}

/**
 * Sends outbox rows through the notifiers. A row is claimed before the call and marked sent with
 * the platform's message id after it, so a re-run job (stalled, retried, swept) finds it sent or
 * claimed and does not post again. Earlier rows of the same incident and channel go first, so an
 * update always has its thread.
 */
export class OutboxDelivery {
  readonly repo: OutboxRepo;
  private readonly notifiers: Map<string, Notifier>;

  constructor(private readonly options: OutboxDeliveryOptions) {
    this.repo = new OutboxRepo(options.db);
    this.notifiers = new Map(options.notifiers.map((n) => [n.platform, n]));
  }

  get platforms(): ReadonlySet<string> {
    return new Set(this.notifiers.keys());
  }

  async deliver(id: number): Promise<DeliveryOutcome> {
    const row = await this.repo.get(id);
    if (!row) return 'failed';
    if (row.status === 'sent') return 'already-sent';
    if (row.status === 'failed') return 'failed';
    for (const earlier of await this.repo.pendingBefore(row)) {
      const outcome = await this.deliverOne(earlier);
      if (outcome === 'busy')
        throw new DeliveryRetryError(
          `waiting for notification ${earlier.id} of the same incident`,
          1000,
        );
    }
    return this.deliverOne(row);
  }

  private async deliverOne(row: OutboxRow): Promise<DeliveryOutcome> {
    const now = this.wallNow();
    const token = randomUUID();
    const lease = this.options.leaseMs ?? this.options.timeoutMs * 2 + 10_000;
    if (!(await this.repo.claim(row.id, token, now, lease))) {
      const fresh = await this.repo.get(row.id);
      if (fresh?.status === 'sent') return 'already-sent';
      if (fresh?.status === 'failed') return 'failed';
      return 'busy';
    }
    const notifier = this.notifiers.get(row.platform);
    if (!notifier) {
      await this.repo.markAttemptFailed(
        row.id,
        token,
        `no notifier for platform "${row.platform}"`,
        now,
        true,
      );
      this.options.logger?.error(
        { outbox: row.id, platform: row.platform },
        'alert notification has no notifier; marked failed',
      );
      return 'failed';
    }
    const notification = await this.notificationOf(row);
    try {
      const { messageId } = await this.withTimeout(notifier.deliver(notification));
      await this.repo.markSent(row.id, token, messageId, this.wallNow());
      return 'sent';
    } catch (error) {
      const attempts = row.attempts + 1;
      const final = !isRetryable(error) || attempts >= this.options.maxAttempts;
      const delay =
        (error instanceof NotifierError ? error.retryAfterMs : undefined) ??
        this.options.backoffMs(attempts);
      const message = error instanceof Error ? error.message : String(error);
      await this.repo.markAttemptFailed(row.id, token, message, this.wallNow() + delay, final);
      if (final) {
        this.options.logger?.error(
          { outbox: row.id, key: row.key, attempts, err: error },
          'alert notification failed for good',
        );
        return 'failed';
      }
      this.options.logger?.warn(
        { outbox: row.id, key: row.key, attempts, retryInMs: delay, error: message },
        'alert notification will be retried',
      );
      throw new DeliveryRetryError(`notification ${row.key}: ${message}`, delay, { cause: error });
    }
  }

  private async notificationOf(row: OutboxRow): Promise<OutboundNotification> {
    const notification: OutboundNotification = {
      key: row.key,
      kind: row.kind,
      alert: JSON.parse(row.payloadJson) as Alert,
      channel: { platform: row.platform, channel: row.channel },
    };
    if (row.change !== undefined) notification.change = row.change;
    if (row.kind !== 'new') {
      const root = await this.repo.threadRoot(row.alertId, row.platform, row.channel);
      if (root !== undefined) notification.previousMessageId = root;
    }
    return notification;
  }

  private withTimeout<T>(promise: Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new NotifierError(`the notifier did not answer within ${this.options.timeoutMs} ms`, {
              retryable: true,
            }),
          ),
        this.options.timeoutMs,
      );
    });
    return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
  }

  private wallNow(): number {
    return this.options.wallNow?.() ?? Date.now();
  }
}

/** Exponential back-off: `base`, `2 base`, `4 base`... capped at `max`. */
export function exponentialBackoff(baseMs: number, maxMs: number): (attempt: number) => number {
  return (attempt) => Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
}
