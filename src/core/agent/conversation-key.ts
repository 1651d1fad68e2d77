import type { ChatOrigin } from './chat-request.js';

/** Memory and `use` choices are kept per thread, or per channel outside threads. */
export function conversationKey(
  origin: Pick<ChatOrigin, 'platform' | 'channelId' | 'threadId'>,
): string {
  return origin.threadId === undefined
    ? `${origin.platform}:${origin.channelId}`
    : `${origin.platform}:${origin.channelId}:${origin.threadId}`;
}

export function channelKey(origin: Pick<ChatOrigin, 'platform' | 'channelId'>): string {
  return `${origin.platform}:${origin.channelId}`;
}

/** The registry's caller id for a chat identity: `slack:U123`, `cli:alice`. */
export function callerId(platform: string, userId: string): string {
  return `${platform}:${userId}`;
}
