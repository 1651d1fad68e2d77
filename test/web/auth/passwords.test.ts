import { describe, expect, it } from 'vitest';
import {
  generatePassword,
  hashPassword,
  passwordProblem,
  verifyPassword,
} from '../../../src/web/auth/passwords.js';

describe('passwords', () => {
  it('hashes with scrypt and a fresh salt, and verifies', async () => {
    const [a, b] = await Promise.all([
      hashPassword('a fine password'),
      hashPassword('a fine password'),
    ]);
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('a fine password', a)).toBe(true);
    expect(await verifyPassword('a fine passworD', a)).toBe(false);
    expect(await verifyPassword('', a)).toBe(false);
  });

  it('refuses hashes it cannot read instead of throwing', async () => {
    for (const stored of [
      '',
      'plain',
      'scrypt$x$8$1$c2FsdA$aGFzaA',
      'bcrypt$10$abc',
      'scrypt$32768$8$1$$',
    ]) {
      expect(await verifyPassword('anything', stored)).toBe(false);
    }
  });

  it('asks for long enough passwords and generates ones that pass', () => {
    expect(passwordProblem('short')).toBe('Use at least 10 characters.');
    expect(passwordProblem('          ')).toBe('The password cannot be only spaces.');
    expect(passwordProblem('x'.repeat(1025))).toBe('Use at most 1024 characters.');
    expect(passwordProblem(generatePassword())).toBeUndefined();
  });
});
