import type { CoreMessage } from '../../messages/core-message.js';
import type { CommandContext } from '../command-context.js';
import { investigateFailures } from './investigate.js';
import { normalizeQuestion } from './question-words.js';
import { loadWorkloads, namespaceIn, podsOf, subjectIn, type Workloads } from './workloads.js';

export interface IntentRun {
  /** One line on what was looked at, shown above the results. */
  summary: string;
  /** The direct commands that give the same answer, so users learn them. */
  commands: string[];
  messages: CoreMessage[];
}

/** A common on-call question and the tool calls that answer it without a model. */
export interface Intent {
  id: string;
  /** An example question, listed when a question is not understood. */
  example: string;
  matches(q: string): boolean;
  /** The equivalent direct commands without looking at the cluster (for "AI is unavailable" replies). */
  commands: string[];
  run(ctx: CommandContext, question: string, w: () => Promise<Workloads>): Promise<IntentRun>;
}

const has = (re: RegExp) => (q: string) => re.test(q);
const troubleWords =
  /\b(crash\w*|restart\w*|fail\w*|broken|down|dying|died|dead|oom\w*|errors?|wrong|unhealthy|not working|backoff|sick|flapping|erroring)\b/;

async function present(
  ctx: CommandContext,
  tool: string,
  args: Record<string, unknown>,
  title: string,
): Promise<CoreMessage> {
  return ctx.present(await ctx.invoke(tool, args), title);
}

