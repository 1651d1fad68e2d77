import { App } from '@slack/bolt';
import type { Agent } from '../../core/agent/index.js';
import type { Config } from '../../core/config/schema.js';
import type { Logger } from '../../core/log/logger.js';
import { SlackNotifier, type SlackNotifierOptions } from './alerts/slack-notifier.js';
import { boltLogger } from './bolt-logger.js';
import { createNotifierClient, listenerClientOptions } from './clients.js';
import { registerAlertButtons } from './handlers/alert-buttons.js';
import { registerApprovalButtons } from './handlers/approval-buttons.js';
import { registerMentions } from './handlers/mentions.js';
import { registerRequestGuard } from './handlers/request-guard.js';
import { registerSlashCommand } from './handlers/slash-command.js';
import { SlackHttpReceiver, type SlackRequestHandler } from './http/receiver.js';
import { responseUrlPoster } from './reply/response-url.js';
import { slackSettings } from './settings.js';
import { describeStartError } from './start-error.js';

export interface CreateSlackBotOptions {
  config: Config;
  agent: Pick<Agent, 'handle' | 'decide'>;
  logger: Logger;
  /** The notifier's per-call timeout (the outbox's own timeout should be longer). */
  notifierTimeoutMs?: number;
  /** Clock for signature timestamps and card dates (tests). */
  now?: () => number;
  /** How long `stop()` waits for answers still being worked on. */
  drainTimeoutMs?: number;
  /** Draws the chart attached to an incident's first message (predictive alerts). */
  chartFor?: SlackNotifierOptions['chartFor'];
}

export interface SlackBot {
  mode: 'socket' | 'http';
  /** HTTP mode: mount on the serve app at `/slack/events`. Absent in Socket Mode. */
  router?: SlackRequestHandler;
  /** Give it to the alert outbox's delivery (platform `slack`). */
  notifier: SlackNotifier;
  /** Checks the token (auth.test) and, in Socket Mode, connects. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** The Slack adapter: Bolt in Socket Mode or HTTP mode, its listeners, and the alert notifier. */
export function createSlackBot(options: CreateSlackBotOptions): SlackBot {
  const settings = slackSettings(options.config);
  const logger = options.logger.child({ component: 'slack' });
  const receiver =
    settings.mode === 'http'
      ? new SlackHttpReceiver({
          signingSecret: settings.signingSecret as string,
          logger,
          ...(options.now ? { now: options.now } : {}),
        })
      : undefined;
  const app = new App({
    token: settings.botToken,
    ...(receiver ? { receiver } : { socketMode: true, appToken: settings.appToken }),
    logger: boltLogger(logger),
    clientOptions: listenerClientOptions(settings, logger),
    deferInitialization: true,
    // Bolt's default conversation store is a per-channel memory cache we never read.
    convoStore: false,
  });
  app.error(async (error) => {
    logger.error({ err: error }, 'a Slack listener failed');
  });
  const guard = registerRequestGuard(app);
  const deps = { agent: options.agent, logger, postToResponseUrl: responseUrlPoster() };
  registerSlashCommand(app, { ...deps, command: settings.command });
  registerMentions(app, deps);
  registerApprovalButtons(app, { ...deps, ...(options.now ? { now: options.now } : {}) });
  registerAlertButtons(app, deps);
  const notifier = new SlackNotifier({
    client: createNotifierClient(settings, logger, options.notifierTimeoutMs),
    logger,
    ...(options.chartFor ? { chartFor: options.chartFor } : {}),
  });

  let started = false;
  return {
    mode: settings.mode,
    ...(receiver ? { router: receiver.handler } : {}),
    notifier,
    async start() {
      try {
        await app.init();
        await app.start();
      } catch (error) {
        throw new Error(describeStartError(error, settings.mode), { cause: error });
      }
      started = true;
      logger.info({ mode: settings.mode, command: settings.command }, 'Slack bot ready');
    },
    async stop() {
      if (started)
        await app
          .stop()
          .catch((error: unknown) => logger.warn({ err: error }, 'Slack did not stop cleanly'));
      started = false;
      await guard.idle(options.drainTimeoutMs ?? 10_000);
    },
  };
}
