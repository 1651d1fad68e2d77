import { NotifierError } from '../../../core/alerts/notifier.js';

export interface ClassifiedFailure {
  error: NotifierError;
  /** True when Slack may have posted the message although the call failed (5xx, timeout). */
  ambiguous: boolean;
}

/** Slack errors that will not go away by retrying, with what to do about them. */
const finalErrors: Record<string, string> = {
  channel_not_found:
    'the channel does not exist or the bot cannot see it: use the channel ID (C...) in roles.channels and invite the bot',
  not_in_channel: 'the bot is not in the channel: run /invite @AI4K8s there',
  is_archived: 'the channel is archived: bind alerts to another channel',
  invalid_auth: 'Slack rejected the bot token: check SLACK_BOT_TOKEN',
  not_authed: 'no bot token was sent: set SLACK_BOT_TOKEN',
  token_revoked: 'the bot token was revoked: reinstall the app and update SLACK_BOT_TOKEN',
  account_inactive: 'the bot token belongs to a deactivated app: reinstall the app',
  missing_scope: 'the app lacks a scope: reinstall it from slack/manifest.yaml',
  invalid_blocks: 'Slack refused the message blocks (a bug: please report it)',
  msg_too_long: 'the message is too long (a bug: please report it)',
};

/** Slack's own "try again" platform errors. */
const transientErrors = new Set([
  'internal_error',
  'fatal_error',
  'service_unavailable',
  'request_timeout',
  'ratelimited',
]);

/**
 * Maps a Web API failure to the outbox's terms: 429 carries Retry-After, 5xx and timeouts are
 * retryable (and may have posted), a platform error names its fix and is final.
 */
export function classifySlackFailure(error: unknown): ClassifiedFailure {
  const e = error as {
    code?: string;
    retryAfter?: number;
    statusCode?: number;
    data?: { error?: string; needed?: string };
    message?: string;
  };
  switch (e?.code) {
    case 'slack_webapi_rate_limited_error': {
      const retryAfterMs = Math.max(0, Math.round((e.retryAfter ?? 1) * 1000));
      return {
        error: new NotifierError(`Slack rate limit: retry after ${retryAfterMs} ms`, {
          retryable: true,
          retryAfterMs,
          cause: error,
        }),
        ambiguous: false,
      };
    }
    case 'slack_webapi_http_error': {
      const status = e.statusCode ?? 0;
      const retryable = status >= 500 || status === 408;
      return {
        error: new NotifierError(`Slack answered HTTP ${status}`, { retryable, cause: error }),
        ambiguous: retryable,
      };
    }
    case 'slack_webapi_request_error':
      return {
        error: new NotifierError(`Slack did not answer: ${e.message ?? 'request failed'}`, {
          retryable: true,
          cause: error,
        }),
        ambiguous: true,
      };
    case 'slack_webapi_platform_error': {
      const code = e.data?.error ?? 'unknown_error';
      if (transientErrors.has(code)) {
        return {
          error: new NotifierError(`Slack error ${code}`, { retryable: true, cause: error }),
          ambiguous: code !== 'ratelimited',
        };
      }
      const fix =
        finalErrors[code] ?? 'see https://docs.slack.dev/reference/methods/chat.postMessage#errors';
      const needed =
        code === 'missing_scope' && e.data?.needed ? ` (needed: ${e.data.needed})` : '';
      return {
        error: new NotifierError(`Slack error ${code}${needed}: ${fix}`, {
          retryable: false,
          cause: error,
        }),
        ambiguous: false,
      };
    }
    default:
      return {
        error: new NotifierError(`Slack delivery failed: ${e?.message ?? String(error)}`, {
          retryable: true,
          cause: error,
        }),
        ambiguous: true,
      };
  }
}
