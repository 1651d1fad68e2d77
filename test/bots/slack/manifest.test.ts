import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { configSchema } from '../../../src/core/config/schema.js';

// The manifest must grant what the bot uses: a scope missing here is a `missing_scope` error in
// production that no test against the fake would show.

interface Manifest {
  features: {
    slash_commands: Array<{ command: string; should_escape?: boolean }>;
    bot_user: unknown;
    app_home: { messages_tab_enabled: boolean };
  };
  oauth_config: { scopes: { bot: string[] } };
  settings: {
    event_subscriptions: { bot_events: string[] };
    interactivity: { is_enabled: boolean };
    socket_mode_enabled: boolean;
  };
}

const manifest = parse(
  readFileSync(new URL('../../../slack/manifest.yaml', import.meta.url), 'utf8'),
) as Manifest;

/** The Web API methods the bot calls (src/bots/slack) and the bot scope each needs. */
const scopesByMethod: Record<string, string[]> = {
  'chat.postMessage': ['chat:write'],
  'chat.update': ['chat:write'],
  'chat.postEphemeral': ['chat:write'],
  'files.getUploadURLExternal': ['files:write'],
  'files.completeUploadExternal': ['files:write'],
  'conversations.history': ['channels:history', 'groups:history'],
  'conversations.replies': ['channels:history', 'groups:history'],
};

describe('slack/manifest.yaml', () => {
  it('declares the default slash command, unescaped so kubectl arguments arrive as typed', () => {
    const command = manifest.features.slash_commands[0];
    expect(command?.command).toBe(configSchema.parse({}).slack.command);
    expect(command?.should_escape).toBe(false);
  });

  it('grants every scope the bot’s Web API calls and events need', () => {
    const scopes = new Set(manifest.oauth_config.scopes.bot);
    for (const [method, needed] of Object.entries(scopesByMethod)) {
      for (const scope of needed) expect(scopes.has(scope), `${method} needs ${scope}`).toBe(true);
    }
    for (const scope of ['commands', 'app_mentions:read', 'im:history'])
      expect(scopes.has(scope)).toBe(true);
  });

  it('subscribes to mentions and direct messages, with interactivity and Socket Mode on', () => {
    expect(manifest.settings.event_subscriptions.bot_events.sort()).toEqual([
      'app_mention',
      'message.im',
    ]);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.settings.socket_mode_enabled).toBe(true);
    expect(manifest.features.app_home.messages_tab_enabled).toBe(true);
  });
});
