import type { webApi } from '@slack/bolt';

/** The Web API client (Bolt's listener client or the notifier's own). */
export type SlackClient = webApi.WebClient;

/** The Slack error code of a failed Web API call (`not_in_channel`, `ratelimited`, ...). */
export function slackErrorCode(error: unknown): string | undefined {
  const e = error as { code?: string; data?: { error?: string } };
  if (e?.code === 'slack_webapi_platform_error') return e.data?.error;
  return e?.code;
}
