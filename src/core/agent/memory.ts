import type Anthropic from '@anthropic-ai/sdk';
import type { ConversationsRepo } from '../store/repos/conversations.js';

/** Tokens are estimated as characters / 4, as everywhere else in AI4K8s. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

/**
 * Conversation memory per thread: the questions and final answers (tool results are not kept;
 * the answers cite what they used), trimmed to a token budget from the newest turn backwards.
 */
export class ConversationMemory {
  constructor(
    private readonly repo: ConversationsRepo,
    private readonly budgetTokens: number,
  ) {}

  async history(conversation: string): Promise<Anthropic.Messages.MessageParam[]> {
    const turns = await this.repo.turns(conversation);
    const kept: typeof turns = [];
    let used = 0;
    for (let i = turns.length - 1; i >= 0; i--) {
      const turn = turns[i] as (typeof turns)[number];
      if (used + turn.tokens > this.budgetTokens) break;
      used += turn.tokens;
      kept.unshift(turn);
    }
    // The API wants user first and strict alternation; a dropped or failed turn could break both.
    const messages: Anthropic.Messages.MessageParam[] = [];
    for (const turn of kept) {
      const role = turn.speaker;
      if (messages.length === 0 && role !== 'user') continue;
      const last = messages.at(-1);
      if (last && last.role === role) last.content = `${last.content as string}\n\n${turn.text}`;
      else messages.push({ role, content: turn.text });
    }
    if (messages.at(-1)?.role === 'user') messages.pop();
    return messages;
  }

  async remember(
    conversation: string,
    question: string,
    answer: string,
    at: number,
  ): Promise<void> {
    await this.repo.append(conversation, {
      speaker: 'user',
      text: question,
      tokens: estimateTokens(question),
      at,
    });
    await this.repo.append(conversation, {
      speaker: 'assistant',
      text: answer,
      tokens: estimateTokens(answer),
      at,
    });
    await this.repo.trim(conversation, this.budgetTokens);
  }
}
