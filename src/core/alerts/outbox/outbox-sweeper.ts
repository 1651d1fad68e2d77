import type { OutboxRepo } from './outbox-repo.js';

export interface OutboxSweeperOptions {
  repo: OutboxRepo;
  /** Hands an outbox row to the notify queue (idempotent: the queue dedupes by row id). */
  enqueue: (outboxId: number) => Promise<void>;
  /** Rows younger than this are left to the job that was enqueued with them. */
  graceMs: number;
  wallNow?: () => number;
}

/**
 * Finds outbox rows nobody is delivering (Redis lost the job, the process died mid-send, a
 * retry was dropped) and enqueues them again. Delivery is idempotent, so a row swept while its
 * job still exists costs one no-op run at most.
 */
export async function sweepOutbox(options: OutboxSweeperOptions): Promise<number[]> {
  const now = options.wallNow?.() ?? Date.now();
  const ids = await options.repo.due(now, now - options.graceMs);
  for (const id of ids) await options.enqueue(id);
  return ids;
}
