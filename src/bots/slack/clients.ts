import { webApi } from '@slack/bolt';
import type { Logger } from '../../core/log/logger.js';
import { boltLogger } from './bolt-logger.js';
import { keepAliveAgent } from './reply/keep-alive.js';
import type { SlackSettings } from './settings.js';

/** Web API options of the bot's listeners: a few quick retries, then the user hears about it. */
export function listenerClientOptions(
  settings: SlackSettings,
  logger: Logger,
  timeoutMs = 15_000,
): webApi.WebClientOptions {
  return {
    ...(settings.apiUrl ? { slackApiUrl: settings.apiUrl } : {}),
    retryConfig: { retries: 2, factor: 2, minTimeout: 250, maxTimeout: 2000 },
    timeout: timeoutMs,
    agent: keepAliveAgent(settings.apiUrl ?? 'https://slack.com/api/'),
    logger: boltLogger(logger),
  };
}

/**
 * The alert notifier's client: its own retries off and rate-limited calls rejected at once, so
 * the outbox's notify job owns every retry (and honours Retry-After) and nothing posts twice
 * behind its back.
 */
export function createNotifierClient(
  settings: SlackSettings,
  logger: Logger,
  timeoutMs = 10_000,
): webApi.WebClient {
  return new webApi.WebClient(settings.botToken, {
    ...(settings.apiUrl ? { slackApiUrl: settings.apiUrl } : {}),
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: timeoutMs,
    agent: keepAliveAgent(settings.apiUrl ?? 'https://slack.com/api/'),
    logger: boltLogger(logger),
  });
}
