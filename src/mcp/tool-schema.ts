import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import type { ToolDefinition } from '../core/tools/types.js';

/** Arguments every MCP tool takes besides its own: they go into the ToolCall, not the tool's input. */
export const callArgumentNames = ['cluster', 'approvalId', 'budgetTokens'] as const;

export interface ToolSchemaOptions {
  /** Adds `approvalId` to tools that can write or exec (only when `mcp.allowWrites` is on). */
  approvals: boolean;
}

type JsonSchemaObject = Tool['inputSchema'];

/**
 * Tool descriptions are fixed for the life of the process, and generating JSON Schema costs
 * milliseconds per listing, so each is built once per (tool, approvals) pair.
 */
export class ToolSchemaCache {
  private readonly built = new WeakMap<ToolDefinition, Map<boolean, Tool>>();

  get(tool: ToolDefinition, options: ToolSchemaOptions): Tool {
    let byOption = this.built.get(tool);
    if (!byOption) this.built.set(tool, (byOption = new Map()));
    let schema = byOption.get(options.approvals);
    if (!schema) byOption.set(options.approvals, (schema = toMcpTool(tool, options)));
    return schema;
  }
}

/** The tool as an MCP client sees it: JSON Schema input from the zod schema, plus the call arguments. */
export function toMcpTool(tool: ToolDefinition, options: ToolSchemaOptions): Tool {
  const schema = inputSchemaOf(tool);
  const properties: Record<string, object> = { ...schema.properties };
  const own = new Set(Object.keys(tool.input.shape));
  if (!own.has('cluster')) {
    properties.cluster = {
      type: 'string',
      description: 'Cluster name as configured; defaults to the first configured cluster.',
    };
  }
  if (!own.has('budgetTokens')) {
    properties.budgetTokens = {
      type: 'integer',
      minimum: 200,
      description: 'Output budget of the text answer in tokens (default about 2,000).',
    };
  }
  // With writes off an approval could never be asked for, so the field would only mislead.
  if (!options.approvals || tool.maxRisk === 'read') delete properties.approvalId;
  else if (!own.has('approvalId')) {
    properties.approvalId = {
      type: 'string',
      description:
        'Id of an approved approval request for exactly this call. Call first without it to get one; ' +
        'a human approves it, then call again with the same arguments and this id.',
    };
  }
  const required = schema.required?.filter((name) => name in properties);
  return {
    name: tool.name,
    title: tool.title,
    description: tool.description,
    inputSchema: { ...schema, properties, ...(required ? { required } : {}) },
    annotations: { title: tool.title, ...tool.annotations },
  };
}

function inputSchemaOf(tool: ToolDefinition): JsonSchemaObject {
  // `io: 'input'` keeps fields with defaults optional, as a client may leave them out.
  const generated = z.toJSONSchema(tool.input, { io: 'input', unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  // The MCP default dialect is already 2020-12; some clients choke on an explicit `$schema`.
  delete generated.$schema;
  return { ...generated, type: 'object' } as JsonSchemaObject;
}
