import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { errorMessage, type CoreMessage } from '../../../core/messages/index.js';
import {
  alertActions,
  alertCommandLine,
  parseAlertRef,
  type AlertActionId,
} from '../alerts/alert-actions.js';
import { renderMessage } from '../render.js';
import { postReply } from '../reply/post-reply.js';
import type { ResponseUrlMessage } from '../reply/response-url.js';
import { isErrorReply, privateCutHint } from '../reply/visibility.js';
import type { SlackHandlerDeps } from './handler-deps.js';

const actionIds = new Set<string>(Object.values(alertActions));

/**
 * Buttons on an alert message. Each click stands for a chat line (`ack 12`, `silence 12 1h`,
 * `logs shop/web-1 --previous`, a question for Explain) that the agent runs with the clicking
 * user's role, in the incident's thread, so the answer lands there and follow-ups keep context.
 */
export function registerAlertButtons(app: App, deps: SlackHandlerDeps): void {
  const log = deps.logger.child({ component: 'slack-alert-buttons' });
  app.action<BlockAction<ButtonAction>>(
    { type: 'block_actions', action_id: /^alert\./ },
    async ({ ack, body, action, client }) => {
      await ack();
      const respond = (message: ResponseUrlMessage) =>
        deps.postToResponseUrl(body.response_url, message);
      const ref = parseAlertRef(action.value);
      const channel = body.channel?.id ?? (body.container.channel_id as string | undefined);
      const rootTs = (body.message?.thread_ts as string | undefined) ?? body.message?.ts;
      if (!actionIds.has(action.action_id) || !ref || !channel || !rootTs) {
        const msg = errorMessage(
          'This button is out of date, so I cannot tell which alert it is for.',
          'Use `alerts` to see the open alerts.',
        );
        const rendered = renderMessage(msg, { allowFiles: false });
        await respond({
          response_type: 'ephemeral',
          replace_original: false,
          text: rendered.text,
          blocks: rendered.blocks,
        });
        return;
      }
      const line = alertCommandLine(action.action_id as AlertActionId, ref);
      let messages: CoreMessage[];
      try {
        messages = await deps.agent.handle({
          platform: 'slack',
          channelId: channel,
          threadId: rootTs,
          userId: body.user.id,
          userName: body.user.username ?? body.user.name,
          text: line.text,
          cluster: ref.cluster,
        });
      } catch (error) {
        log.error({ err: error, action: action.action_id }, 'the agent failed on an alert button');
        messages = [
          errorMessage(
            'Something went wrong while handling that button.',
            'It has been logged; try again.',
          ),
        ];
      }
      for (const msg of messages) {
        if (line.private || isErrorReply(msg)) {
          const rendered = renderMessage(msg, { allowFiles: false, cutHint: privateCutHint });
          await respond({
            response_type: 'ephemeral',
            replace_original: false,
            text: rendered.text,
            blocks: rendered.blocks,
          }).catch((error: unknown) =>
            log.warn({ err: error }, 'could not answer an alert button privately'),
          );
          continue;
        }
        await postReply(client, { channel, threadTs: rootTs }, renderMessage(msg), log).catch(
          (error: unknown) =>
            log.error({ err: error, channel }, 'could not post an alert button’s answer'),
        );
      }
    },
  );
}
