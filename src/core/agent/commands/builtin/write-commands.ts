import { UserError } from '../../../errors/user-error.js';
import type { CommandContext } from '../../command-context.js';
import type { ChatCommand } from '../command-table.js';
import { containerFlag, defined, namespaceFlag, splitPodRef } from './common-flags.js';

export const kubectlCommand: ChatCommand = {
  name: 'kubectl',
  summary: 'an allowlisted kubectl command; writes need an approval',
  usage: 'kubectl ARGS...',
  args: {
    flags: [],
    positionals: [{ name: 'ARGS', required: true, description: 'a kubectl command line' }],
  },
  examples: [
    'kubectl get deploy -n shop',
    'kubectl describe pod web-1 -n shop',
    'kubectl rollout restart deploy/web -n shop',
  ],
  raw: true,
  async run(ctx, args) {
    const command = args.positionals[0] ?? '';
    if (command.trim() === '') {
      throw new UserError(
        'bad-input',
        '`kubectl` needs a command.',
        'For example `kubectl get pods -n shop`.',
      );
    }
    const outcome = await ctx.invoke('execute_kubectl', { command });
    return [ctx.present(outcome, `kubectl ${command} (${ctx.cluster.cluster})`)];
  },
};

export const execCommand: ChatCommand = {
  name: 'exec',
  summary: 'run a command in a pod’s container (needs an admin’s approval)',
  usage: 'exec POD [-c C] -- CMD...',
  args: {
    flags: [namespaceFlag, containerFlag],
    positionals: [{ name: 'POD', required: true, description: 'the pod, optionally NS/NAME' }],
    acceptsRest: true,
  },
  examples: ['exec shop/web-1 -- env', 'exec web-1 -n shop -c app -- cat /etc/hostname'],
  async run(ctx, args) {
    if (!args.rest || args.rest.length === 0) {
      throw new UserError(
        'bad-input',
        '`exec` needs the command after `--`.',
        'For example `exec web-1 -- env`.',
      );
    }
    const ref = splitPodRef(
      args.positionals[0] as string,
      args.flags.namespace as string | undefined,
    );
    const namespace = await namespaceOfPod(ctx, ref.pod, ref.namespace);
    const outcome = await ctx.invoke(
      'exec_into_pod',
      defined({ pod: ref.pod, namespace, container: args.flags.container, command: args.rest }),
    );
    return [ctx.present(outcome, `exec in ${namespace}/${ref.pod} (${ctx.cluster.cluster})`)];
  },
};

export const runCommand: ChatCommand = {
  name: 'run',
  summary: 'run a one-off container to completion and show its output (needs an approval)',
  usage: 'run IMAGE [-- CMD...]',
  args: {
    flags: [namespaceFlag],
    positionals: [
      { name: 'IMAGE', required: true, description: 'a container image, e.g. busybox:1.36' },
    ],
    acceptsRest: true,
  },
  examples: [
    'run busybox:1.36 -- nslookup checkout.shop',
    'run curlimages/curl -n shop -- curl -s http://checkout/healthz',
  ],
  async run(ctx, args) {
    const image = args.positionals[0] as string;
    const command = args.rest && args.rest.length > 0 ? args.rest : undefined;
    const outcome = await ctx.invoke(
      'run_container_in_pod',
      defined({ image, namespace: args.flags.namespace, command }),
    );
    return [ctx.present(outcome, `run ${image} (${ctx.cluster.cluster})`)];
  },
};

/**
 * The namespace of the pod, checked to exist: an approval must name a real pod exactly, so a
 * typo is caught now rather than after someone approved it. Found with a read call.
 */
async function namespaceOfPod(
  ctx: CommandContext,
  pod: string,
  namespace: string | undefined,
): Promise<string> {
  const outcome = await ctx.invoke('get_pods', {
    fieldSelector: `metadata.name=${pod}`,
    ...(namespace ? { namespace } : {}),
  });
  if (outcome.status === 'error') throw outcome.error;
  const items = outcome.status === 'ok' ? podItems(outcome.result.data) : [];
  const namespaces = [...new Set(items.filter((i) => i.name === pod).map((i) => i.namespace))];
  if (namespaces.length === 1) return namespaces[0] as string;
  if (namespaces.length === 0) {
    const where = namespace
      ? `namespace ${namespace} of cluster ${ctx.cluster.cluster}`
      : `cluster ${ctx.cluster.cluster}`;
    throw new UserError(
      'not-found',
      `No pod named "${pod}" in ${where}.`,
      'Find it with `pods`, then give NS/POD.',
    );
  }
  throw new UserError(
    'bad-input',
    `Pods named "${pod}" exist in several namespaces: ${namespaces.join(', ')}.`,
    `Say which: \`exec ${namespaces[0]}/${pod} -- ...\`.`,
  );
}

export function podItems(
  data: unknown,
): { namespace: string; name: string; status?: string; health?: string; restarts?: number }[] {
  const items = (data as { items?: unknown } | null)?.items;
  return Array.isArray(items) ? (items as { namespace: string; name: string }[]) : [];
}
