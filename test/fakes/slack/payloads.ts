// Request bodies in the shapes Slack sends them (slash commands, Events API, block_actions).
import { randomUUID } from 'node:crypto';
import type { SlackRequest } from './signed-request.js';
import { botUserId } from './workspace.js';

export interface SlashCommandInput {
  command?: string;
  text: string;
  userId: string;
  userName?: string;
  channelId: string;
  responseUrl: string;
}

export function slashCommandBody(input: SlashCommandInput): Record<string, string> {
  return {
    token: 'deprecated-verification-token',
    team_id: 'T_FAKE',
    team_domain: 'fake',
    channel_id: input.channelId,
    channel_name: 'ops',
    user_id: input.userId,
    user_name: input.userName ?? input.userId.toLowerCase(),
    command: input.command ?? '/k8s',
    text: input.text,
    api_app_id: 'A_FAKE',
    is_enterprise_install: 'false',
    response_url: input.responseUrl,
    trigger_id: `${Date.now()}.trigger`,
  };
}

export function slashCommandRequest(input: SlashCommandInput): SlackRequest {
  return {
    contentType: 'application/x-www-form-urlencoded',
    body: new URLSearchParams(slashCommandBody(input)).toString(),
  };
}

export interface MessageEventInput {
  type?: 'app_mention' | 'message';
  text: string;
  userId: string;
  channelId: string;
  ts?: string;
  threadTs?: string;
  channelType?: 'channel' | 'im';
}

export function eventCallbackBody(input: MessageEventInput): Record<string, unknown> {
  const ts =
    input.ts ??
    `${Math.floor(Date.now() / 1000)}.${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`;
  const event: Record<string, unknown> = {
    type: input.type ?? 'app_mention',
    user: input.userId,
    text: input.text,
    ts,
    channel: input.channelId,
    event_ts: ts,
    ...(input.threadTs ? { thread_ts: input.threadTs } : {}),
    ...(input.channelType ? { channel_type: input.channelType } : {}),
  };
  return {
    token: 'deprecated-verification-token',
    team_id: 'T_FAKE',
    api_app_id: 'A_FAKE',
    event,
    type: 'event_callback',
    event_id: `Ev${randomUUID().replace(/-/g, '').slice(0, 12)}`,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [
      { team_id: 'T_FAKE', user_id: botUserId, is_bot: true, is_enterprise_install: false },
    ],
    is_ext_shared_channel: false,
  };
}

export function eventRequest(input: MessageEventInput): SlackRequest {
  return { contentType: 'application/json', body: JSON.stringify(eventCallbackBody(input)) };
}

export interface BlockActionInput {
  actionId: string;
  value: string;
  userId: string;
  userName?: string;
  channelId: string;
  /** The message the button is on, as Slack includes it. */
  message: { ts: string; thread_ts?: string; text?: string; blocks?: unknown[] };
  responseUrl: string;
}

export function blockActionsBody(input: BlockActionInput): Record<string, unknown> {
  return {
    type: 'block_actions',
    user: {
      id: input.userId,
      username: input.userName ?? input.userId.toLowerCase(),
      name: input.userName ?? input.userId.toLowerCase(),
      team_id: 'T_FAKE',
    },
    api_app_id: 'A_FAKE',
    token: 'deprecated-verification-token',
    container: {
      type: 'message',
      message_ts: input.message.ts,
      channel_id: input.channelId,
      is_ephemeral: false,
    },
    trigger_id: `${Date.now()}.trigger`,
    team: { id: 'T_FAKE', domain: 'fake' },
    channel: { id: input.channelId, name: 'ops' },
    message: { type: 'message', user: botUserId, bot_id: 'B_BOT', ...input.message },
    response_url: input.responseUrl,
    actions: [
      {
        type: 'button',
        action_id: input.actionId,
        block_id: 'b1',
        text: { type: 'plain_text', text: 'button' },
        value: input.value,
        action_ts: `${Date.now() / 1000}`,
      },
    ],
    state: { values: {} },
  };
}

export function blockActionsRequest(input: BlockActionInput): SlackRequest {
  return {
    contentType: 'application/x-www-form-urlencoded',
    body: new URLSearchParams({ payload: JSON.stringify(blockActionsBody(input)) }).toString(),
  };
}
