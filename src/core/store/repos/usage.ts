import type { Queryable } from '../database.js';

/** Tokens one model call used, as the Messages API reports them. */
export interface LlmUsage {
  userId: string;
  at: number;
  model: string;
  inputTokens: number;
  outputTokens: number;
  cacheCreationTokens: number;
  cacheReadTokens: number;
}

/** The UTC day a usage counts against: budgets reset at 00:00 UTC. */
export function usageDay(at: number): string {
  return new Date(at).toISOString().slice(0, 10);
}

/** Every token counts against the daily budget, cached ones included (they still cost). */
export function totalTokens(
  u: Pick<LlmUsage, 'inputTokens' | 'outputTokens' | 'cacheCreationTokens' | 'cacheReadTokens'>,
): number {
  return u.inputTokens + u.outputTokens + u.cacheCreationTokens + u.cacheReadTokens;
}

/** The `llm_usage` table: one row per model call, summed per user and UTC day. */
export class UsageRepo {
  constructor(private readonly db: Queryable) {}

  async record(u: LlmUsage): Promise<void> {
    await this.db.run(
      `INSERT INTO llm_usage (user_id, day, at, model, input_tokens, output_tokens, cache_creation_tokens, cache_read_tokens)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        u.userId,
        usageDay(u.at),
        u.at,
        u.model,
        u.inputTokens,
        u.outputTokens,
        u.cacheCreationTokens,
        u.cacheReadTokens,
      ],
    );
  }

  /** Tokens `userId` used on the UTC day of `at`. */
  async usedOn(userId: string, at: number): Promise<number> {
    const row = await this.db.get<{ total: number | null }>(
      `SELECT SUM(input_tokens + output_tokens + cache_creation_tokens + cache_read_tokens) AS total
       FROM llm_usage WHERE user_id = ? AND day = ?`,
      [userId, usageDay(at)],
    );
    return row?.total ?? 0;
  }
}
