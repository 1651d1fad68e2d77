import type { Config } from '../config/schema.js';
import type { Role } from '../policy/roles.js';
import type { ChatUser } from './chat-request.js';

export type ResolvedRole = Role | 'none';

export interface RoleResolution {
  role: ResolvedRole;
  /** Why this role, for `whoami` and the audit log. */
  source: string;
}

export type RoleConfig = Pick<Config, 'roles' | 'cli'>;

/**
 * A chat identity's role: the terminal's `cli.role`; a role the surface authenticated itself
 * (the dashboard); a per-user binding; the channel's default; otherwise `roles.defaultRole`.
 */
export function resolveRole(user: ChatUser, config: RoleConfig): RoleResolution {
  if (user.platform === 'cli') return { role: config.cli.role, source: 'cli.role in the config' };
  if (user.role) return { role: user.role, source: `your ${user.platform} session` };
  const binding = config.roles.users.find(
    (u) => u.platform === user.platform && u.id === user.userId,
  );
  if (binding)
    return { role: binding.role, source: `roles.users (${user.platform} ${user.userId})` };
  if (user.channelId !== undefined) {
    const channel = config.roles.channels.find(
      (c) => c.platform === user.platform && c.channel === user.channelId,
    );
    if (channel?.role)
      return { role: channel.role, source: `roles.channels (${user.platform} ${user.channelId})` };
  }
  return { role: config.roles.defaultRole, source: 'roles.defaultRole' };
}
