import { describe, expect, it } from 'vitest';
import {
  canApprove,
  canInvoke,
  parseRole,
  requiredRoleFor,
  roleRank,
  type Risk,
  type Role,
} from '../../../src/core/policy/roles.js';

// role, risk, may request, may approve
const table: [Role, Risk, boolean, boolean][] = [
  ['viewer', 'read', true, false],
  ['viewer', 'write', false, false],
  ['viewer', 'exec', false, false],
  ['operator', 'read', true, false],
  ['operator', 'write', true, true],
  ['operator', 'exec', false, false],
  ['admin', 'read', true, false],
  ['admin', 'write', true, true],
  ['admin', 'exec', true, true],
];

describe('roles', () => {
  it.each(table)('%s / %s: request %s, approve %s', (role, risk, request, approve) => {
    expect(canInvoke(role, risk)).toBe(request);
    expect(canApprove(role, risk)).toBe(approve);
  });

  it('names the least role for each risk', () => {
    expect(requiredRoleFor('read')).toBe('viewer');
    expect(requiredRoleFor('write')).toBe('operator');
    expect(requiredRoleFor('exec')).toBe('admin');
  });

  it('orders viewer < operator < admin', () => {
    expect(roleRank('viewer')).toBeLessThan(roleRank('operator'));
    expect(roleRank('operator')).toBeLessThan(roleRank('admin'));
  });

  it.each([
    ['viewer', 'viewer'],
    [' Admin ', 'admin'],
    ['OPERATOR', 'operator'],
    ['root', undefined],
    ['', undefined],
    ['constructor', undefined],
    ['admins', undefined],
  ])('parseRole(%j) is %s', (text, role) => {
    expect(parseRole(text)).toBe(role);
  });
});
