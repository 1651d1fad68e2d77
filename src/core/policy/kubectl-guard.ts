// Decides whether an execute_kubectl command line may run, and what argv runs. The parser mirrors
// how kubectl (cobra + pflag) reads its arguments, so the flags we check are the flags kubectl sees:
// `--flag=v`, `--flag v`, `-xv`, `-x=v`, `-x v`, clustered booleans (`-Aw`), `_` read as `-`.
import { checkAscii, checkWriteTargets } from './kubectl-checks.js';
import { parseLongFlag, parseShortFlags } from './kubectl-flag-parser.js';
import { Refused, type GuardRefusal, type ParseState } from './kubectl-parse-state.js';
import {
  ALLOWED_VERBS_TEXT,
  isVerbGroup,
  VERBS,
  type VerbGroup,
  type VerbSpec,
} from './kubectl-verbs.js';
import { REFUSED_VERBS } from './kubectl-refused-verbs.js';
import { splitShellWords, type ShellWordsErrorCode } from './shell-words.js';

export type { GuardRefusal } from './kubectl-parse-state.js';

export type KubectlDecision =
  | { ok: true; argv: string[]; risk: 'read' | 'write'; verb: string; namespace?: string }
  | { ok: false; reason: string; code: GuardRefusal };

const SHELL_CODES: Record<ShellWordsErrorCode, GuardRefusal> = {
  empty: 'empty',
  'too-long': 'too-long',
  nul: 'control-character',
  'control-character': 'control-character',
  'shell-metacharacter': 'shell',
  'unterminated-quote': 'syntax',
  'trailing-backslash': 'syntax',
};

export function checkKubectlCommand(line: string): KubectlDecision {
  const split = splitShellWords(line);
  if (!split.ok)
    return { ok: false, code: SHELL_CODES[split.error.code], reason: split.error.message };
  const ascii = checkAscii(split.argv);
  if (ascii) return { ok: false, ...ascii };
  const argv = split.argv[0] === 'kubectl' ? split.argv.slice(1) : split.argv;
  try {
    const state = parse(argv);
    const spec = finish(state);
    const namespace = state.values.get('namespace')?.at(-1);
    return {
      ok: true,
      argv,
      risk: spec.risk,
      verb: spec.verb,
      ...(namespace ? { namespace } : {}),
    };
  } catch (error) {
    if (error instanceof Refused) return { ok: false, code: error.code, reason: error.reason };
    throw error;
  }
}

function parse(args: string[]): ParseState {
  const state: ParseState = { positionals: [], values: new Map() };
  for (let i = 0; i < args.length; i++) {
    const word = args[i] as string;
    if (word === '')
      throw new Refused('argument', 'The command has an empty argument (\'\' or ""); remove it.');
    if (word === '--') {
      throw new Refused(
        'passthrough',
        "'--' hands the rest of the line to another program; execute_kubectl runs none. Remove it " +
          '(use exec_into_pod to run a command in a container).',
      );
    }
    if (word === '-') {
      throw new Refused(
        'argument',
        "'-' means standard input, which execute_kubectl does not read; remove it.",
      );
    }
    if (word.startsWith('--')) i = parseLongFlag(state, args, i);
    else if (word.startsWith('-')) i = parseShortFlags(state, args, i);
    else addPositional(state, word);
  }
  return state;
}

function finish(state: ParseState): VerbSpec {
  if (state.group && !state.spec) {
    const subs = Object.keys(state.group.subcommands).join(', ');
    throw new Refused('verb', `\`${state.group.group}\` needs a subcommand: ${subs}.`);
  }
  const spec = state.spec;
  if (!spec) {
    throw new Refused(
      'empty',
      `The command has flags but no kubectl command; for example \`get pods -n shop\`. ${ALLOWED_VERBS_TEXT}.`,
    );
  }
  if (spec.needsTarget) {
    const hasSelector = state.values.has('selector') || state.values.has('field-selector');
    const refusal = checkWriteTargets(spec.verb, state.positionals, hasSelector);
    if (refusal) throw new Refused(refusal.code, refusal.reason);
  }
  return spec;
}

function addPositional(state: ParseState, word: string): void {
  if (!state.spec && !state.group) return resolveVerb(state, word);
  if (!state.spec && state.group) return resolveSubcommand(state, state.group, word);
  const spec = state.spec as VerbSpec;
  if (
    state.positionals.length === 0 &&
    spec.refusedSubcommands &&
    Object.hasOwn(spec.refusedSubcommands, word)
  ) {
    throw new Refused('verb', spec.refusedSubcommands[word] as string);
  }
  if (spec.noPositionals) {
    throw new Refused('argument', `\`kubectl ${spec.verb}\` takes no arguments; remove '${word}'.`);
  }
  state.positionals.push(word);
}

function resolveVerb(state: ParseState, word: string): void {
  if (Object.hasOwn(VERBS, word)) {
    const entry = VERBS[word] as VerbSpec | VerbGroup;
    if (isVerbGroup(entry)) state.group = entry;
    else state.spec = entry;
    return;
  }
  if (Object.hasOwn(REFUSED_VERBS, word)) {
    throw new Refused('verb', `\`kubectl ${word}\` ${REFUSED_VERBS[word] as string}`);
  }
  if (word === 'plugin') {
    throw new Refused(
      'plugin',
      '`kubectl plugin` lists and runs kubectl plugins, which execute_kubectl does not allow.',
    );
  }
  const lower = word.toLowerCase();
  const hint =
    lower !== word && Object.hasOwn(VERBS, lower)
      ? ` kubectl commands are lower-case: \`${lower}\`.`
      : '';
  throw new Refused(
    'plugin',
    `'${word}' is not a kubectl command execute_kubectl runs: kubectl would look for a plugin program ` +
      `named kubectl-${word}, and plugins are not allowed.${hint} Allowed commands: ${ALLOWED_VERBS_TEXT}.`,
  );
}

function resolveSubcommand(state: ParseState, group: VerbGroup, word: string): void {
  if (Object.hasOwn(group.subcommands, word)) {
    state.spec = group.subcommands[word];
    return;
  }
  if (group.refusedSubcommands && Object.hasOwn(group.refusedSubcommands, word)) {
    throw new Refused('verb', group.refusedSubcommands[word] as string);
  }
  const subs = Object.keys(group.subcommands).join(', ');
  throw new Refused('verb', `\`${group.group} ${word}\` is not allowed; use one of: ${subs}.`);
}
