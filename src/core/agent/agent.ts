import type Anthropic from '@anthropic-ai/sdk';
import { randomBytes } from 'node:crypto';
import { UserError, isUserError } from '../errors/user-error.js';
import type { Logger } from '../log/logger.js';
import { errorMessage } from '../messages/build.js';
import type { CoreMessage } from '../messages/core-message.js';
import { redactText } from '../policy/redact.js';
import type { Queryable } from '../store/database.js';
import { AuditRepo } from '../store/repos/audit.js';
import { ConversationsRepo } from '../store/repos/conversations.js';
import { UsageRepo } from '../store/repos/usage.js';
import type { AgentConfig, AgentServices, ApprovalDesk } from './agent-services.js';
import type { AgentTools } from './agent-tools.js';
import { answerWithLlm } from './answer-with-llm.js';
import { originOf, type ChatRequest } from './chat-request.js';
import { createCommandContext, type CommandContext } from './command-context.js';
import { createBuiltinCommands } from './commands/builtin/index.js';
import { classifyLine } from './commands/classify-line.js';
import type { CommandTable } from './commands/command-table.js';
import { callerOf, noRoleMessage } from './caller.js';
import { callerId } from './conversation-key.js';
import { decideApproval, type DecisionRequest, type DecisionResult } from './decide-approval.js';
import { LlmLoop, type StepTiming } from './llm/llm-loop.js';
import { ToolSpecCache } from './llm/tool-specs.js';
import { ConversationMemory } from './memory.js';
import { answerOffline } from './offline/offline-answer.js';
import { presentUserError } from './present-outcome.js';
import { resolveCluster, type ClusterNames } from './resolve-cluster.js';
import { resolveRole } from './resolve-role.js';

export interface AgentOptions {
  config: AgentConfig;
  /** The tool registry (the contract's `ToolInvoker`). */
  tools: AgentTools;
  approvals: ApprovalDesk;
  clusters: ClusterNames;
  db: Queryable;
  logger: Logger;
  /** The Messages API client; without it questions go to the offline intent router. */
  anthropic?: Anthropic;
  /** Defaults to the built-in commands; other modules register theirs into it. */
  commands?: CommandTable;
  now?: () => number;
  /** Conversation memory kept per thread, in tokens. */
  memoryBudgetTokens?: number;
  llm?: {
    streaming?: boolean;
    maxOutputTokens?: number;
    streamRetries?: number;
    retryDelayMs?: number;
  };
  /** Called after each LLM step with its timings (benchmarks, metrics). */
  onLlmStep?: (timing: StepTiming) => void;
}

/**
 * Turns a chat line into an answer, the same way for Slack, Discord, the dashboard and the
 * terminal: resolves the user's role and the conversation's cluster, runs a direct command or
 * answers a question (Claude with the registry's tools, or the offline router), and audits it.
 */
export class Agent {
  readonly commands: CommandTable;
  private readonly services: AgentServices;
  private readonly memory: ConversationMemory;
  private readonly loop?: LlmLoop;

  constructor(private readonly options: AgentOptions) {
    this.commands = options.commands ?? createBuiltinCommands();
    const conversations = new ConversationsRepo(options.db);
    this.services = {
      config: options.config,
      tools: options.tools,
      approvals: options.approvals,
      clusters: options.clusters,
      conversations,
      usage: new UsageRepo(options.db),
      audit: new AuditRepo(options.db),
      commands: this.commands,
      logger: options.logger,
      now: options.now ?? Date.now,
    };
    this.memory = new ConversationMemory(conversations, options.memoryBudgetTokens ?? 4000);
    if (options.anthropic) {
      this.loop = new LlmLoop({
        client: options.anthropic,
        model: options.config.anthropic.model,
        maxSteps: options.config.anthropic.maxSteps,
        specs: new ToolSpecCache(),
        ...options.llm,
      });
    }
  }

  /** True when questions go to Claude; false when the offline router answers them. */
  get aiEnabled(): boolean {
    return this.loop !== undefined;
  }

