import { describe, expect, it } from 'vitest';
import { createSlackBot } from '../../../src/bots/slack/app.js';
import { slackSettings } from '../../../src/bots/slack/settings.js';
import { configSchema, type ConfigInput } from '../../../src/core/config/schema.js';
import { createLogger } from '../../../src/core/log/logger.js';
import { fakeSigningSecret, fakeTokens, startFakeSlack } from '../../fakes/slack/index.js';

const logger = createLogger({ level: 'silent' });
// Start-up only: Slack refuses the token before any listener (or the agent) could run.
const idleAgent = {
  handle: async () => [],
  decide: async () => ({ decided: false, messages: [] }),
};
const config = (slack: ConfigInput['slack']) => configSchema.parse({ slack });

describe('Slack settings', () => {
  it('picks Socket Mode when an app-level token is set, HTTP mode otherwise', () => {
    expect(slackSettings(config({ botToken: 'xoxb-1', appToken: 'xapp-1' })).mode).toBe('socket');
    expect(
      slackSettings(config({ botToken: 'xoxb-1', signingSecret: 's', apiUrl: 'http://x/api' })),
    ).toEqual({
      mode: 'http',
      botToken: 'xoxb-1',
      signingSecret: 's',
      apiUrl: 'http://x/api/',
      command: '/k8s',
    });
  });

  it('lists every problem with its fix', () => {
    expect(() => slackSettings(config({}))).toThrow(/SLACK_BOT_TOKEN[\s\S]*SLACK_SIGNING_SECRET/);
    expect(() => slackSettings(config({ botToken: 'xoxp-user', appToken: 'xoxb-wrong' }))).toThrow(
      /Bot User OAuth Token[\s\S]*connections:write/,
    );
  });

  it('fails to start with a clear error when Slack refuses the token', async () => {
    const fake = await startFakeSlack();
    try {
      const bot = createSlackBot({
        config: config({
          botToken: 'xoxb-revoked',
          signingSecret: fakeSigningSecret,
          apiUrl: fake.apiUrl,
        }),
        agent: idleAgent,
        logger,
      });
      await expect(bot.start()).rejects.toThrow(
        /refused the bot token \(invalid_auth\).*SLACK_BOT_TOKEN/,
      );
      const ok = createSlackBot({
        config: config({
          botToken: fakeTokens.bot,
          signingSecret: fakeSigningSecret,
          apiUrl: fake.apiUrl,
        }),
        agent: idleAgent,
        logger,
      });
      await ok.start();
      await ok.stop();
    } finally {
      await fake.stop();
    }
  });
});
