import { describe, expect, it } from 'vitest';
import {
  LoginLimiter,
  lockoutMessage,
  type LoginLimits,
} from '../../../src/web/auth/login-limiter.js';

const limits: LoginLimits = {
  perAccountAndAddress: 3,
  perAddress: 5,
  perAccount: 7,
  windowMs: 60_000,
  lockMs: 300_000,
};

function limiter(start = 1_000_000) {
  const clock = { now: start };
  return { clock, limiter: new LoginLimiter(limits, () => clock.now) };
}

describe('LoginLimiter', () => {
  it('locks an account for one address after the pair limit, until the lock ends', () => {
    const { clock, limiter: l } = limiter();
    expect(l.recordFailure('alice', '10.0.0.1')).toBeUndefined();
    expect(l.recordFailure('alice', '10.0.0.1')).toBeUndefined();
    const lock = l.recordFailure('alice', '10.0.0.1');
    expect(lock).toEqual({ scope: 'account-and-address', until: clock.now + 300_000 });
    expect(l.check('alice', '10.0.0.1')?.scope).toBe('account-and-address');
    expect(l.check('alice', '10.0.0.2')).toBeUndefined();
    clock.now += 300_001;
    expect(l.check('alice', '10.0.0.1')).toBeUndefined();
  });

  it('forgets failures older than the window', () => {
    const { clock, limiter: l } = limiter();
    l.recordFailure('bob', 'a');
    l.recordFailure('bob', 'a');
    clock.now += 61_000;
    expect(l.recordFailure('bob', 'a')).toBeUndefined();
    expect(l.check('bob', 'a')).toBeUndefined();
  });

  it('locks an address spraying many accounts, and an account guessed from many addresses', () => {
    const { limiter: l } = limiter();
    for (const account of ['a', 'b', 'c', 'd'])
      expect(l.recordFailure(account, 'sprayer')).toBeUndefined();
    expect(l.recordFailure('e', 'sprayer')?.scope).toBe('address');
    expect(l.check('anyone', 'sprayer')?.scope).toBe('address');

    for (let i = 0; i < 6; i++) expect(l.recordFailure('carol', `10.1.0.${i}`)).toBeUndefined();
    expect(l.recordFailure('carol', '10.1.0.99')?.scope).toBe('account');
    expect(l.check('carol', '192.0.2.1')?.scope).toBe('account');
  });

  it('clears the pair count on success, but not the address count', () => {
    const { limiter: l } = limiter();
    l.recordFailure('dave', 'x');
    l.recordFailure('dave', 'x');
    l.recordSuccess('dave', 'x');
    expect(l.recordFailure('dave', 'x')).toBeUndefined();
    expect(l.recordFailure('dave', 'x')).toBeUndefined();
    expect(l.recordFailure('erin', 'x')?.scope).toBe('address');
  });

  it('says who is locked and for how long', () => {
    const now = 0;
    expect(lockoutMessage({ scope: 'account-and-address', until: 15 * 60_000 }, now)).toBe(
      'Too many failed sign-ins for this account from your address. Try again in 15 minutes.',
    );
    expect(lockoutMessage({ scope: 'address', until: 30_000 }, now)).toBe(
      'Too many failed sign-ins from your address. Try again in 1 minute.',
    );
    expect(lockoutMessage({ scope: 'account', until: 120_000 }, now)).toContain(
      'ai4k8s user passwd NAME',
    );
  });
});