  async handle(req: ChatRequest): Promise<CoreMessage[]> {
    const startedAt = this.services.now();
    const role = resolveRole({ ...req }, this.options.config);
    const caller = callerOf(req, role);
    const audit = {
      action: 'chat.command',
      tool: undefined as string | undefined,
      cluster: undefined as string | undefined,
    };
    let outcome = 'ok';
    let messages: CoreMessage[];
    let ctx: CommandContext | undefined;
    try {
      if (!caller) {
        audit.action = 'chat.refused';
        outcome = 'error:forbidden';
        messages = [noRoleMessage(req)];
      } else {
        const cluster = await resolveCluster(req, {
          clusters: this.services.clusters,
          conversations: this.services.conversations,
          channels: this.options.config.roles.channels,
        });
        audit.cluster = cluster.cluster;
        ctx = createCommandContext({
          request: req,
          caller,
          role,
          cluster,
          services: this.services,
        });
        ({ messages, action: audit.action, tool: audit.tool } = await this.dispatch(ctx));
        outcome = outcomeOf(ctx, messages);
      }
    } catch (error) {
      ({ messages, outcome } = this.failure(error, req));
      if (ctx && outcome === 'ok') outcome = outcomeOf(ctx, messages);
    }
    await this.rememberOrigins(messages, req);
    await this.audit({
      at: startedAt,
      actor: caller?.id ?? callerId(req.platform, req.userId),
      role: role.role,
      surface: req.platform,
      action: audit.action,
      tool: audit.tool,
      args: { text: redactText(req.text) },
      cluster: audit.cluster,
      outcome,
      durationMs: this.services.now() - startedAt,
    });
    return messages;
  }

  /**
   * A click on Approve or Deny (or the terminal's y/N): decided by the clicking user's role;
   * on approve the stored call runs as that user and the result goes where it was asked.
   */
  async decide(request: DecisionRequest): Promise<DecisionResult> {
    return decideApproval(request, {
      services: this.services,
      config: this.options.config,
      failure: (error) => this.failure(error, request.user).messages,
    });
  }

  private async dispatch(
    ctx: CommandContext,
  ): Promise<{ messages: CoreMessage[]; action: string; tool?: string }> {
    const line = classifyLine(ctx.request.text, this.commands);
    switch (line.kind) {
      case 'command':
        return {
          messages: await line.command.run(ctx, line.args),
          action: 'chat.command',
          tool: line.command.name,
        };
      case 'bad-command':
        throw line.error;
      case 'unknown-command': {
        const guesses = line.suggestions.map((s) => `\`${s}\``).join(' or ');
        throw new UserError(
          'bad-input',
          `There is no command \`${line.word}\`. Did you mean ${guesses}?`,
          'Type `help` for the list.',
        );
      }
      case 'question': {
        const help = this.commands.get('help');
        if (line.text === '' && help) {
          return {
            messages: await help.run(ctx, { flags: {}, positionals: [] }),
            action: 'chat.command',
            tool: 'help',
          };
        }
        const messages = this.loop
          ? await answerWithLlm(ctx, line.text, {
              loop: this.loop,
              memory: this.memory,
              onStep: this.options.onLlmStep,
            })
          : await answerOffline(ctx, line.text);
        return { messages, action: this.loop ? 'chat.question' : 'chat.question.offline' };
      }
    }
  }

  /** A user error becomes its reply; anything else is logged with context and answered generically. */
  private failure(
    error: unknown,
    who: { platform: string; userId: string },
  ): { messages: CoreMessage[]; outcome: string } {
    if (isUserError(error))
      return { messages: [presentUserError(error)], outcome: `error:${error.kind}` };
    const ref = randomBytes(4).toString('hex');
    this.services.logger.error(
      { err: error, ref, platform: who.platform, user: who.userId },
      'chat request failed',
    );
    return {
      messages: [
        errorMessage(
          `Something went wrong while answering (reference ${ref}).`,
          'It has been logged; try again, or use a direct command.',
        ),
      ],
      outcome: 'error:unexpected',
    };
  }

  private async rememberOrigins(messages: CoreMessage[], req: ChatRequest): Promise<void> {
    for (const m of messages) {
      if (!m.approvalId) continue;
      try {
        await this.services.conversations.saveOrigin(
          m.approvalId,
          originOf(req),
          this.services.now(),
        );
      } catch (error) {
        this.services.logger.error(
          { err: error, approval: m.approvalId },
          'could not store where an approval was asked',
        );
      }
    }
  }

  private async audit(entry: Parameters<AuditRepo['record']>[0]): Promise<void> {
    try {
      await this.services.audit.record(entry);
    } catch (error) {
      this.services.logger.error(
        { err: error, action: entry.action },
        'could not write the audit row of a chat line',
      );
    }
  }
}

function outcomeOf(ctx: CommandContext, messages: CoreMessage[]): string {
  if (messages.some((m) => m.approvalId)) return 'approval_required';
  if (ctx.calls.some((c) => c.status === 'error') || messages.some((m) => m.severity === 'error'))
    return 'error';
  return 'ok';
}
