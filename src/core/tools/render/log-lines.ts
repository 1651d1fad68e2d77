import { RE2JS } from 're2js';
import { UserError } from '../../errors/user-error.js';

/**
 * Compiles a grep pattern with RE2 (linear time in the input, so `(a+)+$` on a long line cannot
 * hang the process). Throws `UserError` for a pattern RE2 cannot read.
 */
export function compileGrep(pattern: string): (line: string) => boolean {
  let re: RE2JS;
  try {
    re = RE2JS.compile(pattern);
  } catch (error) {
    const description =
      (error as { getDescription?: () => string }).getDescription?.() ?? (error as Error).message;
    throw new UserError(
      'bad-input',
      `grep pattern "${pattern}" is not a valid regular expression: ${description}.`,
      'Use RE2 syntax (no backreferences or lookaheads); escape special characters such as \\( \\[ \\. and use (?i) to ignore case.',
    );
  }
  return (line) => re.test(line);
}

export interface LogLine {
  text: string;
  /** How many identical consecutive lines this one stands for. */
  repeat: number;
}

/** Collapses runs of identical consecutive lines into one with a count. */
export function collapseRepeats(lines: readonly string[]): LogLine[] {
  const result: LogLine[] = [];
  for (const text of lines) {
    const last = result[result.length - 1];
    if (last && last.text === text) last.repeat++;
    else result.push({ text, repeat: 1 });
  }
  return result;
}

/* eslint-disable no-control-regex -- matching control characters is the point */
const ansiEscape = /\u001b\[[0-9;?]*[ -/]*[@-~]/g;
const controlChars = /[\u0000-\u0008\u000b-\u001f\u007f]/g;
/* eslint-enable no-control-regex */

/** One log line for the text answer: ANSI colours and control characters out, long lines cut. */
export function printableLine(line: LogLine, maxChars = 1000): string {
  let text = line.text.replace(ansiEscape, '').replace(controlChars, ' ');
  if (text.length > maxChars)
    text = `${text.slice(0, maxChars)}… (${text.length - maxChars} more characters)`;
  return line.repeat > 1 ? `${text} (x${line.repeat})` : text;
}

/** Splits a log body into lines, without the empty string after a final newline. */
export function splitLines(body: string): string[] {
  if (body === '') return [];
  const lines = body.split(/\r?\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}
