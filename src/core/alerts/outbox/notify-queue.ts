import type { Logger } from '../../log/logger.js';
import type { Scheduler } from '../../jobs/scheduler.js';
import { DeliveryRetryError, type OutboxDelivery } from './outbox-delivery.js';

export interface NotifyQueueOptions {
  scheduler: Scheduler;
  delivery: OutboxDelivery;
  attempts: number;
  backoffMs: (attempt: number) => number;
  concurrency?: number;
  logger?: Logger;
}

export interface NotifyQueue {
  /** Hands one outbox row to the `notify` queue; failures are logged (the sweeper tries again). */
  enqueue(outboxId: number): Promise<void>;
}

/** The `notify` queue: one job per outbox row, keyed by the row id so it is never queued twice. */
export function registerNotifyQueue(options: NotifyQueueOptions): NotifyQueue {
  const queue = options.scheduler.queue<{ outboxId: number }>(
    'notify',
    async ({ outboxId }) => {
      await options.delivery.deliver(outboxId);
    },
    {
      attempts: options.attempts,
      backoffMs: options.backoffMs,
      retryDelayOf: (error) =>
        error instanceof DeliveryRetryError ? error.retryAfterMs : undefined,
      concurrency: options.concurrency ?? 4,
    },
  );
  return {
    async enqueue(outboxId) {
      try {
        await queue.add(`outbox-${outboxId}`, { outboxId });
      } catch (error) {
        options.logger?.warn(
          { err: error, outbox: outboxId },
          'could not enqueue an alert notification; the sweeper will',
        );
      }
    },
  };
}
