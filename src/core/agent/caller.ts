import { errorMessage } from '../messages/build.js';
import type { CoreMessage } from '../messages/core-message.js';
import type { Caller } from '../tools/types.js';
import type { ChatUser } from './chat-request.js';
import { callerId } from './conversation-key.js';
import type { RoleResolution } from './resolve-role.js';

/** The registry's caller for a chat identity, or undefined when the role is `none`. */
export function callerOf(user: ChatUser, role: RoleResolution): Caller | undefined {
  if (role.role === 'none') return undefined;
  const caller: Caller = {
    id: callerId(user.platform, user.userId),
    role: role.role,
    surface: user.platform,
  };
  if (user.userName) caller.name = user.userName;
  return caller;
}

export function noRoleMessage(user: ChatUser): CoreMessage {
  return errorMessage(
    'You have no AI4K8s role here, so I cannot answer.',
    `Ask an admin to add you (${user.platform} id ${user.userId}) under roles.users in ai4k8s.yaml, or to give this channel a role.`,
  );
}
