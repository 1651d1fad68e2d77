import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import {
  CallToolRequestSchema,
  ListToolsRequestSchema,
  type CallToolResult,
} from '@modelcontextprotocol/sdk/types.js';
import type { Logger } from '../core/log/logger.js';
import type { Caller } from '../core/tools/types.js';
import { errorResult, outcomeToResult } from './call-result.js';
import type { McpInvoker } from './mcp-invoker.js';
import { isWriteCall, prepareCall, visibleTools } from './tool-access.js';
import { ToolSchemaCache } from './tool-schema.js';

export interface McpServerOptions {
  invoker: McpInvoker;
  caller: Caller;
  /** `mcp.allowWrites`: write and exec calls become approval requests instead of being refused. */
  allowWrites: boolean;
  /** `ai4k8s mcp --cluster NAME`: the cluster of calls that name none. */
  defaultCluster?: string;
  logger: Logger;
  version: string;
  /** Shared by the servers of one endpoint (HTTP builds a server per request). */
  schemas?: ToolSchemaCache;
}

const instructions =
  'AI4K8s: read-mostly tools for Kubernetes clusters (pods, services, deployments, logs, metrics, ' +
  'kubectl read verbs). Every call passes the same policy, secret redaction and output budget as ' +
  'chat. Write and exec calls need a human approval: the result gives an approval id to retry with.';

/** One MCP server bound to one caller: its role decides what is listed and what may run. */
export function createMcpServer(options: McpServerOptions): Server {
  const server = new Server(
    { name: 'ai4k8s', title: 'AI4K8s', version: options.version },
    { capabilities: { tools: { listChanged: false } }, instructions },
  );

  const schemas = options.schemas ?? new ToolSchemaCache();
  server.setRequestHandler(ListToolsRequestSchema, () => ({
    tools: visibleTools(options.invoker, options.caller, options.allowWrites).map((tool) =>
      schemas.get(tool, { approvals: options.allowWrites }),
    ),
  }));

  server.setRequestHandler(CallToolRequestSchema, async (request, extra) => {
    const { name, arguments: args = {} } = request.params;
    try {
      return await callTool(options, name, args, extra.signal);
    } catch (error) {
      // The registry answers user errors as values; anything thrown is ours to log, not to show.
      options.logger.error(
        { err: error, tool: name, caller: options.caller.id },
        'MCP tool call failed',
      );
      return errorResult(
        `${name} failed with an internal error. Try again; if it keeps failing, the server log has the details.`,
      );
    }
  });

  return server;
}

async function callTool(
  options: McpServerOptions,
  name: string,
  args: Record<string, unknown>,
  signal: AbortSignal,
): Promise<CallToolResult> {
  const { invoker, caller, allowWrites } = options;
  const visible = visibleTools(invoker, caller, allowWrites);
  const tool = visible.find((t) => t.name === name);
  if (!tool)
    return unknownToolResult(
      invoker,
      options,
      name,
      visible.map((t) => t.name),
    );

  const prepared = prepareCall(tool, args, options.defaultCluster);
  if (!prepared.ok) return errorResult(`${prepared.message} Call tools/list for the input schema.`);
  if (!allowWrites && isWriteCall(tool, prepared.call.args)) return writesOffResult(name);

  return outcomeToResult(await invoker.invoke(prepared.call, caller, { signal }));
}

function unknownToolResult(
  invoker: McpInvoker,
  options: McpServerOptions,
  name: string,
  visible: string[],
): CallToolResult {
  if (invoker.list(options.caller).some((t) => t.name === name)) return writesOffResult(name);
  return errorResult(
    `There is no tool "${name}" for your role (${options.caller.role}). ` +
      `Available tools: ${visible.join(', ') || 'none'}. Call tools/list for their input schemas.`,
  );
}

function writesOffResult(name: string): CallToolResult {
  return errorResult(
    `${name}: write and exec calls are turned off over MCP on this server, so this call was not run. ` +
      'Run it from chat or the dashboard, or ask the operator to set `mcp.allowWrites: true` in the ' +
      'AI4K8s config (every such call then still needs a human approval).',
  );
}
