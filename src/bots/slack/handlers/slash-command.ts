import type { App } from '@slack/bolt';
import { errorMessage, type CoreMessage } from '../../../core/messages/index.js';
import { inboundText, splitPrivateFlag } from '../inbound-text.js';
import { renderMessage } from '../render.js';
import type { RenderedMessage } from '../render/types.js';
import type { ResponseUrlMessage } from '../reply/response-url.js';
import type { SlackClient } from '../reply/slack-client.js';
import { uploadFiles } from '../reply/upload-files.js';
import { isHelpLine, isPrivateReply, privateCutHint } from '../reply/visibility.js';
import type { SlackHandlerDeps } from './handler-deps.js';

/**
 * `/k8s LINE`: acknowledged at once (Slack allows 3 s), then the agent answers through the
 * command's response_url. Visible to the channel unless the line ends with `--private`; help
 * and errors only to the user.
 */
export function registerSlashCommand(app: App, deps: SlackHandlerDeps & { command: string }): void {
  const log = deps.logger.child({ component: 'slack-command' });
  app.command(deps.command, async ({ command, ack, client }) => {
    const respond = (message: ResponseUrlMessage) =>
      deps.postToResponseUrl(command.response_url, message);
    await ack();
    const line = splitPrivateFlag(inboundText(command.text ?? ''));
    const audience = { private: line.private, help: isHelpLine(line.text) };
    let messages: CoreMessage[];
    try {
      messages = await deps.agent.handle({
        platform: 'slack',
        channelId: command.channel_id,
        userId: command.user_id,
        userName: command.user_name,
        text: line.text,
      });
    } catch (error) {
      log.error({ err: error, user: command.user_id }, 'the agent failed on a slash command');
      messages = [
        errorMessage('Something went wrong while answering.', 'It has been logged; try again.'),
      ];
    }
    for (const msg of messages) {
      const isPrivate = isPrivateReply(msg, audience);
      const rendered = renderMessage(
        msg,
        isPrivate ? { allowFiles: false, cutHint: privateCutHint } : {},
      );
      await answer({
        respond,
        client,
        channel: command.channel_id,
        user: command.user_id,
        isPrivate,
        rendered,
        log,
      });
    }
  });
}

async function answer(args: {
  respond: (message: ResponseUrlMessage) => Promise<void>;
  client: SlackClient;
  channel: string;
  user: string;
  isPrivate: boolean;
  rendered: RenderedMessage;
  log: SlackHandlerDeps['logger'];
}): Promise<void> {
  const { respond, client, channel, user, isPrivate, rendered, log } = args;
  try {
    await respond({
      response_type: isPrivate ? 'ephemeral' : 'in_channel',
      replace_original: false,
      text: rendered.text,
      blocks: rendered.blocks,
    });
  } catch (error) {
    // The response_url expires after 30 minutes (a very slow answer): post directly instead.
    log.warn({ err: error }, 'response_url failed; posting the answer directly');
    if (isPrivate)
      await client.chat.postEphemeral({
        channel,
        user,
        text: rendered.text,
        blocks: rendered.blocks,
      });
    else
      await client.chat.postMessage({
        channel,
        text: rendered.text,
        blocks: rendered.blocks,
        unfurl_links: false,
      });
  }
  if (rendered.files.length === 0) return;
  const uploaded = await uploadFiles(client, { channel }, rendered.files, log, { quiet: true });
  if (!uploaded.ok) {
    await respond({
      response_type: 'ephemeral',
      replace_original: false,
      text: uploaded.notice,
    }).catch((error: unknown) => log.warn({ err: error }, 'could not say that the upload failed'));
  }
}
