// The verbs execute_kubectl runs, each with the flags it accepts (kubectl 1.35), and the verbs it
// refuses with a pointer to what to use instead.
import {
  bool,
  FOLLOW_REFUSAL,
  optional,
  value,
  wideScopeRefusal,
  type FlagSpec,
  type RefusedFlag,
} from './kubectl-flags.js';

export interface VerbSpec {
  /** What the user typed, canonicalised: `get`, `rollout restart`, `top pod`. */
  verb: string;
  risk: 'read' | 'write';
  flags: FlagSpec[];
  /** Refusals specific to this verb; they win over `flags` and the global tables. */
  refused?: RefusedFlag[];
  /** Positional arguments are not accepted (`version`, `events`). */
  noPositionals?: boolean;
  /** A bare type would act on every object of it: require names or a selector. */
  needsTarget?: boolean;
  /** First words kubectl would read as a subcommand that is refused (`cluster-info dump`). */
  refusedSubcommands?: Record<string, string>;
}

export interface VerbGroup {
  group: string;
  subcommands: Record<string, VerbSpec>;
  /** Subcommands kubectl has but execute_kubectl refuses, with the reason. */
  refusedSubcommands?: Record<string, string>;
}

const printing = [
  value('output', 'o'),
  value('template'),
  bool('allow-missing-template-keys'),
  bool('show-managed-fields'),
];
const selector = value('selector', 'l');
const dryRun = optional('dry-run');
const fieldManager = value('field-manager');

function read(verb: string, flags: FlagSpec[], extra: Partial<VerbSpec> = {}): VerbSpec {
  return { verb, risk: 'read', flags, ...extra };
}

function write(verb: string, flags: FlagSpec[], extra: Partial<VerbSpec> = {}): VerbSpec {
  return { verb, risk: 'write', flags, ...extra };
}

const topPod = read('top pod', [
  bool('all-namespaces', 'A'),
  bool('containers'),
  value('field-selector'),
  bool('no-headers'),
  selector,
  bool('show-swap'),
  value('sort-by'),
  bool('sum'),
  bool('use-protocol-buffers'),
]);
const topNode = read('top node', [
  bool('no-headers'),
  selector,
  bool('show-capacity'),
  bool('show-swap'),
  value('sort-by'),
  bool('use-protocol-buffers'),
]);

const rolloutWrite = (verb: string, extra: FlagSpec[]): VerbSpec =>
  write(`rollout ${verb}`, [selector, ...printing, ...extra], { needsTarget: true });

export const VERBS: Record<string, VerbSpec | VerbGroup> = {
  get: read('get', [
    bool('all-namespaces', 'A'),
    value('chunk-size'),
    value('field-selector'),
    bool('ignore-not-found'),
    value('label-columns', 'L'),
    bool('no-headers'),
    selector,
    bool('server-print'),
    bool('show-kind'),
    bool('show-labels'),
    value('sort-by'),
    value('subresource'),
    ...printing,
  ]),
  describe: read('describe', [
    bool('all-namespaces', 'A'),
    value('chunk-size'),
    selector,
    bool('show-events'),
  ]),
  logs: read(
    'logs',
    [
      bool('all-containers'),
      bool('all-pods'),
      value('container', 'c'),
      bool('ignore-errors'),
      value('limit-bytes'),
      value('max-log-requests'),
      value('pod-running-timeout'),
      bool('prefix'),
      bool('previous', 'p'),
      selector,
      value('since'),
      value('since-time'),
      value('tail'),
      bool('timestamps'),
    ],
    { refused: [FOLLOW_REFUSAL] },
  ),
  top: {
    group: 'top',
    subcommands: {
      pod: topPod,
      pods: topPod,
      po: topPod,
      node: topNode,
      nodes: topNode,
      no: topNode,
    },
  },
  events: read(
    'events',
    [
      bool('all-namespaces', 'A'),
      value('chunk-size'),
      value('for'),
      bool('no-headers'),
      value('types'),
      ...printing,
    ],
    { noPositionals: true },
  ),
  'api-resources': read(
    'api-resources',
    [
      value('api-group'),
      value('categories'),
      bool('namespaced'),
      bool('no-headers'),
      value('output', 'o'),
      bool('show-managed-fields'),
      value('sort-by'),
      value('verbs'),
    ],
    { noPositionals: true },
  ),
  'api-versions': read('api-versions', [], { noPositionals: true }),
  version: read('version', [bool('client'), value('output', 'o')], { noPositionals: true }),
  'cluster-info': read('cluster-info', [], {
    noPositionals: true,
    refusedSubcommands: {
      dump:
        '`cluster-info dump` copies the state of the whole cluster, logs included, and can write local files; ' +
        'ask for what you need with `get`, `describe`, `logs` or `events`.',
    },
  }),
  rollout: {
    group: 'rollout',
    subcommands: {
      status: read('rollout status', [
        selector,
        value('revision'),
        value('timeout'),
        bool('watch', 'w'),
      ]),
      history: read('rollout history', [selector, value('revision'), ...printing]),
      restart: rolloutWrite('restart', [fieldManager]),
      undo: rolloutWrite('undo', [dryRun, value('to-revision')]),
      pause: rolloutWrite('pause', [fieldManager]),
      resume: rolloutWrite('resume', [fieldManager]),
    },
  },
  scale: write(
    'scale',
    [
      value('current-replicas'),
      dryRun,
      value('replicas'),
      value('resource-version'),
      selector,
      value('timeout'),
      ...printing,
    ],
    { refused: wideScopeRefusal('scale'), needsTarget: true },
  ),
  delete: write(
    'delete',
    [
      optional('cascade'),
      dryRun,
      value('field-selector'),
      bool('force'),
      value('grace-period'),
      bool('ignore-not-found'),
      bool('now'),
      value('output', 'o'),
      selector,
      value('timeout'),
      bool('wait'),
    ],
    { refused: wideScopeRefusal('delete'), needsTarget: true },
  ),
  label: write(
    'label',
    [
      dryRun,
      fieldManager,
      value('field-selector'),
      bool('list'),
      bool('overwrite'),
      value('resource-version'),
      selector,
      ...printing,
    ],
    { refused: wideScopeRefusal('label') },
  ),
  annotate: write(
    'annotate',
    [
      dryRun,
      fieldManager,
      value('field-selector'),
      bool('list'),
      bool('overwrite'),
      value('resource-version'),
      selector,
      ...printing,
    ],
    { refused: wideScopeRefusal('annotate') },
  ),
  cordon: write('cordon', [dryRun, selector]),
  uncordon: write('uncordon', [dryRun, selector]),
  set: {
    group: 'set',
    subcommands: {
      image: write('set image', [dryRun, fieldManager, selector, ...printing], {
        refused: wideScopeRefusal('set image'),
      }),
    },
    refusedSubcommands: Object.fromEntries(
      ['env', 'resources', 'selector', 'serviceaccount', 'subject'].map((sub) => [
        sub,
        `\`set ${sub}\` is not allowed; of the \`set\` commands only \`set image\` runs through execute_kubectl.`,
      ]),
    ),
  },
};

export const ALLOWED_VERBS_TEXT =
  'read: get, describe, logs, top pod|node, events, api-resources, api-versions, version, cluster-info, ' +
  'rollout status|history; write (needs approval): scale, rollout restart|undo|pause|resume, delete, ' +
  'label, annotate, cordon, uncordon, set image';

export function isVerbGroup(entry: VerbSpec | VerbGroup): entry is VerbGroup {
  return 'group' in entry;
}
