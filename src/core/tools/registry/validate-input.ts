import type { z } from 'zod';
import { UserError } from '../../errors/user-error.js';

/** Parses a tool's arguments; a failure names every bad field and says what was expected. */
export function validateInput<S extends z.ZodObject>(
  tool: string,
  schema: S,
  args: unknown,
): z.infer<S> {
  const parsed = schema.safeParse(args);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => {
    const field = issue.path.length > 0 ? `\`${issue.path.map(String).join('.')}\`` : 'arguments';
    return `${field}: ${issue.message}`;
  });
  const known = Object.keys(schema.shape).join(', ');
  throw new UserError(
    'bad-input',
    `Invalid arguments for ${tool}: ${problems.join('; ')}.`,
    known ? `It takes: ${known}.` : undefined,
  );
}
