import type { Config } from '../../config/schema.js';
import { UserError } from '../../errors/user-error.js';
import type { Cluster } from '../../kube/cluster.js';
import type { Logger } from '../../log/logger.js';
import { canInvoke, type Risk } from '../../policy/roles.js';
import { redactObject, redactText } from '../../policy/redact.js';
import type { ApprovalsRepo } from '../../store/repos/approvals.js';
import type { AuditRepo } from '../../store/repos/audit.js';
import type {
  Caller,
  InvokeOutcome,
  ToolCall,
  ToolDefinition,
  ToolInvoker,
  ToolResult,
  ToolServices,
} from '../types.js';
import { ApprovalService } from './approval-service.js';
import { resolveClusterName, splitArgs, type ClusterNames } from './call-target.js';
import { canonicalJson } from './canonical-json.js';
import { fitToBudget } from './fit-budget.js';
import { runWithTimeout } from './run-with-timeout.js';
import { toInvokeError } from './to-invoke-error.js';
import { validateInput } from './validate-input.js';

export type { InvokeOutcome };

/** A tool whose cheapest call is less risky than its `maxRisk` (execute_kubectl: `get` is read). */
export type RegisteredTool = ToolDefinition & { minRisk?: Risk };

/** The clusters the registry needs: the kube layer's `ClusterRegistry` fits. */
export interface ClusterSource extends ClusterNames {
  get(name?: string): Promise<Cluster>;
}

export interface ToolRegistryOptions {
  tools: RegisteredTool[];
  clusters: ClusterSource;
  approvals: ApprovalsRepo;
  audit: AuditRepo;
  logger: Logger;
  config: Pick<Config, 'tools' | 'approvals' | 'kubectl'>;
  services: ToolServices;
  now?: () => number;
}

export interface InvokeOptions {
  /** Cancels the call (a chat user gave up, the MCP client disconnected). */
  signal?: AbortSignal;
}

/**
 * The one chokepoint: every surface calls `invoke`, which validates, authorizes, checks the
 * approval of writes and execs, runs with a deadline, redacts, fits the output budget and audits.
 * It never throws for user errors: the outcome says what happened.
 */
export class ToolRegistry implements ToolInvoker {
  readonly approvals: ApprovalService;
  private readonly tools = new Map<string, RegisteredTool>();
  private readonly now: () => number;

  constructor(private readonly options: ToolRegistryOptions) {
    for (const tool of options.tools) {
      if (this.tools.has(tool.name)) throw new Error(`two tools are named ${tool.name}`);
      this.tools.set(tool.name, tool);
    }
    this.now = options.now ?? Date.now;
    this.approvals = new ApprovalService({
      repo: options.approvals,
      audit: options.audit,
      logger: options.logger,
      config: options.config.approvals,
      now: this.now,
    });
  }

  /** The tools this caller's role could ever use (every role may use execute_kubectl's read verbs). */
  list(caller: Caller): RegisteredTool[] {
    return [...this.tools.values()].filter((tool) =>
      canInvoke(caller.role, tool.minRisk ?? tool.maxRisk),
    );
  }

  get(name: string): RegisteredTool | undefined {
    return this.tools.get(name);
  }

  /** Runs an approved request exactly as stored (what an approve button does after deciding). */
  async invokeApproved(
    approvalId: string,
    caller: Caller,
    options: InvokeOptions = {},
  ): Promise<InvokeOutcome> {
    const approval = await this.approvals.get(approvalId);
    if (!approval) {
      const error = new UserError('not-found', `There is no approval request ${approvalId}.`);
      await this.audit(
        caller,
        { tool: '', args: undefined },
        `error:${error.kind}`,
        this.now(),
        error.message,
      );
      return { status: 'error', error };
    }
    return this.invoke(
      { tool: approval.tool, args: approval.args, cluster: approval.cluster, approvalId },
      caller,
      options,
    );
  }