/** In order: the first intent whose pattern matches answers. */
export const intents: Intent[] = [
  {
    id: 'approvals',
    example: 'what is waiting for approval?',
    matches: has(/\bapprov(al|als|e)\b|\bwaiting for (an )?approval/),
    commands: ['approvals'],
    async run(ctx) {
      const command = ctx.services.commands.get('approvals');
      const messages = command ? await command.run(ctx, { flags: {}, positionals: [] }) : [];
      return { summary: 'Pending approval requests.', commands: ['approvals'], messages };
    },
  },
  {
    id: 'logs',
    example: 'show me the logs of checkout',
    matches: has(/\blogs?\b/),
    commands: ['logs POD --previous'],
    async run(ctx, q, workloads) {
      const w = await workloads();
      const subject = subjectIn(q, w);
      if (!subject) {
        return {
          summary: 'Which pod or deployment? I could not find one named in the question.',
          commands: ['logs POD'],
          messages: [],
        };
      }
      // A crash-looping container's current instance has little to say; the previous one says why it died.
      const restarting = podsOf(subject, w).some((p) => p.health === 'failing' && p.restarts > 0);
      const previous =
        restarting || /\b(previous|crash\w*|before|last (run|instance)|died|restart\w*)\b/.test(q);
      const grep = /\berrors?\b/.test(q) ? '(?i)error|exception|fatal|panic' : undefined;
      const args: Record<string, unknown> = { pod: subject.name, namespace: subject.namespace };
      if (previous) args.previous = true;
      if (grep) args.grep = grep;
      const target = `${subject.namespace}/${subject.name}`;
      const msg = await present(
        ctx,
        'get_pod_logs',
        args,
        `${previous ? 'Previous logs' : 'Logs'} of ${target}`,
      );
      return {
        summary: `Logs of ${subject.kind} ${target}${grep ? ' (error lines)' : ''}.`,
        commands: [
          `logs ${target}${previous ? ' --previous' : ''}${grep ? ` --grep '${grep}'` : ''}`,
        ],
        messages: [msg],
      };
    },
  },
  {
    id: 'pending',
    example: 'show me pending pods',
    matches: has(/\bpending\b|unschedul|not (being )?scheduled|can'?t be scheduled|stuck/),
    commands: ['kubectl get pods -A --field-selector status.phase=Pending'],
    async run(ctx) {
      const msg = await present(
        ctx,
        'get_pods',
        { fieldSelector: 'status.phase=Pending' },
        'Pending pods',
      );
      const events = await present(
        ctx,
        'execute_kubectl',
        { command: 'get events -A --field-selector reason=FailedScheduling' },
        'Scheduling failures',
      );
      return {
        summary: 'Pods in phase Pending, and the scheduler’s FailedScheduling events saying why.',
        commands: ['kubectl get pods -A --field-selector status.phase=Pending'],
        messages: [msg, events],
      };
    },
  },
  {
    id: 'degraded-deployments',
    example: 'which deployments are degraded?',
    matches: (q) =>
      /\bdeploy(ment)?s?\b|\breplicas?\b/.test(q) &&
      /degraded|unavailable|not ready|short|missing|unhealthy|fail\w*|broken|problem|down|wrong|behind|rolling/.test(
        q,
      ),
    commands: ['deployments --problems'],
    async run(ctx, q, workloads) {
      if (subjectIn(q, await workloads())) return investigateFailures(ctx, q, workloads);
      const msg = await present(
        ctx,
        'get_deployments',
        { problemsOnly: true },
        'Deployments with problems',
      );
      return {
        summary: 'Deployments short of ready replicas or with failing conditions.',
        commands: ['deployments --problems'],
        messages: [msg],
      };
    },
  },
  {
    id: 'memory',
    example: "what's using the most memory?",
    matches: has(
      /\b(memory|mem|ram)\b.*\b(most|top|high\w*|hog\w*|using|use|usage|heav\w*|biggest|limits?|leak\w*|grow\w*)\b|\b(most|top|high\w*|hog\w*|heav\w*|biggest)\b.*\b(memory|mem|ram)\b|\bmemory (usage|hogs?|pressure|leak)\b|out of memory/,
    ),
    commands: ['top pods --sort-by memory'],
    async run(ctx, q, workloads) {
      const target = /\bnodes?\b/.test(q) ? 'nodes' : 'pods';
      const subject = target === 'pods' ? subjectIn(q, await workloads()) : undefined;
      const args: Record<string, unknown> = { target, sortBy: 'memory' };
      if (subject)
        Object.assign(args, {
          namespace: subject.namespace,
          labelSelector: `app=${subject.name.replace(/-[a-z0-9]+-[a-z0-9]+$/, '')}`,
        });
      const where = subject ? ` of ${subject.namespace}/${subject.name}` : '';
      const msg = await present(ctx, 'get_pod_top', args, `Memory${where || ` by ${target}`}`);
      const command = subject
        ? `top pods -n ${args.namespace as string} -l ${args.labelSelector as string}`
        : `top ${target} --sort-by memory`;
      return {
        summary: `Memory use${where || ` of ${target}`} against requests and limits, those near their limit first.`,
        commands: [command],
        messages: [msg],
      };
    },
  },
  {
    id: 'cpu',
    example: 'which pods use the most cpu?',
    matches: has(/\bcpu\b|\bcores?\b|\bthrottl/),
    commands: ['top pods --sort-by cpu'],
    async run(ctx, q) {
      const target = /\bnodes?\b/.test(q) ? 'nodes' : 'pods';
      const msg = await present(
        ctx,
        'get_pod_top',
        { target, sortBy: 'cpu' },
        `Top ${target} by CPU`,
      );
      return {
        summary: `${target === 'pods' ? 'Pods' : 'Nodes'} by CPU use.`,
        commands: [`top ${target} --sort-by cpu`],
        messages: [msg],
      };
    },
  },
  {
    id: 'image-pull',
    example: 'any image pull errors?',
    matches: has(/\bimage\b|\bpull\w*\b|errimagepull/),
    commands: ['containers --problems'],
    async run(ctx) {
      const msg = await present(
        ctx,
        'get_docker_containers',
        { problemsOnly: true },
        'Containers with problems',
      );
      return {
        summary:
          'Containers that are waiting (e.g. ImagePullBackOff), terminated with an error or restarting.',
        commands: ['containers --problems'],
        messages: [msg],
      };
    },
  },
  {
    id: 'services',
    example: 'which services have no endpoints?',
    matches: has(/\b(services?|svc|endpoints?|ingress)\b/),
    commands: ['services --problems'],
    async run(ctx, q, workloads) {
      const w = await workloads();
      const namespace = namespaceIn(q, w);
      const problemsOnly =
        /\b(no|without|missing|broken|down|fail\w*|problem\w*|unhealthy|empty)\b/.test(q);
      const args: Record<string, unknown> = {};
      if (namespace) args.namespace = namespace;
      if (problemsOnly) args.problemsOnly = true;
      const msg = await present(
        ctx,
        'get_services',
        args,
        `Services${namespace ? ` in ${namespace}` : ''}`,
      );
      const command = `services${namespace ? ` -n ${namespace}` : ''}${problemsOnly ? ' --problems' : ''}`;
      return {
        summary: `Services${problemsOnly ? ' without (all) ready endpoints' : ''}.`,
        commands: [command],
        messages: [msg],
      };
    },
  },
  {
    id: 'events',
    example: 'any warning events?',
    matches: has(/\bevents?\b|\bwarnings?\b/),
    commands: ['kubectl get events -A --field-selector type=Warning'],
    async run(ctx) {
      const command = 'get events -A --field-selector type=Warning';
      const msg = await present(ctx, 'execute_kubectl', { command }, 'Warning events');
      return {
        summary: 'Warning events in every namespace.',
        commands: [`kubectl ${command}`],
        messages: [msg],
      };
    },
  },
  {
    id: 'nodes',
    example: 'are all nodes ready?',
    matches: has(/\bnodes?\b/),
    commands: ['cluster', 'top nodes'],
    async run(ctx) {
      const info = await present(ctx, 'get_cluster_info', {}, 'Cluster and nodes');
      const top = await present(ctx, 'get_pod_top', { target: 'nodes' }, 'Node usage');
      return {
        summary: 'Node readiness and usage.',
        commands: ['cluster', 'top nodes'],
        messages: [info, top],
      };
    },
  },
  {
    id: 'failures',
    example: 'why is checkout crashing?',
    matches: has(troubleWords),
    commands: ['pods --problems'],
    run: (ctx, q, workloads) => investigateFailures(ctx, q, workloads),
  },
  {
    id: 'health',
    example: 'is the cluster healthy?',
    matches: has(
      /\b(health\w*|status|overview|summary|how is|how's|hows|everything|all good|anything|problems?|issues?|state)\b/,
    ),
    commands: ['cluster', 'pods --problems'],
    async run(ctx) {
      const info = await present(ctx, 'get_cluster_info', {}, `Cluster ${ctx.cluster.cluster}`);
      const pods = await present(ctx, 'get_pods', { problemsOnly: true }, 'Pods with problems');
      return {
        summary: 'The cluster overview and every pod with a problem.',
        commands: ['cluster', 'pods --problems'],
        messages: [info, pods],
      };
    },
  },
  {
    id: 'deployments',
    example: 'list the deployments in shop',
    matches: has(/\bdeploy(ment)?s?\b|\breplicas?\b|\brollouts?\b/),
    commands: ['deployments'],
    async run(ctx, q, workloads) {
      const namespace = namespaceIn(q, await workloads());
      const msg = await present(
        ctx,
        'get_deployments',
        namespace ? { namespace } : {},
        `Deployments${namespace ? ` in ${namespace}` : ''}`,
      );
      return {
        summary: 'Deployments and their replicas.',
        commands: [`deployments${namespace ? ` -n ${namespace}` : ''}`],
        messages: [msg],
      };
    },
  },
  {
    id: 'containers',
    example: 'which containers are running in checkout?',
    matches: has(/\bcontainers?\b/),
    commands: ['containers'],
    async run(ctx, q, workloads) {
      const namespace = namespaceIn(q, await workloads());
      const msg = await present(
        ctx,
        'get_docker_containers',
        namespace ? { namespace } : {},
        'Containers',
      );
      return {
        summary: 'Containers with image, state and restarts.',
        commands: [`containers${namespace ? ` -n ${namespace}` : ''}`],
        messages: [msg],
      };
    },
  },
  {
    id: 'pods',
    example: "what's running in shop?",
    matches: has(/\bpods?\b|\brunning\b|\bworkloads?\b/),
    commands: ['pods'],
    async run(ctx, q, workloads) {
      const namespace = namespaceIn(q, await workloads());
      const msg = await present(
        ctx,
        'get_pods',
        namespace ? { namespace } : {},
        `Pods${namespace ? ` in ${namespace}` : ''}`,
      );
      return {
        summary: `Pods${namespace ? ` in ${namespace}` : ''}, problems first.`,
        commands: [`pods${namespace ? ` -n ${namespace}` : ''}`],
        messages: [msg],
      };
    },
  },
];

export function findIntent(question: string): Intent | undefined {
  const q = normalizeQuestion(question);
  return intents.find((i) => i.matches(q));
}

/** Loads the workload names once per question, and only if an intent needs them. */
export function lazyWorkloads(ctx: CommandContext): () => Promise<Workloads> {
  let loading: Promise<Workloads> | undefined;
  return () => (loading ??= loadWorkloads(ctx));
}
