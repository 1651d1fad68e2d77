import { UserError } from '../../errors/user-error.js';
import { splitShellWords } from '../../policy/shell-words.js';

// Chat clients turn quotes into typographic ones; a user typing `--grep "a b"` means ASCII quotes.
const smartQuotes: Record<string, string> = {
  '\u201c': '"',
  '\u201d': '"',
  '\u2018': "'",
  '\u2019': "'",
};

export function normalizeQuotes(line: string): string {
  return line.replace(/[\u201c\u201d\u2018\u2019]/g, (q) => smartQuotes[q] ?? q);
}

/**
 * Splits a chat command into words with the same rules `execute_kubectl` uses for its command
 * line, so `logs web --grep "a b"` and `kubectl logs web | grep` behave alike in both places.
 */
export function splitCommandLine(line: string): string[] {
  const result = splitShellWords(normalizeQuotes(line).trim());
  if (!result.ok) throw new UserError('bad-input', result.error.message);
  return result.argv;
}
