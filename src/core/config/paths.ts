import { z } from 'zod';
import { configSchema } from './schema.js';

/** Every leaf setting as a dotted path (`clusters[].name`), for docs that must stay in step. */
export function listConfigPaths(schema: z.ZodType = configSchema, prefix = ''): string[] {
  const inner = unwrap(schema);
  if (inner instanceof z.ZodObject) {
    return Object.entries(inner.shape as Record<string, z.ZodType>).flatMap(([key, child]) =>
      listConfigPaths(child, prefix ? `${prefix}.${key}` : key),
    );
  }
  if (inner instanceof z.ZodArray) {
    const element = unwrap(inner.element as z.ZodType);
    if (element instanceof z.ZodObject) return listConfigPaths(element, `${prefix}[]`);
  }
  return [prefix];
}

function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  for (;;) {
    const def = current._zod.def as { type: string; innerType?: z.ZodType; in?: z.ZodType };
    if (def.innerType) current = def.innerType;
    else if (def.type === 'pipe' && def.in) current = def.in;
    else return current;
  }
}
