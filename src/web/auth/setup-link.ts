import { createHash, randomBytes } from 'node:crypto';
import { sameToken } from './csrf.js';

/**
 * The one-time link that creates the first admin: made only while there are no users, printed
 * once, kept as a hash in memory, and gone once used, expired or the process restarts.
 */
export class SetupLink {
  private current?: { hash: string; expiresAt: number };

  constructor(private readonly options: { ttlMs: number; now?: () => number }) {}

  /** A new token (replacing any earlier one). */
  issue(): string {
    const token = randomBytes(32).toString('base64url');
    this.current = { hash: digest(token), expiresAt: this.now() + this.options.ttlMs };
    return token;
  }

  isValid(token: string | undefined): boolean {
    const current = this.current;
    if (!current || token === undefined || token.length > 100) return false;
    if (current.expiresAt <= this.now()) return false;
    return sameToken(digest(token), current.hash);
  }

  consume(): void {
    this.current = undefined;
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }
}

function digest(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
