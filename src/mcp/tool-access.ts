import { z } from 'zod';
import type { Caller, ToolCall, ToolDefinition } from '../core/tools/types.js';
import type { McpInvoker } from './mcp-invoker.js';
import { callArgumentNames } from './tool-schema.js';

/**
 * Tools this MCP caller may see. With writes off, only tools that have a read path stay listed:
 * those a viewer could use (the registry lists `execute_kubectl` for every role, for its read verbs).
 */
export function visibleTools(
  invoker: McpInvoker,
  caller: Caller,
  allowWrites: boolean,
): ToolDefinition[] {
  const tools = invoker.list(caller);
  if (allowWrites) return tools;
  const readable = new Set(invoker.list({ ...caller, role: 'viewer' }).map((t) => t.name));
  return tools.filter((t) => readable.has(t.name));
}

const callArguments = z.object({
  cluster: z.string().min(1, 'give a cluster name').optional(),
  approvalId: z.string().min(1, 'give the id from the approval message').optional(),
  budgetTokens: z.number().int('use a whole number of tokens').min(1).optional(),
});

export type PreparedCall = { ok: true; call: ToolCall } | { ok: false; message: string };

/** Splits the MCP arguments into the tool's own input and the call's cluster, approval and budget. */
export function prepareCall(
  tool: ToolDefinition,
  rawArgs: Record<string, unknown>,
  defaultCluster?: string,
): PreparedCall {
  const own = new Set(Object.keys(tool.input.shape));
  const args: Record<string, unknown> = {};
  const extra: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(rawArgs)) {
    const isCallArgument = (callArgumentNames as readonly string[]).includes(key) && !own.has(key);
    (isCallArgument ? extra : args)[key] = value;
  }
  const parsed = callArguments.safeParse(extra);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `\`${i.path.join('.')}\`: ${i.message}`);
    return { ok: false, message: `Invalid arguments for ${tool.name}: ${problems.join('; ')}.` };
  }
  // A tool that takes `cluster` itself still routes the call to that cluster.
  const ownCluster = typeof args.cluster === 'string' ? args.cluster : undefined;
  return {
    ok: true,
    call: {
      tool: tool.name,
      args,
      cluster: parsed.data.cluster ?? ownCluster ?? defaultCluster,
      approvalId: parsed.data.approvalId,
      budgetTokens: parsed.data.budgetTokens,
    },
  };
}

/**
 * True when this call would write or exec. Arguments that do not parse count as reads: the
 * registry then answers with its own bad-input message, which says more than we could.
 */
export function isWriteCall(tool: ToolDefinition, args: Record<string, unknown>): boolean {
  if (tool.maxRisk === 'read') return false;
  const parsed = tool.input.safeParse(args);
  if (!parsed.success) return false;
  try {
    return tool.risk(parsed.data) !== 'read';
  } catch {
    return false;
  }
}
