import type { Logger } from '../../../core/log/logger.js';
import type { RenderedMessage } from '../render/types.js';
import type { SlackClient } from './slack-client.js';
import { uploadFiles } from './upload-files.js';

export interface PostTarget {
  channel: string;
  /** Reply in this thread; top level when absent. */
  threadTs?: string;
}

/** Posts one rendered message (then its files) and returns its `ts`. */
export async function postReply(
  client: SlackClient,
  target: PostTarget,
  rendered: RenderedMessage,
  log: Logger,
): Promise<string | undefined> {
  const result = await client.chat.postMessage({
    channel: target.channel,
    ...(target.threadTs ? { thread_ts: target.threadTs } : {}),
    text: rendered.text,
    blocks: rendered.blocks,
    unfurl_links: false,
    unfurl_media: false,
  });
  await uploadFiles(client, target, rendered.files, log);
  return result.ts;
}

/** Shows a message to one user only (errors about their click); it cannot carry files. */
export async function postEphemeral(
  client: SlackClient,
  target: PostTarget & { user: string },
  rendered: RenderedMessage,
): Promise<void> {
  await client.chat.postEphemeral({
    channel: target.channel,
    user: target.user,
    ...(target.threadTs ? { thread_ts: target.threadTs } : {}),
    text: rendered.text,
    blocks: rendered.blocks,
  });
}
