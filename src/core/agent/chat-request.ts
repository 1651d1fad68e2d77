import type { Role } from '../policy/roles.js';

/** The chat surfaces the agent serves; each maps to the registry's `Surface` of the same name. */
export type ChatPlatform = 'slack' | 'discord' | 'web' | 'cli';

/** One chat line, as every adapter builds it. */
export interface ChatRequest {
  platform: ChatPlatform;
  channelId: string;
  /** The thread the line belongs to; conversation memory and `use` are kept per thread. */
  threadId?: string;
  userId: string;
  userName?: string;
  text: string;
  /**
   * Set only by a surface that authenticated the user itself and knows their role (the dashboard
   * session); chat platforms leave it out and the role comes from the config's bindings.
   */
  role?: Role;
  /** Overrides the conversation's cluster for this one line (`ai4k8s chat --cluster NAME`). */
  cluster?: string;
}

/** Where a conversation happens: an approval's result is posted back here. */
export interface ChatOrigin {
  platform: ChatPlatform;
  channelId: string;
  threadId?: string;
  userId: string;
}

export interface ChatUser {
  platform: ChatPlatform;
  userId: string;
  userName?: string;
  /** The channel the click came from, for channel role defaults. */
  channelId?: string;
  /** As in `ChatRequest.role`: only from a surface that authenticated the user itself. */
  role?: Role;
}

export function originOf(req: ChatRequest): ChatOrigin {
  return req.threadId === undefined
    ? { platform: req.platform, channelId: req.channelId, userId: req.userId }
    : {
        platform: req.platform,
        channelId: req.channelId,
        threadId: req.threadId,
        userId: req.userId,
      };
}
