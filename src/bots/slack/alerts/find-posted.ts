import type { SlackClient } from '../reply/slack-client.js';

/** The `metadata.event_type` every alert message carries, with its notification key. */
export const notificationEventType = 'ai4k8s_notification';

export function notificationMetadata(key: string) {
  return { event_type: notificationEventType, event_payload: { key } };
}

/**
 * Looks for a message an earlier, failed-looking attempt did post: the thread's replies, or the
 * channel's latest messages, carrying this notification key in their metadata.
 */
export async function findPostedNotification(
  client: SlackClient,
  where: { channel: string; threadTs?: string; key: string; limit?: number },
): Promise<string | undefined> {
  const result = where.threadTs
    ? await client.conversations.replies({
        channel: where.channel,
        ts: where.threadTs,
        include_all_metadata: true,
        limit: where.limit ?? 200,
      })
    : await client.conversations.history({
        channel: where.channel,
        include_all_metadata: true,
        limit: where.limit ?? 100,
      });
  for (const m of result.messages ?? []) {
    const metadata = m.metadata as
      { event_type?: string; event_payload?: { key?: unknown } } | undefined;
    if (
      metadata?.event_type === notificationEventType &&
      metadata.event_payload?.key === where.key &&
      m.ts
    )
      return m.ts;
  }
  return undefined;
}
