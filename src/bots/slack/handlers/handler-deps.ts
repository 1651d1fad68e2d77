import type { Agent } from '../../../core/agent/index.js';
import type { Logger } from '../../../core/log/logger.js';
import type { PostToResponseUrl } from '../reply/response-url.js';

/** What the Slack listeners need: the agent (questions, commands, decisions), a logger, and a way to answer at a response_url. */
export interface SlackHandlerDeps {
  agent: Pick<Agent, 'handle' | 'decide'>;
  logger: Logger;
  postToResponseUrl: PostToResponseUrl;
}
