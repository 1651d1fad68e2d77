// The state behind the fake Web API: channels and their messages, ephemeral messages, files.

export interface FakeMessage {
  channel: string;
  ts: string;
  thread_ts?: string;
  text?: string;
  blocks?: unknown[];
  metadata?: { event_type: string; event_payload: Record<string, unknown> };
  user: string;
  bot_id?: string;
  edited?: { ts: string };
  /** How it was posted: the Web API, or a slash command's / button's response_url. */
  via: 'api' | 'response_url';
}

export interface FakeEphemeral {
  channel: string;
  user?: string;
  thread_ts?: string;
  text?: string;
  blocks?: unknown[];
  via: 'api' | 'response_url';
}

export interface FakeFile {
  id: string;
  filename: string;
  title?: string;
  alt_text?: string;
  length: number;
  content?: Buffer;
  shared?: { channel?: string; thread_ts?: string; initial_comment?: string };
}

export const botUserId = 'U_BOT';
export const botId = 'B_BOT';

export class FakeWorkspace {
  readonly messages: FakeMessage[] = [];
  readonly ephemerals: FakeEphemeral[] = [];
  readonly files = new Map<string, FakeFile>();
  /** Channels that do not exist, and channels the bot was not invited to. */
  readonly missingChannels = new Set<string>();
  readonly channelsWithoutBot = new Set<string>();
  private seq = 0;

  nextTs(): string {
    this.seq += 1;
    return `${Math.floor(Date.now() / 1000)}.${String(this.seq).padStart(6, '0')}`;
  }

  nextFileId(): string {
    this.seq += 1;
    return `F${String(this.seq).padStart(8, '0')}`;
  }

  find(channel: string, ts: string): FakeMessage | undefined {
    return this.messages.find((m) => m.channel === channel && m.ts === ts);
  }

  /** Top-level messages of a channel, oldest first. */
  topLevel(channel: string): FakeMessage[] {
    return this.messages.filter(
      (m) => m.channel === channel && (m.thread_ts === undefined || m.thread_ts === m.ts),
    );
  }

  /** A thread: its parent, then the replies, oldest first. */
  thread(channel: string, ts: string): FakeMessage[] {
    const parent = this.find(channel, ts);
    const replies = this.messages.filter(
      (m) => m.channel === channel && m.thread_ts === ts && m.ts !== ts,
    );
    return parent ? [parent, ...replies] : replies;
  }
}
