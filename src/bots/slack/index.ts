export { createSlackBot, type CreateSlackBotOptions, type SlackBot } from './app.js';
export { SlackNotifier, type SlackNotifierOptions } from './alerts/slack-notifier.js';
export { createNotifierClient } from './clients.js';
export {
  renderMessage,
  type RenderedMessage,
  type RenderedFile,
  type RenderOptions,
} from './render.js';
export { slackEnabled, slackSettings, type SlackSettings } from './settings.js';
export type { SlackRequestHandler } from './http/receiver.js';
