import { UserError } from '../../../errors/user-error.js';
import type { ChatCommand } from '../command-table.js';
import {
  allNamespacesFlag,
  containerFlag,
  continueFlag,
  defined,
  namespaceFlag,
  namespaceOf,
  problemsFlag,
  selectorFlag,
  splitPodRef,
} from './common-flags.js';

/** `pods`, `deployments` and `services`: the same flags, each over its list tool. */
function listCommand(spec: {
  name: string;
  aliases: string[];
  tool: string;
  title: string;
  summary: string;
  examples: string[];
}): ChatCommand {
  return {
    name: spec.name,
    aliases: spec.aliases,
    summary: spec.summary,
    usage: `${spec.name} [-n NS | -A] [-l SELECTOR] [--problems]`,
    args: {
      flags: [namespaceFlag, allNamespacesFlag, selectorFlag, problemsFlag, continueFlag],
      positionals: [],
    },
    examples: spec.examples,
    async run(ctx, args) {
      const namespace = namespaceOf(spec.name, args);
      const outcome = await ctx.invoke(
        spec.tool,
        defined({
          namespace,
          labelSelector: args.flags.selector,
          problemsOnly: args.flags.problems === true ? true : undefined,
          continue: args.flags.continue,
        }),
      );
      const where = `${namespace ?? 'all namespaces'} (${ctx.cluster.cluster})`;
      return [ctx.present(outcome, `${spec.title} in ${where}`)];
    },
  };
}

export const podsCommand = listCommand({
  name: 'pods',
  aliases: ['pod', 'po'],
  tool: 'get_pods',
  title: 'Pods',
  summary: 'list pods, problems first',
  examples: ['pods --problems', 'pods -n shop -l app=checkout'],
});

export const logsCommand: ChatCommand = {
  name: 'logs',
  aliases: ['log'],
  summary: 'logs of a pod (or of a deployment’s newest pod)',
  usage: 'logs POD [-c C] [--tail N] [--since 10m] [--grep RE] [--previous]',
  args: {
    flags: [
      namespaceFlag,
      containerFlag,
      {
        name: 'tail',
        long: 'tail',
        type: 'int',
        value: 'N',
        description: 'the last N lines (default 100)',
      },
      {
        name: 'since',
        long: 'since',
        type: 'duration',
        value: '10m',
        description: 'only lines from the last 10m, 1h, ...',
      },
      {
        name: 'grep',
        long: 'grep',
        type: 'string',
        value: 'RE',
        description: 'only lines matching this regular expression',
      },
      {
        name: 'previous',
        long: 'previous',
        short: 'p',
        type: 'boolean',
        description: 'the previous (crashed) container',
      },
    ],
    positionals: [
      { name: 'POD', required: true, description: 'a pod or deployment name, optionally NS/NAME' },
    ],
  },
  examples: ['logs checkout --previous', 'logs shop/web-1 --since 10m --grep "(?i)error"'],
  async run(ctx, args) {
    const ref = splitPodRef(
      args.positionals[0] as string,
      args.flags.namespace as string | undefined,
    );
    const outcome = await ctx.invoke(
      'get_pod_logs',
      defined({
        pod: ref.pod,
        namespace: ref.namespace,
        container: args.flags.container,
        tailLines: args.flags.tail,
        sinceSeconds: args.flags.since,
        grep: args.flags.grep,
        previous: args.flags.previous === true ? true : undefined,
      }),
    );
    const which = args.flags.previous === true ? 'Previous logs' : 'Logs';
    return [
      ctx.present(
        outcome,
        `${which} of ${ref.namespace ? `${ref.namespace}/` : ''}${ref.pod} (${ctx.cluster.cluster})`,
      ),
    ];
  },
};

export const topCommand: ChatCommand = {
  name: 'top',
  summary: 'CPU and memory use of pods or nodes, heaviest first',
  usage: 'top [pods|nodes] [-n NS]',
  args: {
    flags: [
      namespaceFlag,
      selectorFlag,
      {
        name: 'sortBy',
        long: 'sort-by',
        type: 'string',
        value: 'cpu|memory',
        description: 'order by cpu or memory (default memory)',
      },
    ],
    positionals: [
      { name: 'pods|nodes', required: false, description: 'what to measure (default pods)' },
    ],
  },
  examples: ['top', 'top nodes', 'top pods -n shop'],
  async run(ctx, args) {
    const what = (args.positionals[0] ?? 'pods').toLowerCase().replace(/^(pod|node)$/, '$1s');
    if (what !== 'pods' && what !== 'nodes') {
      throw new UserError(
        'bad-input',
        `\`top\` measures pods or nodes, not "${args.positionals[0]}".`,
        'Write `top pods` or `top nodes`.',
      );
    }
    const namespace = what === 'pods' ? (args.flags.namespace as string | undefined) : undefined;
    const sortBy = args.flags.sortBy as string | undefined;
    if (sortBy !== undefined && sortBy !== 'cpu' && sortBy !== 'memory') {
      throw new UserError('bad-input', `--sort-by takes cpu or memory, not "${sortBy}".`);
    }
    const labelSelector = what === 'pods' ? args.flags.selector : undefined;
    const outcome = await ctx.invoke(
      'get_pod_top',
      defined({ target: what, namespace, labelSelector, sortBy }),
    );
    return [
      ctx.present(
        outcome,
        `Top ${what}${namespace ? ` in ${namespace}` : ''} (${ctx.cluster.cluster})`,
      ),
    ];
  },
};

export const deploymentsCommand = listCommand({
  name: 'deployments',
  aliases: ['deployment', 'deploy'],
  tool: 'get_deployments',
  title: 'Deployments',
  summary: 'deployments with ready/desired replicas and failing conditions',
  examples: ['deployments', 'deployments --problems'],
});

export const servicesCommand = listCommand({
  name: 'services',
  aliases: ['service', 'svc'],
  tool: 'get_services',
  title: 'Services',
  summary: 'services with their addresses, ports and ready endpoints',
  examples: ['services -n shop'],
});

export const clusterCommand: ChatCommand = {
  name: 'cluster',
  summary: 'cluster overview: version, nodes, pod counts and current problems',
  usage: 'cluster',
  args: { flags: [], positionals: [] },
  async run(ctx) {
    const outcome = await ctx.invoke('get_cluster_info', {});
    return [ctx.present(outcome, `Cluster ${ctx.cluster.cluster}`)];
  },
};

export const containersCommand: ChatCommand = {
  name: 'containers',
  aliases: ['container'],
  summary: 'every container of the selected pods: image, state, restarts, last exit',
  usage: 'containers [POD] [-n NS | -A] [-l SELECTOR] [--problems]',
  args: {
    flags: [namespaceFlag, allNamespacesFlag, selectorFlag, problemsFlag, continueFlag],
    positionals: [
      { name: 'POD', required: false, description: 'only this pod, optionally NS/NAME' },
    ],
  },
  examples: ['containers --problems', 'containers -n shop -l app=checkout'],
  async run(ctx, args) {
    const namespace = namespaceOf('containers', args);
    const ref =
      args.positionals[0] === undefined ? undefined : splitPodRef(args.positionals[0], namespace);
    const outcome = await ctx.invoke(
      'get_docker_containers',
      defined({
        namespace: ref?.namespace ?? namespace,
        pod: ref?.pod,
        labelSelector: args.flags.selector,
        problemsOnly: args.flags.problems === true ? true : undefined,
        continue: args.flags.continue,
      }),
    );
    return [ctx.present(outcome, `Containers (${ctx.cluster.cluster})`)];
  },
};
