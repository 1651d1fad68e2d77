import { UserError } from '../../errors/user-error.js';
import type { ChatCommand, CommandTable } from './command-table.js';
import { parseArgs, type ParsedArgs } from './parse-args.js';
import { splitCommandLine } from './split-line.js';

export type ClassifiedLine =
  | { kind: 'command'; command: ChatCommand; args: ParsedArgs }
  /** A command word with arguments that do not parse: the error says how to fix them. */
  | { kind: 'bad-command'; command: ChatCommand; error: UserError }
  /** Looks like a command but is none: the suggestions are the likely intended ones. */
  | { kind: 'unknown-command'; word: string; suggestions: string[] }
  | { kind: 'question'; text: string };

const flagLike = /(^|\s)--?[a-zA-Z]/;

/**
 * Decides whether a line is a direct command or a question. A known command word whose
 * arguments do not parse is read as a question when it is phrased like one ("logs of checkout
 * please", "top pods by memory?"), so people can talk naturally without tripping the grammar.
 */
export function classifyLine(text: string, table: CommandTable): ClassifiedLine {
  const line = text.trim();
  const match = /^(\S+)\s*([\s\S]*)$/.exec(line);
  if (!match) return { kind: 'question', text: line };
  const word = (match[1] as string).toLowerCase();
  const rest = match[2] as string;
  const command = table.get(word);
  if (command) {
    if (command.raw)
      return { kind: 'command', command, args: { flags: {}, positionals: [rest.trim()] } };
    try {
      const words = rest.trim() === '' ? [] : splitCommandLine(rest);
      return { kind: 'command', command, args: parseArgs(command.name, words, command.args) };
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      if (looksLikeSentence(line)) return { kind: 'question', text: line };
      return { kind: 'bad-command', command, error };
    }
  }
  if (!looksLikeSentence(line) || flagLike.test(line)) {
    const suggestions = table.suggest(word);
    if (suggestions.length > 0) return { kind: 'unknown-command', word, suggestions };
  }
  return { kind: 'question', text: line };
}

/** A question mark, or three or more words and no flags: a person talking, not a command. */
function looksLikeSentence(line: string): boolean {
  if (flagLike.test(line)) return false;
  return line.includes('?') || line.split(/\s+/).length >= 3;
}
