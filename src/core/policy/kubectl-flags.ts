// Flags execute_kubectl knows about: the ones it allows (per verb, in kubectl-verbs.ts) and the ones
// it refuses with a specific reason wherever they appear. Names follow kubectl 1.35 (`kubectl
// options`, `kubectl <verb> --help`).

export type FlagType =
  /** `--flag` or `--flag=true|false`; never consumes the next word. */
  | 'bool'
  /** `--flag value`, `--flag=value`, `-xvalue`, `-x value`. */
  | 'value'
  /** Has a default when bare (`--dry-run`, `--cascade`): only `--flag=value` sets a value. */
  | 'optional';

export type RefusedFlagCode =
  'file-flag' | 'credential-flag' | 'local-write-flag' | 'raw' | 'stream' | 'scope' | 'flag';

export interface FlagSpec {
  name: string;
  short?: string;
  type: FlagType;
}

export interface RefusedFlag {
  name: string;
  short?: string;
  code: RefusedFlagCode;
  reason: string;
}

export const bool = (name: string, short?: string): FlagSpec => ({ name, short, type: 'bool' });
export const value = (name: string, short?: string): FlagSpec => ({ name, short, type: 'value' });
export const optional = (name: string): FlagSpec => ({ name, type: 'optional' });

export const GLOBAL_FLAGS: FlagSpec[] = [value('namespace', 'n'), value('request-timeout')];

const CLUSTER_HINT =
  "AI4K8s picks the cluster and credentials itself; pass the tool's `cluster` argument to choose a cluster.";
const IMPERSONATION_HINT =
  'impersonation is not allowed: AI4K8s acts with its own identity and checks your role instead.';
const LOCAL_FILES_HINT =
  'execute_kubectl never reads local files or URLs; name the object instead (e.g. `get deploy web`) ' +
  'and apply manifests through your deployment pipeline.';

function credential(name: string, what: string, short?: string): RefusedFlag {
  return { name, short, code: 'credential-flag', reason: `--${name} ${what}; ${CLUSTER_HINT}` };
}

function impersonation(name: string): RefusedFlag {
  return { name, code: 'credential-flag', reason: `--${name}: ${IMPERSONATION_HINT}` };
}

function localFile(name: string, what: string, short?: string): RefusedFlag {
  return { name, short, code: 'file-flag', reason: `--${name} ${what}; ${LOCAL_FILES_HINT}` };
}

/** Refused for every verb, before or after it. */
export const REFUSED_FLAGS: RefusedFlag[] = [
  localFile('filename', 'reads manifests from local files or URLs', 'f'),
  localFile('kustomize', 'reads a local kustomization directory', 'k'),
  localFile('from-file', 'reads local files'),
  localFile('from-env-file', 'reads a local env file'),
  localFile('env-file', 'reads a local env file'),
  localFile('recursive', 'only walks directories given with -f', 'R'),
  localFile('kuberc', 'reads a local kubectl preferences file (it can define aliases)'),
  localFile('local', 'works on objects read from local files (-f)'),
  credential('kubeconfig', 'points kubectl at another kubeconfig file'),
  credential('server', 'sends the request to another API server', 's'),
  credential('token', 'replaces the credentials'),
  credential('user', 'selects other kubeconfig credentials'),
  credential('username', 'replaces the credentials'),
  credential('password', 'replaces the credentials'),
  credential('context', 'selects another kubeconfig context'),
  credential('cluster', 'selects another kubeconfig cluster'),
  credential('certificate-authority', 'replaces the trusted certificate authority'),
  credential('client-key', 'replaces the client key'),
  credential('client-certificate', 'replaces the client certificate'),
  credential('insecure-skip-tls-verify', 'turns off server certificate checks'),
  credential('insecure-skip-tls-verify-backend', 'turns off kubelet certificate checks'),
  credential('tls-server-name', 'changes the name the server certificate is checked against'),
  impersonation('as'),
  impersonation('as-group'),
  impersonation('as-uid'),
  impersonation('as-user-extra'),
  {
    name: 'cache-dir',
    code: 'local-write-flag',
    reason: '--cache-dir writes a discovery cache to local disk; leave it out.',
  },
  {
    name: 'profile',
    code: 'local-write-flag',
    reason: '--profile writes a profiling file to local disk; leave it out.',
  },
  {
    name: 'profile-output',
    code: 'local-write-flag',
    reason: '--profile-output writes a profiling file to local disk; leave it out.',
  },
  {
    name: 'output-directory',
    code: 'local-write-flag',
    reason: '--output-directory writes files to local disk; leave it out.',
  },
  {
    name: 'log-file',
    code: 'local-write-flag',
    reason: '--log-file writes to local disk; leave it out.',
  },
  {
    name: 'log-dir',
    code: 'local-write-flag',
    reason: '--log-dir writes to local disk; leave it out.',
  },
  {
    name: 'raw',
    code: 'raw',
    reason:
      '--raw sends an arbitrary request to the API server, past the per-verb checks; ' +
      'use `get` or `describe` on the resource instead.',
  },
  {
    name: 'watch',
    short: 'w',
    code: 'stream',
    reason:
      '--watch streams until stopped, but execute_kubectl returns one answer; run the command again ' +
      'later, or use `rollout status` to wait for a rollout.',
  },
  {
    name: 'watch-only',
    code: 'stream',
    reason:
      '--watch-only streams until stopped, but execute_kubectl returns one answer; leave it out.',
  },
  {
    name: 'v',
    short: 'v',
    code: 'flag',
    reason:
      '-v/--v turns on verbose logging, which prints HTTP requests including credentials; leave it out.',
  },
  {
    name: 'vmodule',
    code: 'flag',
    reason:
      '--vmodule turns on verbose logging, which prints HTTP requests including credentials; leave it out.',
  },
  {
    name: 'interactive',
    short: 'i',
    code: 'flag',
    reason:
      '-i/--interactive asks for confirmation on a terminal, which execute_kubectl does not have; leave it out.',
  },
  {
    name: 'help',
    short: 'h',
    code: 'flag',
    reason:
      '--help is not run through execute_kubectl; see https://kubernetes.io/docs/reference/kubectl/.',
  },
];

export const FOLLOW_REFUSAL: RefusedFlag = {
  name: 'follow',
  short: 'f',
  code: 'stream',
  reason:
    '-f/--follow streams logs until stopped, but execute_kubectl returns one answer; ' +
    'use --tail=N and --since=5m instead.',
};

export function wideScopeRefusal(verb: string): RefusedFlag[] {
  const reason = (flag: string): string =>
    `${flag} makes \`${verb}\` change every matching object at once; name the objects or use a label ` +
    'selector (-l app=web).';
  return [
    { name: 'all', code: 'scope', reason: reason('--all') },
    { name: 'all-namespaces', short: 'A', code: 'scope', reason: reason('-A/--all-namespaces') },
  ];
}

/** kubectl accepts `_` for `-` in long flag names (`--cache_dir`), so compare normalised names. */
export function normaliseFlagName(name: string): string {
  return name.replaceAll('_', '-');
}

export function flagLabel(spec: { name: string; short?: string }): string {
  return spec.short ? `-${spec.short}/--${spec.name}` : `--${spec.name}`;
}
