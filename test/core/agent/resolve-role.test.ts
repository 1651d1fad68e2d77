import { describe, expect, it } from 'vitest';
import { resolveRole, type RoleConfig } from '../../../src/core/agent/resolve-role.js';

const config = (defaultRole: RoleConfig['roles']['defaultRole'] = 'viewer'): RoleConfig => ({
  cli: { role: 'admin' },
  roles: {
    defaultRole,
    users: [
      { platform: 'slack', id: 'U_ADMIN', role: 'admin' },
      { platform: 'discord', id: 'U_ADMIN', role: 'viewer' },
    ],
    channels: [
      {
        platform: 'slack',
        channel: 'C_OPS',
        role: 'operator',
        minSeverity: 'warning',
        alerts: false,
      },
    ],
  },
});

describe('resolveRole', () => {
  it('takes the user binding first, per platform', () => {
    expect(
      resolveRole({ platform: 'slack', userId: 'U_ADMIN', channelId: 'C_OPS' }, config()).role,
    ).toBe('admin');
    expect(resolveRole({ platform: 'discord', userId: 'U_ADMIN' }, config()).role).toBe('viewer');
  });

  it('falls back to the channel default, then to defaultRole', () => {
    expect(resolveRole({ platform: 'slack', userId: 'U_X', channelId: 'C_OPS' }, config())).toEqual(
      {
        role: 'operator',
        source: 'roles.channels (slack C_OPS)',
      },
    );
    expect(
      resolveRole({ platform: 'slack', userId: 'U_X', channelId: 'C_OTHER' }, config()).role,
    ).toBe('viewer');
    expect(
      resolveRole({ platform: 'slack', userId: 'U_X', channelId: 'C_OTHER' }, config('none')).role,
    ).toBe('none');
  });

  it('gives the terminal cli.role and trusts a role the dashboard authenticated', () => {
    expect(resolveRole({ platform: 'cli', userId: 'root' }, config('none')).role).toBe('admin');
    expect(
      resolveRole({ platform: 'web', userId: 'alice', role: 'operator' }, config('none')).role,
    ).toBe('operator');
  });
});
