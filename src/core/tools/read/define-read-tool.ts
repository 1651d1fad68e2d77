import type { z } from 'zod';
import type { ToolContext, ToolDefinition, ToolResult } from '../types.js';

interface ReadToolSpec<Schema extends z.ZodObject> {
  name: string;
  title: string;
  description: string;
  input: Schema;
  run(input: z.infer<Schema>, ctx: ToolContext): Promise<ToolResult>;
}

/** A read tool: risk class `read` for every call, read-only for MCP clients. */
export function defineReadTool<Schema extends z.ZodObject>(
  spec: ReadToolSpec<Schema>,
): ToolDefinition<Schema> {
  return {
    ...spec,
    // A Kubernetes cluster is a closed domain for MCP's purposes, not the open web.
    annotations: { readOnlyHint: true, destructiveHint: false, openWorldHint: false },
    risk: () => 'read',
    maxRisk: 'read',
  };
}
