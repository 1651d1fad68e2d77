import type Anthropic from '@anthropic-ai/sdk';
import type { ToolDefinition } from '../../tools/types.js';
import { classifyLlmError, type LlmFailure } from './llm-errors.js';
import { systemPrompt } from './system-prompt.js';
import type { ToolSpecCache } from './tool-specs.js';

type MessageParam = Anthropic.Messages.MessageParam;
type ContentBlockParam = Anthropic.Messages.ContentBlockParam;
type ToolResultBlockParam = Anthropic.Messages.ToolResultBlockParam;

export interface LlmLoopOptions {
  client: Anthropic;
  model: string;
  maxSteps: number;
  specs: ToolSpecCache;
  /** `max_tokens` of each model call. */
  maxOutputTokens?: number;
  /** Use the streaming API (SSE); false uses a plain JSON request. */
  streaming?: boolean;
  /** Extra attempts for failures the SDK does not retry itself (an error event inside a stream). */
  streamRetries?: number;
  retryDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

export interface ToolRun {
  /** What the model reads as the tool_result. */
  content: string;
  isError: boolean;
}

export interface StepUsage {
  inputTokens: number;
  outputTokens: number;
  cacheCreationTokens: number;
  cacheReadTokens: number;
}

export interface StepTiming {
  step: number;
  /** Time waiting for the model (SDK and HTTP included). */
  modelMs: number;
  /** Time in tool calls (the registry and the cluster). */
  toolMs: number;
  totalMs: number;
}

export interface LlmQuestion {
  history: MessageParam[];
  question: string;
  tools: ToolDefinition[];
  /** Stop starting new steps once this many tokens are spent on the question. */
  budgetTokens: number;
  runTool(name: string, input: Record<string, unknown>): Promise<ToolRun>;
  recordUsage(usage: StepUsage): Promise<void>;
  onStep?(timing: StepTiming): void;
  signal?: AbortSignal;
}

export interface LlmAnswer {
  status: 'done' | 'step_limit' | 'budget' | 'failed';
  /** The final answer (done), or empty when the loop stopped early. */
  text: string;
  /** Everything the model said along the way, for a partial answer. */
  interim: string[];
  steps: number;
  tokens: number;
  /** True when the final answer was cut at max_tokens. */
  truncated?: boolean;
  failure?: LlmFailure;
}

/**
 * The tool-use loop: ask the model, run the tools it asks for through the caller's callback,
 * hand back the results, until it answers, the step limit or the token budget stops it.
 */
export class LlmLoop {
  constructor(private readonly options: LlmLoopOptions) {}

  async run(q: LlmQuestion): Promise<LlmAnswer> {
    const { maxSteps } = this.options;
    const tools = this.options.specs.specsFor(q.tools);
    const messages: MessageParam[] = [...q.history, { role: 'user', content: q.question }];
    const interim: string[] = [];
    let tokens = 0;
    for (let step = 1; step <= maxSteps; step++) {
      if (tokens >= q.budgetTokens)
        return { status: 'budget', text: '', interim, steps: step - 1, tokens };
      const started = performance.now();
      let response: Anthropic.Messages.Message;
      try {
        response = await this.callModel({ messages, tools, signal: q.signal });
      } catch (error) {
        const failure = classifyLlmError(error);
        if (!failure) throw error;
        return { status: 'failed', text: '', interim, steps: step, tokens, failure };
      }
      const modelMs = performance.now() - started;
      const usage = usageOf(response);
      tokens +=
        usage.inputTokens + usage.outputTokens + usage.cacheCreationTokens + usage.cacheReadTokens;
      await q.recordUsage(usage);

      const said = response.content
        .flatMap((b) => (b.type === 'text' ? [b.text] : []))
        .join('\n')
        .trim();
      const uses = response.content.filter(
        (b): b is Anthropic.Messages.ToolUseBlock => b.type === 'tool_use',
      );
      if (response.stop_reason !== 'tool_use' || uses.length === 0) {
        q.onStep?.({ step, modelMs, toolMs: 0, totalMs: performance.now() - started });
        const answer: LlmAnswer = { status: 'done', text: said, interim, steps: step, tokens };
        if (response.stop_reason === 'max_tokens') answer.truncated = true;
        return answer;
      }
      if (said) interim.push(said);
      messages.push({ role: 'assistant', content: response.content.map(toParam) });
      const toolStarted = performance.now();
      const results: ToolResultBlockParam[] = [];
      // One at a time: tool calls of one step often share a cluster, and order keeps the audit readable.
      for (const use of uses) {
        const run = await q.runTool(use.name, (use.input ?? {}) as Record<string, unknown>);
        results.push({
          type: 'tool_result',
          tool_use_id: use.id,
          content: run.content,
          ...(run.isError ? { is_error: true } : {}),
        });
      }
      const toolMs = performance.now() - toolStarted;
      messages.push({ role: 'user', content: results });
      q.onStep?.({ step, modelMs, toolMs, totalMs: performance.now() - started });
    }
    return { status: 'step_limit', text: '', interim, steps: maxSteps, tokens };
  }

  private async callModel(p: {
    messages: MessageParam[];
    tools: Anthropic.Messages.Tool[];
    signal?: AbortSignal;
  }): Promise<Anthropic.Messages.Message> {
    const { client, model } = this.options;
    const params: Anthropic.Messages.MessageCreateParamsNonStreaming = {
      model,
      max_tokens: this.options.maxOutputTokens ?? 2048,
      system: [{ type: 'text', text: systemPrompt, cache_control: { type: 'ephemeral' } }],
      tools: p.tools,
      messages: p.messages,
    };
    const requestOptions = p.signal ? { signal: p.signal } : undefined;
    const retries = this.options.streamRetries ?? 2;
    const sleep =
      this.options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
    for (let attempt = 0; ; attempt++) {
      try {
        if (this.options.streaming === false)
          return await client.messages.create(params, requestOptions);
        return await client.messages.stream(params, requestOptions).finalMessage();
      } catch (error) {
        const failure = classifyLlmError(error);
        // The SDK already retried HTTP statuses with back-off; only a broken stream is ours to retry.
        if (!failure || failure.kind !== 'unavailable' || !failure.streamed || attempt >= retries)
          throw error;
        const base = (this.options.retryDelayMs ?? 500) * 2 ** attempt;
        await sleep(base * (0.75 + Math.random() * 0.25));
      }
    }
  }
}

function usageOf(m: Anthropic.Messages.Message): StepUsage {
  return {
    inputTokens: m.usage.input_tokens ?? 0,
    outputTokens: m.usage.output_tokens ?? 0,
    cacheCreationTokens: m.usage.cache_creation_input_tokens ?? 0,
    cacheReadTokens: m.usage.cache_read_input_tokens ?? 0,
  };
}

/** Only the fields the API accepts back: text and tool_use as they were. */
function toParam(b: Anthropic.Messages.ContentBlock): ContentBlockParam {
  if (b.type === 'text') return { type: 'text', text: b.text };
  if (b.type === 'tool_use') return { type: 'tool_use', id: b.id, name: b.name, input: b.input };
  return b as ContentBlockParam;
}
