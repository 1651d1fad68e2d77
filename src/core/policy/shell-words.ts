// Splits a command line into argv the way a POSIX shell would quote it, without ever running a
// shell. Anything that would make a shell do more than split words is refused, because such input
// signals that the caller expects pipes, redirects or substitution that will never happen.

export const MAX_COMMAND_LENGTH = 2_000;

export type ShellWordsErrorCode =
  | 'empty'
  | 'too-long'
  | 'nul'
  | 'control-character'
  | 'shell-metacharacter'
  | 'unterminated-quote'
  | 'trailing-backslash';

export interface ShellWordsError {
  code: ShellWordsErrorCode;
  message: string;
  /** Zero-based index into the input where the problem was found. */
  index?: number;
}

export type ShellWordsResult = { ok: true; argv: string[] } | { ok: false; error: ShellWordsError };

export const NO_SHELL_MESSAGE =
  'AI4K8s runs kubectl without a shell; pipes, redirects and command substitution are not supported';

const METACHARACTERS: Record<string, string> = {
  ';': "';' (command separator)",
  '|': "'|' (pipe)",
  '&': "'&' (background or &&)",
  '>': "'>' (redirect)",
  '<': "'<' (redirect)",
  '`': "'`' (command substitution)",
  '(': "'(' (subshell)",
  ')': "')' (subshell)",
  '\n': 'a line break (a second command)',
};

function fail(code: ShellWordsErrorCode, message: string, index?: number): ShellWordsResult {
  return { ok: false, error: { code, message, index } };
}

function isControl(code: number): boolean {
  return (code < 0x20 && code !== 0x09) || (code >= 0x7f && code <= 0x9f);
}

function describeChar(ch: string): string {
  return `U+${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
}

function shellRefusal(what: string, index: number): ShellWordsResult {
  return fail(
    'shell-metacharacter',
    `${NO_SHELL_MESSAGE} (found ${what} at column ${index + 1}). ` +
      "Run one kubectl command at a time; quote a value with '...' if the character belongs to it.",
    index,
  );
}

/** `$(`, `${`, `$NAME`, `$1`: a shell would substitute these; we would pass them on literally. */
function substitutionAt(line: string, index: number): string | undefined {
  const next = line[index + 1] ?? '';
  if (next === '(') return "'$(' (command substitution)";
  if (next === '{' || /^[A-Za-z_0-9?!#*@$-]$/.test(next)) return `'$${next}' (variable expansion)`;
  return undefined;
}

export function splitShellWords(line: string, maxLength = MAX_COMMAND_LENGTH): ShellWordsResult {
  if (line.length > maxLength) {
    return fail(
      'too-long',
      `The command is ${line.length} characters; the limit is ${maxLength}. ` +
        'Shorten it, for example with a label selector (-l app=web) instead of a list of names.',
    );
  }
  const nul = line.indexOf('\0');
  if (nul >= 0)
    return fail(
      'nul',
      `The command contains a NUL character at column ${nul + 1}; remove it.`,
      nul,
    );

  const argv: string[] = [];
  let word = '';
  let inWord = false;
  let quote: "'" | '"' | undefined;
  let quoteStart = 0;

  for (let i = 0; i < line.length; i++) {
    const ch = line[i] as string;
    const code = line.charCodeAt(i);
    if (isControl(code)) {
      if (ch === '\n' && quote === undefined)
        return shellRefusal(METACHARACTERS['\n'] as string, i);
      return fail(
        'control-character',
        `The command contains the control character ${describeChar(ch)} at column ${i + 1}; ` +
          'type the command on one line with plain characters.',
        i,
      );
    }
    if (quote === "'") {
      if (ch === "'") quote = undefined;
      else word += ch;
      continue;
    }
    if (quote === '"') {
      if (ch === '"') {
        quote = undefined;
      } else if (ch === '\\') {
        const next = line[i + 1];
        if (next !== undefined && '$`"\\'.includes(next)) {
          word += next;
          i++;
        } else {
          word += ch;
        }
      } else if (ch === '`') {
        return shellRefusal(METACHARACTERS['`'] as string, i);
      } else if (ch === '$' && substitutionAt(line, i)) {
        return shellRefusal(substitutionAt(line, i) as string, i);
      } else {
        word += ch;
      }
      continue;
    }
    if (ch === ' ' || ch === '\t') {
      if (inWord) argv.push(word);
      word = '';
      inWord = false;
      continue;
    }
    if (ch === "'" || ch === '"') {
      quote = ch;
      quoteStart = i;
      inWord = true;
      continue;
    }
    if (ch === '\\') {
      const next = line[i + 1];
      if (next === undefined) {
        return fail(
          'trailing-backslash',
          'The command ends with a backslash; remove it or escape the character you meant.',
          i,
        );
      }
      // A control character after the backslash is caught on the next iteration.
      if (!isControl(line.charCodeAt(i + 1))) {
        word += next;
        inWord = true;
        i++;
      }
      continue;
    }
    const meta = METACHARACTERS[ch];
    if (meta) return shellRefusal(meta, i);
    if (ch === '$' && substitutionAt(line, i))
      return shellRefusal(substitutionAt(line, i) as string, i);
    word += ch;
    inWord = true;
  }

  if (quote !== undefined) {
    return fail(
      'unterminated-quote',
      `The ${quote === "'" ? 'single' : 'double'} quote at column ${quoteStart + 1} is never closed; ` +
        `add the closing ${quote}.`,
      quoteStart,
    );
  }
  if (inWord) argv.push(word);
  if (argv.length === 0)
    return fail('empty', 'The command is empty; type a kubectl command such as "get pods".');
  return { ok: true, argv };
}
