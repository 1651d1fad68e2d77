import type { UserError } from '../core/errors/user-error.js';
import type { Caller, ToolCall, ToolDefinition, ToolResult } from '../core/tools/types.js';

/** What MCP shows of an approval request; the registry's `Approval` and the contract's `ApprovalRequest` fit. */
export interface McpApproval {
  id: string;
  tool: string;
  args: Record<string, unknown>;
  cluster: string;
  risk: 'write' | 'exec';
  requiredRole: string;
  expiresAt: Date | number;
}

export type McpInvokeOutcome =
  | { status: 'ok'; result: ToolResult }
  | { status: 'approval_required'; approval: McpApproval }
  | { status: 'error'; error: UserError };

/**
 * The part of the tool registry (`ToolInvoker`) that MCP calls, declared here where it is
 * consumed; `signal` lets a client's cancellation stop the tool.
 */
export interface McpInvoker {
  list(caller: Caller): ToolDefinition[];
  invoke(
    call: ToolCall,
    caller: Caller,
    options?: { signal?: AbortSignal },
  ): Promise<McpInvokeOutcome>;
}
