import type Anthropic from '@anthropic-ai/sdk';
import { z } from 'zod';
import type { ToolDefinition } from '../../tools/types.js';

type ToolSpec = Anthropic.Messages.Tool;

/**
 * The registry's tools in the Messages API shape: the same names, descriptions and JSON schemas
 * MCP clients see. The last one carries `cache_control`, which caches every tool definition
 * (the API caches the prefix up to the marked block). Converted once per distinct tool list.
 */
export class ToolSpecCache {
  private readonly cache = new Map<string, ToolSpec[]>();

  specsFor(tools: ToolDefinition[]): ToolSpec[] {
    const key = tools.map((t) => t.name).join(',');
    let specs = this.cache.get(key);
    if (!specs) {
      specs = tools.map(toSpec);
      const last = specs.at(-1);
      if (last) specs[specs.length - 1] = { ...last, cache_control: { type: 'ephemeral' } };
      this.cache.set(key, specs);
    }
    return specs;
  }
}

function toSpec(tool: ToolDefinition): ToolSpec {
  const schema = z.toJSONSchema(tool.input, { io: 'input', unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  // The API wants a bare object schema; the $schema marker is noise in every request.
  delete schema.$schema;
  return {
    name: tool.name,
    description: tool.description,
    input_schema: { ...schema, type: 'object' } as ToolSpec['input_schema'],
  };
}
