// What the kubectl guard shares between its parts: the refusal codes, the refusal it throws
// internally, and the state of one parse.
import type { VerbGroup, VerbSpec } from './kubectl-verbs.js';

/** Why execute_kubectl refused a command; each refusal also carries a reason for the user. */
export type GuardRefusal =
  | 'empty' // nothing to run
  | 'too-long' // over 2,000 characters
  | 'control-character' // NUL, escapes, line feeds inside quotes
  | 'shell' // pipes, redirects, substitution, a second command
  | 'syntax' // unclosed quote, missing flag value, malformed flag
  | 'unicode' // look-alike dashes, full-width or invisible characters
  | 'verb' // a kubectl command or subcommand that is not allowed
  | 'plugin' // an unknown command, which kubectl would run as a plugin
  | 'flag' // a flag not allowed for this command
  | 'file-flag' // reads local files or URLs (-f, -k, --from-file, -o *-file)
  | 'credential-flag' // changes credentials, identity or target (--kubeconfig, --as, -s)
  | 'local-write-flag' // writes local files (--cache-dir, --profile-output)
  | 'raw' // --raw
  | 'stream' // --watch, logs --follow
  | 'output' // an -o format not allowed
  | 'passthrough' // `--`
  | 'scope' // a write on everything (--all, -A, a bare type)
  | 'protected' // deleting the cluster's own namespaces
  | 'argument'; // an empty, malformed or unexpected argument

export class Refused extends Error {
  constructor(
    readonly code: GuardRefusal,
    readonly reason: string,
  ) {
    super(reason);
  }
}

export interface ParseState {
  spec?: VerbSpec;
  group?: VerbGroup;
  positionals: string[];
  values: Map<string, string[]>;
}
