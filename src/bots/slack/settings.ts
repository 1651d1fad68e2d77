import type { Config } from '../../core/config/schema.js';

export interface SlackSettings {
  /** Socket Mode when an app-level token is set (no public URL needed); HTTP otherwise. */
  mode: 'socket' | 'http';
  botToken: string;
  appToken?: string;
  signingSecret?: string;
  /** The Web API base (proxies, tests); Slack's own when unset. */
  apiUrl?: string;
  command: string;
}

/** True when the config asks for Slack at all (a bot token is set). */
export function slackEnabled(config: Config): boolean {
  return config.slack.botToken !== undefined;
}

/** The Slack part of the config, checked; every problem is listed with its fix in one error. */
export function slackSettings(config: Config): SlackSettings {
  const { botToken, appToken, signingSecret, apiUrl, command } = config.slack;
  const problems: string[] = [];
  if (!botToken) {
    problems.push(
      'slack.botToken is not set: set SLACK_BOT_TOKEN to the Bot User OAuth Token (xoxb-...) from "OAuth & Permissions"',
    );
  } else if (!botToken.startsWith('xoxb-')) {
    problems.push(
      'slack.botToken does not start with "xoxb-": use the Bot User OAuth Token, not a user or app-level token',
    );
  }
  if (appToken !== undefined && !appToken.startsWith('xapp-')) {
    problems.push(
      'slack.appToken does not start with "xapp-": use an app-level token with the connections:write scope ("Basic Information")',
    );
  }
  if (appToken === undefined && !signingSecret) {
    problems.push(
      'HTTP mode needs slack.signingSecret: set SLACK_SIGNING_SECRET ("Basic Information" -> App Credentials), or set SLACK_APP_TOKEN to use Socket Mode instead',
    );
  }
  if (problems.length > 0)
    throw new Error(`Slack is not configured correctly:\n  - ${problems.join('\n  - ')}`);
  const settings: SlackSettings = {
    mode: appToken ? 'socket' : 'http',
    botToken: botToken as string,
    command,
  };
  if (appToken) settings.appToken = appToken;
  if (signingSecret) settings.signingSecret = signingSecret;
  if (apiUrl) settings.apiUrl = apiUrl.endsWith('/') ? apiUrl : `${apiUrl}/`;
  return settings;
}
