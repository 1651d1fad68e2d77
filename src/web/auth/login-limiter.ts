/** How many failed sign-ins lock what, for how long. */
export interface LoginLimits {
  /** Failures of one account from one address (someone guessing, or forgetting). */
  perAccountAndAddress: number;
  /** Failures from one address over any accounts (password spraying). */
  perAddress: number;
  /** Failures of one account from any addresses (a distributed guess). */
  perAccount: number;
  windowMs: number;
  lockMs: number;
}

export const defaultLoginLimits: LoginLimits = {
  perAccountAndAddress: 5,
  perAddress: 20,
  perAccount: 50,
  windowMs: 15 * 60_000,
  lockMs: 15 * 60_000,
};

export interface Lockout {
  scope: 'account-and-address' | 'address' | 'account';
  until: number;
}

interface Entry {
  failures: number[];
  lockedUntil?: number;
}

// Bounds memory under a flood of made-up names: the oldest entries go first.
const maxEntries = 20_000;

/**
 * Sign-in rate limits, kept in memory (one replica; a restart forgets them, which only helps the
 * legitimate user). Keys are the account name as typed, so unknown names are limited the same.
 */
export class LoginLimiter {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly limits: LoginLimits = defaultLoginLimits,
    private readonly now: () => number = Date.now,
  ) {}

  /** The lock in force for this account and address, if any. */
  check(account: string, address: string): Lockout | undefined {
    const now = this.now();
    for (const [scope, key] of this.keys(account, address)) {
      const until = this.entries.get(key)?.lockedUntil;
      if (until !== undefined && until > now) return { scope, until };
    }
    return undefined;
  }

  /** Counts a failure; returns the lock it caused, if any. */
  recordFailure(account: string, address: string): Lockout | undefined {
    const now = this.now();
    let lock: Lockout | undefined;
    for (const [scope, key] of this.keys(account, address)) {
      const entry = this.entry(key);
      entry.failures = entry.failures.filter((t) => t > now - this.limits.windowMs);
      entry.failures.push(now);
      if (entry.failures.length >= this.limitOf(scope)) {
        entry.lockedUntil = now + this.limits.lockMs;
        entry.failures = [];
        lock ??= { scope, until: entry.lockedUntil };
      }
    }
    return lock;
  }

  /** A good password clears this pair's count (not the address's or the account's). */
  recordSuccess(account: string, address: string): void {
    this.entries.delete(pairKey(account, address));
  }

  private keys(account: string, address: string): Array<[Lockout['scope'], string]> {
    return [
      ['account-and-address', pairKey(account, address)],
      ['address', `a\u0000${address}`],
      ['account', `u\u0000${account}`],
    ];
  }

  private limitOf(scope: Lockout['scope']): number {
    if (scope === 'address') return this.limits.perAddress;
    if (scope === 'account') return this.limits.perAccount;
    return this.limits.perAccountAndAddress;
  }

  private entry(key: string): Entry {
    let entry = this.entries.get(key);
    if (entry) {
      // Re-inserted so the map's order is least recently used first.
      this.entries.delete(key);
    } else {
      entry = { failures: [] };
      if (this.entries.size >= maxEntries) this.evict();
    }
    this.entries.set(key, entry);
    return entry;
  }

  private evict(): void {
    const now = this.now();
    for (const [key, entry] of this.entries) {
      if (this.entries.size < maxEntries * 0.9) break;
      if ((entry.lockedUntil ?? 0) <= now) this.entries.delete(key);
    }
  }
}

function pairKey(account: string, address: string): string {
  return `p\u0000${account}\u0000${address}`;
}

/** What the sign-in page says: who is locked, and when to try again. */
export function lockoutMessage(lock: Lockout, now: number): string {
  const minutes = Math.max(1, Math.ceil((lock.until - now) / 60_000));
  const wait = `Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`;
  switch (lock.scope) {
    case 'account-and-address':
      return `Too many failed sign-ins for this account from your address. ${wait}`;
    case 'address':
      return `Too many failed sign-ins from your address. ${wait}`;
    case 'account':
      return `Too many failed sign-ins for this account; it is locked for now. ${wait} An admin can reset the password with \`ai4k8s user passwd NAME\`.`;
  }
}
