import { canonicalJson } from '../tools/registry/canonical-json.js';
import { block, message } from '../messages/build.js';
import type { Block, CoreMessage } from '../messages/core-message.js';
import type { CommandContext } from './command-context.js';
import { conversationKey } from './conversation-key.js';
import type { LlmFailure } from './llm/llm-errors.js';
import type { LlmAnswer, LlmLoop, StepTiming } from './llm/llm-loop.js';
import { questionPreamble } from './llm/system-prompt.js';
import { toolOutputForModel } from './llm/tool-output.js';
import type { ConversationMemory } from './memory.js';
import { answerOffline, suggestCommands } from './offline/offline-answer.js';

export interface LlmAnswerDeps {
  loop: LlmLoop;
  memory: ConversationMemory;
  onStep?: (timing: StepTiming) => void;
}

/**
 * A plain-language question answered by the model with the registry's tools, within the
 * per-question and per-user daily token budgets. Write and exec calls the model asks for come
 * back as approval cards; the model is told they did not run.
 */
export async function answerWithLlm(
  ctx: CommandContext,
  question: string,
  deps: LlmAnswerDeps,
): Promise<CoreMessage[]> {
  const { services, caller } = ctx;
  const limits = services.config.anthropic;
  const now = services.now();
  const usedToday = await services.usage.usedOn(caller.id, now);
  const leftToday = limits.tokensPerUserPerDay - usedToday;
  if (leftToday <= 0) {
    return answerOffline(
      ctx,
      question,
      `You have used your daily AI budget (${limits.tokensPerUserPerDay.toLocaleString('en-US')} tokens; it resets at 00:00 UTC), ` +
        'so this came from the built-in question router. Direct commands work as always.',
    );
  }

  const conversation = conversationKey(ctx.request);
  const cards: CoreMessage[] = [];
  const requested = new Map<string, string>();
  const answer = await deps.loop.run({
    history: await deps.memory.history(conversation),
    question: `${questionPreamble({ cluster: ctx.cluster.cluster, role: caller.role, userName: ctx.request.userName ?? ctx.request.userId, at: now })}\n\n${question}`,
    tools: services.tools.list(caller),
    budgetTokens: Math.min(limits.tokensPerQuestion, leftToday),
    recordUsage: (u) =>
      services.usage.record({ userId: caller.id, at: services.now(), model: limits.model, ...u }),
    onStep: deps.onStep,
    async runTool(name, input) {
      // approvalId is dropped: a model never runs a request, approved or not; only a human's click does.
      const { cluster: asked, approvalId: _ignored, ...args } = input;
      const cluster = typeof asked === 'string' && asked.length > 0 ? asked : ctx.cluster.cluster;
      const key = `${name} ${cluster} ${canonicalJson(args)}`;
      const earlier = requested.get(key);
      if (earlier) {
        return {
          content: `NOT RUN. Approval request ${earlier} for this exact call already waits for a human.`,
          isError: false,
        };
      }
      const outcome = await ctx.invoke(
        name,
        typeof asked === 'string' || asked === undefined ? args : { ...args, cluster: asked },
        cluster,
      );
      if (outcome.status === 'approval_required') {
        requested.set(key, outcome.approval.id);
        cards.push(ctx.present(outcome));
      }
      return toolOutputForModel(name, cluster, outcome);
    },
  });

  if (answer.status === 'failed')
    return [unavailableMessage(answer.failure as LlmFailure, question)];
  const reply =
    answer.status === 'done' ? finalMessage(answer, ctx) : partialMessage(answer, ctx, limits);
  await deps.memory.remember(conversation, question, replyText(reply), services.now());
  return [reply, ...cards];
}

function evidenceNote(ctx: CommandContext): Block | undefined {
  if (ctx.calls.length === 0) return undefined;
  const list = ctx.calls.map(
    (c) =>
      `${c.tool}${describeArgs(c.args)}${c.status === 'ok' ? '' : ` (${c.status.replace('_', ' ')})`}`,
  );
  return block.note(`Tool calls: ${list.join('; ')}.`);
}

function describeArgs(args: Record<string, unknown>): string {
  const parts = Object.entries(args).map(
    ([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`,
  );
  return parts.length > 0 ? ` ${parts.join(' ')}` : '';
}

function finalMessage(answer: LlmAnswer, ctx: CommandContext): CoreMessage {
  const blocks: Block[] = [block.text(answer.text || '(the model gave no text answer)')];
  if (answer.truncated)
    blocks.push(
      block.note('The answer was cut at the output limit; ask a narrower question for the rest.'),
    );
  const evidence = evidenceNote(ctx);
  if (evidence) blocks.push(evidence);
  return message('info', blocks);
}

function partialMessage(
  answer: LlmAnswer,
  ctx: CommandContext,
  limits: { maxSteps: number; tokensPerQuestion: number },
): CoreMessage {
  const why =
    answer.status === 'step_limit'
      ? `I stopped after ${answer.steps} steps (the limit, anthropic.maxSteps = ${limits.maxSteps}) before reaching a conclusion.`
      : `I stopped after ${answer.tokens.toLocaleString('en-US')} tokens: the token budget for this question ran out.`;
  const blocks: Block[] = [block.text(why)];
  if (answer.interim.length > 0)
    blocks.push(block.text(`What I found so far:\n${answer.interim.join('\n')}`));
  else
    blocks.push(
      block.text(
        'I had not written up any findings yet; the tool calls below show what I looked at.',
      ),
    );
  const evidence = evidenceNote(ctx);
  if (evidence) blocks.push(evidence);
  blocks.push(block.note('Ask a narrower question, or continue with direct commands.'));
  const msg = message('warning', blocks, 'Partial findings (incomplete)');
  msg.partial = true;
  return msg;
}

function unavailableMessage(failure: LlmFailure, question: string): CoreMessage {
  const commands = suggestCommands(question)
    .map((c) => `\`${c}\``)
    .join(', ');
  const lead =
    failure.kind === 'auth'
      ? `AI answers are unavailable: the Anthropic API refused the key (${failure.detail}). Check ANTHROPIC_API_KEY or anthropic.apiKey.`
      : failure.kind === 'refused'
        ? `AI answers are unavailable for this question: the Anthropic API refused the request (${failure.detail}).`
        : `AI answers are unavailable right now (${failure.detail}, after retries). Try again in a minute.`;
  const plural = commands.includes(',') ? 's' : '';
  return message('warning', [
    block.text(lead),
    block.text(
      `Meanwhile, the direct command${plural} ${commands} work${plural ? '' : 's'} without AI.`,
    ),
  ]);
}

function replyText(msg: CoreMessage): string {
  return msg.blocks
    .flatMap((b) => (b.type === 'text' && b.style !== 'note' ? [b.text] : []))
    .join('\n');
}
