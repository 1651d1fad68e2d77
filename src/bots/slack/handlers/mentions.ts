import type { App } from '@slack/bolt';
import { inboundText } from '../inbound-text.js';
import { answerInConversation } from './conversation-reply.js';
import type { SlackHandlerDeps } from './handler-deps.js';

/**
 * `@AI4K8s ...` in a channel: answered in the mention's thread (a new thread under the mention
 * when it was top level), and the thread is the conversation, so follow-ups keep context.
 * Direct messages need no mention: top-level DMs are one conversation, threads their own.
 */
export function registerMentions(app: App, deps: SlackHandlerDeps): void {
  app.event('app_mention', async ({ event, client, context }) => {
    if (event.bot_id || !event.user) return;
    const threadTs = event.thread_ts ?? event.ts;
    await answerInConversation(
      deps,
      client,
      {
        platform: 'slack',
        channelId: event.channel,
        threadId: threadTs,
        userId: event.user,
        text: inboundText(event.text, context.botUserId),
      },
      { channel: event.channel, threadTs },
    );
  });

  app.event('message', async ({ event, client, context }) => {
    if (event.channel_type !== 'im' || event.subtype !== undefined) return;
    if (event.bot_id || !event.user || event.user === context.botUserId) return;
    const text = inboundText(event.text ?? '', context.botUserId);
    await answerInConversation(
      deps,
      client,
      {
        platform: 'slack',
        channelId: event.channel,
        ...(event.thread_ts ? { threadId: event.thread_ts } : {}),
        userId: event.user,
        text,
      },
      { channel: event.channel, ...(event.thread_ts ? { threadTs: event.thread_ts } : {}) },
    );
  });
}
