/**
 * An error meant for the person at the other end: what went wrong and how to fix it.
 * Surfaces render `message` (and `hint`) as a short reply; anything else is logged and answered
 * generically, so no stack trace ever reaches a user.
 */
export type UserErrorKind =
  | 'bad-input'
  | 'forbidden'
  | 'not-found'
  | 'conflict'
  | 'cluster-unavailable'
  | 'approval'
  | 'budget'
  | 'unavailable';

export class UserError extends Error {
  constructor(
    readonly kind: UserErrorKind,
    message: string,
    readonly hint?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'UserError';
  }

  /** One line for a chat reply or a CLI error. */
  toText(): string {
    return this.hint ? `${this.message} ${this.hint}` : this.message;
  }
}

export function isUserError(error: unknown): error is UserError {
  return error instanceof UserError;
}
