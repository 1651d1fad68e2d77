import type { Alert } from './alert.js';

export type NotificationKind = 'new' | 'update' | 'resolved';

export interface AlertChannel {
  /** `slack`, `discord`, `cli` (the terminal log), ... */
  platform: string;
  channel: string;
}

/** One notification about one incident, to one channel, as the outbox hands it to a notifier. */
export interface OutboundNotification {
  /**
   * Stable per (alert, event, channel): a retry of the same notification carries the same key,
   * so a notifier that can remember keys never posts twice.
   */
  key: string;
  kind: NotificationKind;
  /** The incident as it was when the event happened. */
  alert: Alert;
  channel: AlertChannel;
  /** What changed, for updates: `severity warning -> critical`, `acknowledged by alice`, ... */
  change?: string;
  /**
   * The message id of the incident's first notification in this channel: Slack threads updates
   * under it and edits it; absent for `new` (and when the first notification failed for good).
   */
  previousMessageId?: string;
}

/**
 * Where alerts leave the core. Slack and Discord adapters implement it; tests use the
 * RecordingNotifier. `deliver` resolves with the platform's id of the message it posted.
 */
export interface Notifier {
  platform: string;
  deliver(notification: OutboundNotification): Promise<{ messageId: string }>;
}

/**
 * A delivery failure. `retryable` for 5xx, timeouts and network errors; 429 sets
 * `retryAfterMs` (and is retryable). Anything else (bad channel, revoked token) is final.
 */
export class NotifierError extends Error {
  readonly retryable: boolean;
  readonly retryAfterMs?: number;

  constructor(
    message: string,
    options: { retryable: boolean; retryAfterMs?: number; cause?: unknown },
  ) {
    super(message, { cause: options.cause });
    this.name = 'NotifierError';
    this.retryable = options.retryable || options.retryAfterMs !== undefined;
    if (options.retryAfterMs !== undefined) this.retryAfterMs = options.retryAfterMs;
  }
}

/** Errors that are not NotifierErrors (a bug, a dropped socket) are retried: delivery must not be lost. */
export function isRetryable(error: unknown): boolean {
  return error instanceof NotifierError ? error.retryable : true;
}