  async invoke(
    call: ToolCall,
    caller: Caller,
    options: InvokeOptions = {},
  ): Promise<InvokeOutcome> {
    const startedAt = this.now();
    const audit = { tool: call.tool, args: safeArgs(call.args), cluster: call.cluster };
    let approvalId: string | undefined;
    try {
      const tool = this.tools.get(call.tool);
      if (!tool) {
        throw new UserError(
          'not-found',
          `There is no tool named "${call.tool}".`,
          `Tools: ${[...this.tools.keys()].join(', ')}.`,
        );
      }
      const { args, cluster: argCluster, approvalId: argApproval } = splitArgs(call.args);
      const clusterName = resolveClusterName(this.options.clusters, call.cluster, argCluster);
      audit.cluster = clusterName;
      const input = validateInput(tool.name, tool.input, args);
      audit.args = safeArgs(input);
      const risk = tool.risk(input);
      if (!canInvoke(caller.role, risk)) {
        throw new UserError(
          'forbidden',
          `Your role (${caller.role}) may not make ${risk} calls such as this ${tool.name}.`,
          risk === 'read' ? undefined : `Ask someone whose role allows ${risk} calls.`,
        );
      }
      if (risk !== 'read') {
        const stored = {
          tool: tool.name,
          argsJson: canonicalJson(input),
          cluster: clusterName,
          risk,
        };
        approvalId = call.approvalId ?? argApproval;
        if (approvalId === undefined) {
          const approval = await this.approvals.request(stored, caller);
          await this.audit(caller, audit, 'approval_required', startedAt, approval.id);
          return { status: 'approval_required', approval };
        }
        await this.approvals.consume(approvalId, stored, caller);
      }
      const cluster = await this.options.clusters.get(clusterName);
      const result = await this.run(tool, input, cluster, call.budgetTokens, options.signal);
      await this.audit(caller, audit, 'ok', startedAt, approvalId);
      return { status: 'ok', tool: tool.name, cluster: clusterName, result };
    } catch (thrown) {
      const error = toInvokeError(thrown, {
        tool: call.tool,
        cluster: audit.cluster,
        caller,
        logger: this.options.logger,
      });
      await this.audit(
        caller,
        audit,
        `error:${error.kind}`,
        startedAt,
        [approvalId, error.message].filter(Boolean).join(': '),
      );
      return { status: 'error', error };
    }
  }

  private async run(
    tool: RegisteredTool,
    input: Record<string, unknown>,
    cluster: Cluster,
    requestedBudget: number | undefined,
    signal: AbortSignal | undefined,
  ): Promise<ToolResult> {
    const { outputBudgetTokens, maxOutputBudgetTokens } = this.options.config.tools;
    const budgetTokens = Math.min(
      Math.max(requestedBudget ?? outputBudgetTokens, 200),
      maxOutputBudgetTokens,
    );
    const result = await runWithTimeout({
      timeoutMs: timeoutFor(input, this.options.config.kubectl.timeoutSeconds),
      what: tool.name,
      signal,
      work: (timeoutSignal) =>
        tool.run(input, {
          cluster,
          budgetTokens,
          signal: timeoutSignal,
          logger: this.options.logger.child({ tool: tool.name, cluster: cluster.name }),
          services: this.options.services,
        }),
    });
    // Redaction happens here, once, whatever the tool did: nothing leaves unredacted.
    const text = redactText(result.text);
    return {
      text: fitToBudget(text, budgetTokens, maxOutputBudgetTokens),
      data: redactObject(result.data),
      ...(result.page ? { page: result.page } : {}),
    };
  }

  private async audit(
    caller: Caller,
    call: { tool: string; args: unknown; cluster?: string },
    outcome: string,
    startedAt: number,
    detail?: string,
  ): Promise<void> {
    try {
      await this.options.audit.record({
        at: startedAt,
        actor: caller.id,
        role: caller.role,
        surface: caller.surface,
        action: 'tool.invoke',
        tool: call.tool,
        args: call.args,
        cluster: call.cluster,
        outcome,
        durationMs: this.now() - startedAt,
        detail: detail && redactText(detail),
      });
    } catch (error) {
      this.options.logger.error(
        { err: error, tool: call.tool, actor: caller.id },
        'could not write an audit row',
      );
    }
  }
}

function safeArgs(args: unknown): unknown {
  try {
    return redactObject(args);
  } catch {
    return '<unreadable arguments>';
  }
}

/** Tools that take `timeoutSeconds` get it plus a margin; others the kubectl timeout. */
function timeoutFor(input: unknown, defaultSeconds: number): number {
  const own = (input as { timeoutSeconds?: unknown }).timeoutSeconds;
  const seconds = typeof own === 'number' ? Math.max(defaultSeconds, own + 15) : defaultSeconds;
  return seconds * 1000;
}
