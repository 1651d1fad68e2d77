import type { ChatRequest } from '../../../core/agent/index.js';
import { errorMessage, type CoreMessage } from '../../../core/messages/index.js';
import { renderMessage } from '../render.js';
import { postReply, type PostTarget } from '../reply/post-reply.js';
import type { SlackClient } from '../reply/slack-client.js';
import type { SlackHandlerDeps } from './handler-deps.js';

/** Asks the agent and posts every answer where the question was (a thread, or the DM). */
export async function answerInConversation(
  deps: SlackHandlerDeps,
  client: SlackClient,
  request: ChatRequest,
  target: PostTarget,
): Promise<void> {
  const log = deps.logger.child({ component: 'slack-chat' });
  let messages: CoreMessage[];
  try {
    messages = await deps.agent.handle(request);
  } catch (error) {
    log.error({ err: error, user: request.userId }, 'the agent failed on a Slack message');
    messages = [
      errorMessage('Something went wrong while answering.', 'It has been logged; try again.'),
    ];
  }
  for (const msg of messages) {
    try {
      await postReply(client, target, renderMessage(msg), log);
    } catch (error) {
      log.error({ err: error, channel: target.channel }, 'could not post an answer to Slack');
    }
  }
}
