import { type z } from 'zod';

/** How to fix a schema problem, in words an operator can act on. Never echoes the value. */
export function fixFor(path: string, issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_value' && 'values' in issue) {
    return `use one of: ${issue.values.map(String).join(', ')}`;
  }
  if (issue.code === 'invalid_type') {
    const article = /^[aeiou]/.test(issue.expected) ? 'an' : 'a';
    return `set ${path || 'it'} to ${article} ${issue.expected}`;
  }
  if (issue.code === 'too_small' || issue.code === 'too_big') {
    return `choose a value for ${path} within the allowed range`;
  }
  if (issue.code === 'invalid_format')
    return `give ${path} in the expected format (${issue.format})`;
  return `correct ${path || 'the file'} (see ai4k8s.example.yaml)`;
}
