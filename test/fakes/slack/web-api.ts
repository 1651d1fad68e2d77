// The Web API methods the bot uses, answering in Slack's shapes (docs.slack.dev/reference/methods).
import { blockProblems } from './validate-blocks.js';
import { botId, botUserId, type FakeMessage, type FakeWorkspace } from './workspace.js';

export type Params = Record<string, unknown>;

export class SlackApiError extends Error {
  constructor(
    readonly error: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(error);
  }
}

export type MethodHandler = (
  params: Params,
  ctx: { baseUrl: string; tokenKind: 'bot' | 'app' },
) => Record<string, unknown>;

export function webApiMethods(ws: FakeWorkspace): Record<string, MethodHandler> {
  const checkChannel = (channel: unknown): string => {
    if (typeof channel !== 'string' || channel === '') throw new SlackApiError('channel_not_found');
    if (ws.missingChannels.has(channel)) throw new SlackApiError('channel_not_found');
    if (ws.channelsWithoutBot.has(channel)) throw new SlackApiError('not_in_channel');
    return channel;
  };
  const checkBlocks = (blocks: unknown): void => {
    const problems = blockProblems(blocks);
    if (problems.length > 0)
      throw new SlackApiError('invalid_blocks', {
        response_metadata: { messages: problems.map((p) => `[ERROR] ${p}`) },
      });
  };
  const view = (m: FakeMessage, withMetadata: boolean) => {
    const { via: _via, channel: _channel, metadata, ...rest } = m;
    return { type: 'message', ...rest, ...(withMetadata && metadata ? { metadata } : {}) };
  };

  return {
    'auth.test': (_p, ctx) => ({
      url: 'https://fake.slack.com/',
      team: 'Fake Workspace',
      user: 'ai4k8s',
      team_id: 'T_FAKE',
      user_id: botUserId,
      bot_id: botId,
      is_enterprise_install: false,
      ...(ctx.tokenKind === 'app' ? {} : {}),
    }),

    'chat.postMessage': (p) => {
      const channel = checkChannel(p.channel);
      if (p.text === undefined && p.blocks === undefined && p.attachments === undefined)
        throw new SlackApiError('no_text');
      checkBlocks(p.blocks);
      if (typeof p.text === 'string' && p.text.length > 40_000)
        throw new SlackApiError('msg_too_long');
      const message: FakeMessage = {
        channel,
        ts: ws.nextTs(),
        user: botUserId,
        bot_id: botId,
        via: 'api',
      };
      if (typeof p.thread_ts === 'string') message.thread_ts = p.thread_ts;
      if (typeof p.text === 'string') message.text = p.text;
      if (Array.isArray(p.blocks)) message.blocks = p.blocks;
      if (p.metadata && typeof p.metadata === 'object')
        message.metadata = p.metadata as FakeMessage['metadata'];
      ws.messages.push(message);
      return { channel, ts: message.ts, message: view(message, false) };
    },

    'chat.update': (p) => {
      const channel = checkChannel(p.channel);
      const message = typeof p.ts === 'string' ? ws.find(channel, p.ts) : undefined;
      if (!message) throw new SlackApiError('message_not_found');
      checkBlocks(p.blocks);
      if (typeof p.text === 'string') message.text = p.text;
      if (Array.isArray(p.blocks)) message.blocks = p.blocks;
      if (p.metadata && typeof p.metadata === 'object')
        message.metadata = p.metadata as FakeMessage['metadata'];
      message.edited = { ts: ws.nextTs() };
      return { channel, ts: message.ts, text: message.text ?? '', message: view(message, false) };
    },

    'chat.postEphemeral': (p) => {
      const channel = checkChannel(p.channel);
      if (typeof p.user !== 'string') throw new SlackApiError('user_not_in_channel');
      checkBlocks(p.blocks);
      ws.ephemerals.push({
        channel,
        user: p.user,
        via: 'api',
        ...(typeof p.thread_ts === 'string' ? { thread_ts: p.thread_ts } : {}),
        ...(typeof p.text === 'string' ? { text: p.text } : {}),
        ...(Array.isArray(p.blocks) ? { blocks: p.blocks } : {}),
      });
      return { message_ts: ws.nextTs() };
    },

    'conversations.history': (p) => {
      const channel = checkChannel(p.channel);
      const limit = Number(p.limit ?? 100);
      const all = ws.topLevel(channel).reverse();
      return {
        messages: all.slice(0, limit).map((m) => view(m, truthy(p.include_all_metadata))),
        has_more: all.length > limit,
      };
    },

    'conversations.replies': (p) => {
      const channel = checkChannel(p.channel);
      if (typeof p.ts !== 'string' || !ws.find(channel, p.ts))
        throw new SlackApiError('thread_not_found');
      const limit = Number(p.limit ?? 1000);
      const all = ws.thread(channel, p.ts);
      return {
        messages: all.slice(0, limit).map((m) => view(m, truthy(p.include_all_metadata))),
        has_more: all.length > limit,
      };
    },

    'files.getUploadURLExternal': (p, ctx) => {
      const length = Number(p.length);
      if (typeof p.filename !== 'string' || !Number.isInteger(length) || length < 1)
        throw new SlackApiError('invalid_arguments');
      const id = ws.nextFileId();
      ws.files.set(id, {
        id,
        filename: p.filename,
        length,
        ...(typeof p.alt_text === 'string' ? { alt_text: p.alt_text } : {}),
      });
      return { upload_url: `${ctx.baseUrl}/upload/${id}`, file_id: id };
    },

    'files.completeUploadExternal': (p) => {
      const files = p.files as Array<{ id: string; title?: string }> | undefined;
      if (!Array.isArray(files) || files.length === 0) throw new SlackApiError('invalid_arguments');
      if (p.channel_id !== undefined) checkChannel(p.channel_id);
      return {
        files: files.map((f) => {
          const file = ws.files.get(f.id);
          if (!file || file.content === undefined) throw new SlackApiError('file_not_found');
          if (f.title !== undefined) file.title = f.title;
          file.shared = {
            ...(typeof p.channel_id === 'string' ? { channel: p.channel_id } : {}),
            ...(typeof p.thread_ts === 'string' ? { thread_ts: p.thread_ts } : {}),
            ...(typeof p.initial_comment === 'string'
              ? { initial_comment: p.initial_comment }
              : {}),
          };
          return { id: file.id, name: file.filename, title: file.title ?? file.filename };
        }),
      };
    },
  };
}

function truthy(value: unknown): boolean {
  return value === true || value === 'true' || value === '1' || value === 1;
}
