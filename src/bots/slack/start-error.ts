import { slackErrorCode } from './reply/slack-client.js';

/** Why the bot could not start, in words that say what to change. */
export function describeStartError(error: unknown, mode: 'socket' | 'http'): string {
  const code = slackErrorCode(error);
  switch (code) {
    case 'invalid_auth':
    case 'not_authed':
    case 'token_revoked':
    case 'account_inactive':
      return `Slack refused the bot token (${code}): set SLACK_BOT_TOKEN to the app's current Bot User OAuth Token (xoxb-...)`;
    case 'slack_webapi_request_error':
      return `cannot reach the Slack Web API (${(error as Error).message}): check the network, or SLACK_API_URL if set`;
    default:
      if (
        mode === 'socket' &&
        /connections|app.level|xapp|socket/i.test(String((error as Error)?.message))
      ) {
        return `Socket Mode could not connect (${(error as Error).message}): check SLACK_APP_TOKEN (xapp-..., scope connections:write) and that Socket Mode is on`;
      }
      return `the Slack bot could not start: ${code ?? (error as Error)?.message ?? String(error)}`;
  }
}
