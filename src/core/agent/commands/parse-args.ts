import { UserError } from '../../errors/user-error.js';
import { parseDurationSeconds } from './duration.js';
import { closest } from './levenshtein.js';

export type FlagType = 'string' | 'boolean' | 'int' | 'duration';

/** One kubectl-style flag: `--namespace shop`, `--namespace=shop`, `-n shop`, `-nshop`. */
export interface FlagSpec {
  /** Key in the parsed result. */
  name: string;
  long: string;
  short?: string;
  type: FlagType;
  /** Placeholder shown in help, e.g. `NS`. */
  value?: string;
  description: string;
}

export interface PositionalSpec {
  name: string;
  required: boolean;
  description: string;
}

export interface ArgsSpec {
  flags: FlagSpec[];
  positionals: PositionalSpec[];
  /** Words after `--` are kept as-is (exec's command, run's command). */
  acceptsRest?: boolean;
}

export type FlagValue = string | number | boolean;

export interface ParsedArgs {
  flags: Record<string, FlagValue>;
  positionals: string[];
  rest?: string[];
}

/** Parses words (already tokenized) against a command's flag spec, with clear errors. */
export function parseArgs(command: string, words: string[], spec: ArgsSpec): ParsedArgs {
  const flags: Record<string, FlagValue> = {};
  const positionals: string[] = [];
  let rest: string[] | undefined;
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as string;
    if (word === '--') {
      if (!spec.acceptsRest) {
        throw new UserError(
          'bad-input',
          `\`${command}\` takes nothing after \`--\`.`,
          `See \`help ${command}\`.`,
        );
      }
      rest = words.slice(i + 1);
      break;
    }
    if (!word.startsWith('-') || word === '-' || /^-\d/.test(word)) {
      positionals.push(word);
      continue;
    }
    const { flag, inline } = findFlag(command, word, spec);
    if (flag.type === 'boolean') {
      flags[flag.name] = inline === undefined ? true : parseBool(command, flag, inline);
      continue;
    }
    let raw = inline;
    if (raw === undefined) {
      const next = words[i + 1];
      if (next === undefined || next === '--') {
        throw new UserError(
          'bad-input',
          `${flagLabel(flag)} needs a value.`,
          `Write ${flagLabel(flag)} ${flag.value ?? 'VALUE'}.`,
        );
      }
      raw = next;
      i++;
    }
    flags[flag.name] = convert(flag, raw);
  }
  const required = spec.positionals.filter((p) => p.required);
  if (positionals.length < required.length) {
    const missing = required[positionals.length] as PositionalSpec;
    throw new UserError(
      'bad-input',
      `\`${command}\` needs ${missing.name}.`,
      `See \`help ${command}\`.`,
    );
  }
  if (positionals.length > spec.positionals.length) {
    const extra = positionals[spec.positionals.length] as string;
    throw new UserError(
      'bad-input',
      `\`${command}\` does not take "${extra}".`,
      `See \`help ${command}\`.`,
    );
  }
  return rest === undefined ? { flags, positionals } : { flags, positionals, rest };
}

function findFlag(
  command: string,
  word: string,
  spec: ArgsSpec,
): { flag: FlagSpec; inline?: string } {
  if (word.startsWith('--')) {
    const eq = word.indexOf('=');
    const name = word.slice(2, eq < 0 ? undefined : eq);
    const flag = spec.flags.find((f) => f.long === name);
    if (!flag) throw unknownFlag(command, word, spec);
    return eq < 0 ? { flag } : { flag, inline: word.slice(eq + 1) };
  }
  const short = word[1] as string;
  const flag = spec.flags.find((f) => f.short === short);
  if (!flag) throw unknownFlag(command, word, spec);
  const attached = word.slice(2).replace(/^=/, '');
  if (attached === '') return { flag };
  if (flag.type === 'boolean') throw unknownFlag(command, word, spec);
  return { flag, inline: attached };
}

function unknownFlag(command: string, word: string, spec: ArgsSpec): UserError {
  const bare = word.replace(/^-+/, '').split('=')[0] as string;
  const guess = closest(
    bare,
    spec.flags.map((f) => f.long),
  )[0];
  const known = spec.flags.map(flagLabel).join(', ');
  return new UserError(
    'bad-input',
    `\`${command}\` has no flag ${word.split('=')[0]}.${guess ? ` Did you mean \`--${guess}\`?` : ''}`,
    known ? `Its flags: ${known}.` : `It takes no flags; see \`help ${command}\`.`,
  );
}

function convert(flag: FlagSpec, raw: string): FlagValue {
  if (flag.type === 'int') {
    if (!/^\d+$/.test(raw)) {
      throw new UserError(
        'bad-input',
        `${flagLabel(flag)} takes a whole number, not "${raw}".`,
        `For example ${flagLabel(flag)} 50.`,
      );
    }
    return Number(raw);
  }
  if (flag.type === 'duration') return parseDurationSeconds(raw, `duration for ${flagLabel(flag)}`);
  return raw;
}

function parseBool(command: string, flag: FlagSpec, raw: string): boolean {
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  throw new UserError(
    'bad-input',
    `${flagLabel(flag)} is a switch; write it alone or =true/=false.`,
    `See \`help ${command}\`.`,
  );
}

export function flagLabel(flag: FlagSpec): string {
  return flag.short ? `-${flag.short}/--${flag.long}` : `--${flag.long}`;
}
