import type { UserError } from '../errors/user-error.js';
import type { Caller, ToolCall, ToolDefinition, ToolInvoker, ToolResult } from '../tools/types.js';
import type { ApprovalView } from './approval-card.js';

/**
 * What the agent reads of an `invoke` outcome. The contract's `InvokeOutcome` fits, and so does
 * the registry's own (which omits `tool`/`cluster` on `ok` and keeps times as numbers).
 */
export type AgentOutcome =
  | { status: 'ok'; result: ToolResult; tool?: string; cluster?: string }
  | { status: 'approval_required'; approval: ApprovalView }
  | { status: 'error'; error: UserError };

/** The registry as the agent uses it; the contract's `ToolInvoker` satisfies it. */
export interface AgentTools {
  list(caller: Caller): ToolDefinition[];
  invoke(call: ToolCall, caller: Caller): Promise<AgentOutcome>;
}

// Compile-time proof that the contract fits: this fails to type-check if `ToolInvoker` drifts.
const _contractFits: ToolInvoker extends AgentTools ? true : never = true;
