// Reads the flags of a kubectl command the way pflag does (`--flag=v`, `--flag v`, `-xv`, `-x=v`,
// `-x v`, clustered booleans such as `-Aw`, `_` read as `-`) and refuses the ones not allowed.
import { checkNamespace, checkOutputFormat } from './kubectl-checks.js';
import {
  flagLabel,
  GLOBAL_FLAGS,
  normaliseFlagName,
  REFUSED_FLAGS,
  type FlagSpec,
  type RefusedFlag,
} from './kubectl-flags.js';
import { Refused, type GuardRefusal, type ParseState } from './kubectl-parse-state.js';

const BOOL_LITERALS = new Set([
  '1',
  't',
  'T',
  'TRUE',
  'true',
  'True',
  '0',
  'f',
  'F',
  'FALSE',
  'false',
  'False',
]);

/** Codes that name a refused flag; a value that is such a flag is refused as that flag. */
const REFUSED_FLAG_CODES = new Set<GuardRefusal>([
  'file-flag',
  'credential-flag',
  'local-write-flag',
  'raw',
  'stream',
  'scope',
]);

/** Finds the flag in the verb's tables first, then the global ones; refusals win at each level. */
function lookup(
  state: ParseState,
  matches: (f: { name: string; short?: string }) => boolean,
  typed: string,
): FlagSpec {
  const spec = state.spec;
  const refuse = (flag: RefusedFlag): never => {
    throw new Refused(flag.code, flag.reason);
  };
  const verbRefused = spec?.refused?.find(matches);
  if (verbRefused) refuse(verbRefused);
  const verbFlag = spec?.flags.find(matches);
  if (verbFlag) return verbFlag;
  const globalRefused = REFUSED_FLAGS.find(matches);
  if (globalRefused) refuse(globalRefused);
  const globalFlag = GLOBAL_FLAGS.find(matches);
  if (globalFlag) return globalFlag;
  if (!spec) {
    const where = state.group ? `after \`${state.group.group} <subcommand>\`` : 'after the command';
    throw new Refused(
      'flag',
      `${typed} is not allowed here; put flags ${where} (e.g. \`get pods -n shop\`).`,
    );
  }
  const allowed = [...GLOBAL_FLAGS, ...spec.flags].map(flagLabel).join(', ');
  throw new Refused(
    'flag',
    `${typed} is not a flag execute_kubectl allows for \`kubectl ${spec.verb}\`. Allowed: ${allowed}.`,
  );
}

export function parseLongFlag(state: ParseState, args: string[], i: number): number {
  const word = args[i] as string;
  const body = word.slice(2);
  if (body.startsWith('-') || body.startsWith('=')) {
    throw new Refused(
      'syntax',
      `'${word}' is not a flag kubectl understands; flags look like --name or --name=value.`,
    );
  }
  const eq = body.indexOf('=');
  const typedName = eq < 0 ? body : body.slice(0, eq);
  const flag = lookup(state, (f) => f.name === normaliseFlagName(typedName), `--${typedName}`);
  if (eq >= 0) {
    record(state, flag, body.slice(eq + 1));
    return i;
  }
  if (flag.type !== 'value') {
    record(state, flag, undefined);
    return i;
  }
  record(state, flag, takeValue(state, args, i, `--${typedName}`));
  return i + 1;
}

export function parseShortFlags(state: ParseState, args: string[], i: number): number {
  const word = args[i] as string;
  const body = word.slice(1);
  for (let j = 0; j < body.length; j++) {
    const ch = body[j] as string;
    const typed = body.length > 1 ? `-${ch} (in ${word})` : `-${ch}`;
    const flag = lookup(state, (f) => f.short === ch, typed);
    const rest = body.slice(j + 1);
    if (rest.startsWith('=')) {
      record(state, flag, rest.slice(1));
      return i;
    }
    if (flag.type !== 'value') {
      record(state, flag, undefined);
      continue;
    }
    if (rest.length > 0) {
      refuseAmbiguousCluster(state, ch, rest, word);
      record(state, flag, rest);
      return i;
    }
    record(state, flag, takeValue(state, args, i, `-${ch}`));
    return i + 1;
  }
  return i;
}

/**
 * kubectl reads `-nf` as namespace "f", but a reader sees `-n -f`; when the glued value starts with a
 * refused short flag, refuse it as that flag rather than guess. `-o` values are checked on their own.
 */
function refuseAmbiguousCluster(state: ParseState, ch: string, rest: string, word: string): void {
  if (ch === 'o') return;
  try {
    lookup(state, (f) => f.short === rest[0], `-${rest[0]}`);
  } catch (error) {
    if (error instanceof Refused && error.code !== 'flag') {
      throw new Refused(
        error.code,
        `${word} reads like -${ch} combined with -${rest[0]}. ${error.reason} ` +
          `If you meant a value, write -${ch} ${rest} with a space.`,
      );
    }
  }
}

function takeValue(state: ParseState, args: string[], i: number, typed: string): string {
  const next = args[i + 1];
  if (next === undefined)
    throw new Refused('syntax', `${typed} needs a value, e.g. ${typed}=VALUE.`);
  if (next.startsWith('-') && next.length > 1 && !/^-\d+$/.test(next)) {
    // The value looks like a flag: refuse it as that flag when it is one we refuse.
    const probe: ParseState = { ...state, values: new Map(), positionals: [] };
    try {
      if (next.startsWith('--')) parseLongFlag(probe, [next, 'x'], 0);
      else parseShortFlags(probe, [next, 'x'], 0);
    } catch (error) {
      if (error instanceof Refused && REFUSED_FLAG_CODES.has(error.code)) throw error;
    }
    throw new Refused(
      'syntax',
      `${typed} needs a value, but the next word is '${next}'; write ${typed}=VALUE.`,
    );
  }
  return next;
}

function record(state: ParseState, flag: FlagSpec, raw: string | undefined): void {
  const label = flagLabel(flag);
  if (raw !== undefined) {
    if (raw === '')
      throw new Refused(
        'argument',
        `${label} has an empty value; give it one or leave the flag out.`,
      );
    if (flag.type === 'bool' && !BOOL_LITERALS.has(raw)) {
      throw new Refused('syntax', `${label} is true or false, not '${raw}'.`);
    }
    const refusal =
      flag.name === 'output'
        ? checkOutputFormat(raw)
        : flag.name === 'namespace'
          ? checkNamespace(raw)
          : undefined;
    if (refusal) throw new Refused(refusal.code, refusal.reason);
  }
  const values = state.values.get(flag.name) ?? [];
  values.push(raw ?? 'true');
  state.values.set(flag.name, values);
}
