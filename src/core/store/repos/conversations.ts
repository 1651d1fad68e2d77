import type { Queryable } from '../database.js';

export interface ConversationTurn {
  speaker: 'user' | 'assistant';
  text: string;
  /** Estimated tokens of `text`, kept so trimming needs no re-count. */
  tokens: number;
  at: number;
}

export interface StoredOrigin {
  platform: string;
  channelId: string;
  threadId?: string;
  userId: string;
}

export interface ClusterChoice {
  cluster: string;
  setBy: string;
  setAt: number;
}

interface TurnRow {
  id: number;
  speaker: 'user' | 'assistant';
  text: string;
  tokens: number;
  at: number;
}

/**
 * The agent's per-conversation state: memory turns, `use CLUSTER` choices and where each
 * approval request was asked (its result is posted back there). A conversation key is
 * `platform:channel[:thread]`, built by the agent.
 */
export class ConversationsRepo {
  constructor(private readonly db: Queryable) {}

  /** Turns of a conversation, oldest first, newest `limit` at most. */
  async turns(conversation: string, limit = 200): Promise<ConversationTurn[]> {
    const rows = await this.db.all<TurnRow>(
      'SELECT id, speaker, text, tokens, at FROM conversation_turns WHERE conversation = ? ORDER BY id DESC LIMIT ?',
      [conversation, limit],
    );
    return rows.reverse().map(({ speaker, text, tokens, at }) => ({ speaker, text, tokens, at }));
  }

  async append(conversation: string, turn: ConversationTurn): Promise<void> {
    await this.db.run(
      'INSERT INTO conversation_turns (conversation, speaker, text, tokens, at) VALUES (?, ?, ?, ?, ?)',
      [conversation, turn.speaker, turn.text, turn.tokens, turn.at],
    );
  }

  /**
   * Deletes the oldest turns so the rest fit `budgetTokens`, and an answer whose question was
   * dropped with them; memory never grows without bound.
   */
  async trim(conversation: string, budgetTokens: number): Promise<number> {
    const rows = await this.db.all<{ id: number; tokens: number; speaker: string }>(
      'SELECT id, tokens, speaker FROM conversation_turns WHERE conversation = ? ORDER BY id DESC',
      [conversation],
    );
    let sum = 0;
    let keep = 0;
    for (const row of rows) {
      if (sum + row.tokens > budgetTokens) break;
      sum += row.tokens;
      keep++;
    }
    while (keep > 0 && rows[keep - 1]?.speaker === 'assistant') keep--;
    const keepFrom = keep > 0 ? rows[keep - 1]?.id : undefined;
    const { changes } = await this.db.run(
      'DELETE FROM conversation_turns WHERE conversation = ? AND id < ?',
      [conversation, keepFrom ?? Number.MAX_SAFE_INTEGER],
    );
    return changes;
  }

  async clusterChoice(conversation: string): Promise<ClusterChoice | undefined> {
    const row = await this.db.get<{ cluster: string; set_by: string; set_at: number }>(
      'SELECT cluster, set_by, set_at FROM conversation_clusters WHERE conversation = ?',
      [conversation],
    );
    return row && { cluster: row.cluster, setBy: row.set_by, setAt: row.set_at };
  }

  async setClusterChoice(conversation: string, choice: ClusterChoice): Promise<void> {
    await this.db.run(
      `INSERT INTO conversation_clusters (conversation, cluster, set_by, set_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (conversation) DO UPDATE SET cluster = excluded.cluster, set_by = excluded.set_by, set_at = excluded.set_at`,
      [conversation, choice.cluster, choice.setBy, choice.setAt],
    );
  }

  async saveOrigin(approvalId: string, origin: StoredOrigin, at: number): Promise<void> {
    await this.db.run(
      `INSERT OR REPLACE INTO approval_origins (approval_id, platform, channel_id, thread_id, user_id, created_at)
       VALUES (?, ?, ?, ?, ?, ?)`,
      [approvalId, origin.platform, origin.channelId, origin.threadId ?? null, origin.userId, at],
    );
  }

  async origin(approvalId: string): Promise<StoredOrigin | undefined> {
    const row = await this.db.get<{
      platform: string;
      channel_id: string;
      thread_id: string | null;
      user_id: string;
    }>(
      'SELECT platform, channel_id, thread_id, user_id FROM approval_origins WHERE approval_id = ?',
      [approvalId],
    );
    if (!row) return undefined;
    const origin: StoredOrigin = {
      platform: row.platform,
      channelId: row.channel_id,
      userId: row.user_id,
    };
    if (row.thread_id !== null) origin.threadId = row.thread_id;
    return origin;
  }
}
