import type { Logger } from '../../../core/log/logger.js';
import { escapeMrkdwn } from '../render/mrkdwn.js';
import type { RenderedFile } from '../render/types.js';
import { slackErrorCode, type SlackClient } from './slack-client.js';

export interface UploadTarget {
  channel: string;
  threadTs?: string;
}

export type UploadOutcome = { ok: true } | { ok: false; notice: string };

/**
 * Uploads a message's files next to it (files.uploadV2: get URLs, upload, complete). The message
 * above promises the file, so a failure is said where the user looks, with its fix: posted in
 * the conversation, or returned (`quiet`) for the caller to show another way.
 */
export async function uploadFiles(
  client: SlackClient,
  target: UploadTarget,
  files: RenderedFile[],
  log: Logger,
  options: { quiet?: boolean } = {},
): Promise<UploadOutcome> {
  if (files.length === 0) return { ok: true };
  try {
    await client.filesUploadV2({
      channel_id: target.channel,
      ...(target.threadTs ? { thread_ts: target.threadTs } : {}),
      file_uploads: files.map((f) => ({
        filename: f.filename,
        title: f.title,
        ...(typeof f.content === 'string' ? { content: f.content } : { file: f.content }),
        ...(f.altText ? { alt_text: f.altText } : {}),
      })),
    });
    return { ok: true };
  } catch (error) {
    const code = slackErrorCode(error);
    log.warn({ err: error, code, channel: target.channel }, 'could not upload files to Slack');
    const names = files.map((f) => `\`${escapeMrkdwn(f.filename)}\``).join(', ');
    const fix =
      code === 'not_in_channel' || code === 'channel_not_found'
        ? ' Invite me to this channel (`/invite @AI4K8s`) so I can attach files.'
        : '';
    const notice = `:warning: I could not attach ${names} (${escapeMrkdwn(code ?? 'upload failed')}).${fix}`;
    if (!options.quiet) {
      await client.chat
        .postMessage({
          channel: target.channel,
          ...(target.threadTs ? { thread_ts: target.threadTs } : {}),
          text: notice,
        })
        .catch((e: unknown) => log.warn({ err: e }, 'could not say that the upload failed'));
    }
    return { ok: false, notice };
  }
}
