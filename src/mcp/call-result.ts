import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { UserError } from '../core/errors/user-error.js';
import type { ToolResult } from '../core/tools/types.js';
import type { McpApproval, McpInvokeOutcome } from './mcp-invoker.js';

/** A registry outcome as an MCP tool result: failures are `isError` results, never protocol errors. */
export function outcomeToResult(outcome: McpInvokeOutcome): CallToolResult {
  switch (outcome.status) {
    case 'ok':
      return okResult(outcome.result);
    case 'approval_required':
      return approvalResult(outcome.approval);
    case 'error':
      return userErrorResult(outcome.error);
  }
}

function okResult(result: ToolResult): CallToolResult {
  const structured = asObject(result.data);
  return {
    content: [{ type: 'text', text: result.text }],
    ...(structured ? { structuredContent: structured } : {}),
  };
}

/** MCP wants `structuredContent` to be an object; lists and scalars are wrapped. */
function asObject(data: unknown): Record<string, unknown> | undefined {
  if (data === undefined || data === null) return undefined;
  if (typeof data === 'object' && !Array.isArray(data)) return data as Record<string, unknown>;
  return { result: data };
}

/**
 * Not an error: the call is parked until a human decides. The text says who may approve it and
 * how, and what to send back, so an agent can relay it and retry without guessing.
 */
function approvalResult(approval: McpApproval): CallToolResult {
  const expiresAt = new Date(approval.expiresAt).toISOString();
  const text = [
    `Approval required: ${approval.tool} on cluster ${approval.cluster} is a ${approval.risk} call, so it does not run until a human with the ${approval.requiredRole} role approves it.`,
    `Approval id: ${approval.id} (expires ${expiresAt}).`,
    `To approve: open it in the AI4K8s dashboard, press Approve on its card in chat, or run \`ai4k8s approve ${approval.id}\`.`,
    `Then call ${approval.tool} again with the same arguments plus "approvalId": "${approval.id}". It runs once, exactly as approved.`,
  ].join('\n');
  return {
    content: [{ type: 'text', text }],
    structuredContent: {
      status: 'approval_required',
      approvalId: approval.id,
      tool: approval.tool,
      args: approval.args,
      cluster: approval.cluster,
      risk: approval.risk,
      requiredRole: approval.requiredRole,
      expiresAt,
      approveWith: `ai4k8s approve ${approval.id}`,
    },
  };
}

export function userErrorResult(error: UserError): CallToolResult {
  return errorResult(error.toText());
}

export function errorResult(text: string): CallToolResult {
  return { isError: true, content: [{ type: 'text', text }] };
}
