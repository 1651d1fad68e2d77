import { z } from 'zod';
import { callInputs } from './call-inputs.js';
import type { V1Pod } from '@kubernetes/client-node';
import { UserError } from '../../errors/user-error.js';
import type { Cluster } from '../../kube/cluster.js';
import { toKubeUserError } from '../../kube/errors.js';
import { upstreamKubeConfig } from '../../kubectl/upstream-kubeconfig.js';
import type { ToolDefinition } from '../types.js';
import { execInPod, type ExecOutcome } from './exec-in-pod.js';
import { containerName, namespaceName, podName } from './k8s-names.js';
import { quoteArgv } from './quote-argv.js';

const maxOutputBytes = 1024 * 1024;

const input = z.strictObject({
  ...callInputs,
  pod: podName.describe('the pod to run the command in'),
  namespace: namespaceName.default('default').describe('the pod’s namespace (default: default)'),
  command: z
    .array(z.string().max(4096))
    .min(1, 'give the program and its arguments, such as ["sh", "-c", "env"]')
    .max(64)
    .describe(
      'program and arguments as an array, such as ["cat", "/etc/hostname"]; no shell unless you call one',
    ),
  container: containerName
    .optional()
    .describe('the container (default: the pod’s first container)'),
  timeoutSeconds: z
    .number()
    .int()
    .min(1)
    .max(300)
    .default(30)
    .describe('stop waiting after this many seconds'),
});

type Input = z.infer<typeof input>;

/** Runs a command in a running container and returns its output and exit code. Risk class `exec`. */
export const execIntoPod: ToolDefinition<typeof input> = {
  name: 'exec_into_pod',
  title: 'Exec into a pod',
  description:
    'Run a command inside a running container (like `kubectl exec POD -- CMD`) and return its stdout, ' +
    'stderr and exit code. Needs an approval from an admin.',
  input,
  annotations: { readOnlyHint: false, destructiveHint: true, openWorldHint: false },
  risk: () => 'exec',
  maxRisk: 'exec',
  async run(args, ctx) {
    const { cluster } = ctx;
    const pod = await readPod(cluster, args);
    const container = pickContainer(pod, args);
    const outcome = await execInPod({
      kubeConfig: upstreamKubeConfig(cluster.kubeConfig),
      namespace: args.namespace,
      pod: args.pod,
      container,
      command: args.command,
      timeoutMs: args.timeoutSeconds * 1000,
      signal: ctx.signal,
      maxOutputBytes,
    }).catch((error: unknown) => {
      throw toKubeUserError(error, cluster.name, `exec into ${args.namespace}/${args.pod}`);
    });
    return {
      text: render(args, container, outcome),
      data: {
        namespace: args.namespace,
        pod: args.pod,
        container,
        command: args.command,
        ...outcome,
      },
    };
  },
};

async function readPod(cluster: Cluster, args: Input): Promise<V1Pod> {
  try {
    return await cluster.core.readNamespacedPod({ name: args.pod, namespace: args.namespace });
  } catch (error) {
    throw toKubeUserError(error, cluster.name, `read pod ${args.namespace}/${args.pod}`);
  }
}

function pickContainer(pod: V1Pod, args: Input): string {
  const names = (pod.spec?.containers ?? []).map((c) => c.name);
  const where = `${args.namespace}/${args.pod}`;
  if (args.container !== undefined && !names.includes(args.container)) {
    throw new UserError(
      'not-found',
      `Pod ${where} has no container "${args.container}".`,
      `Its containers: ${names.join(', ')}.`,
    );
  }
  const container = args.container ?? names[0];
  if (container === undefined) throw new UserError('not-found', `Pod ${where} has no containers.`);
  const phase = pod.status?.phase ?? 'Unknown';
  if (phase !== 'Running') {
    throw new UserError(
      'conflict',
      `Pod ${where} is ${phase}; exec needs a running container.`,
      'Check it with get_pods.',
    );
  }
  const state = pod.status?.containerStatuses?.find((c) => c.name === container)?.state;
  if (state && !state.running) {
    const reason = state.waiting?.reason ?? state.terminated?.reason ?? 'not running';
    throw new UserError(
      'conflict',
      `Container ${container} of ${where} is not running (${reason}).`,
      'Wait for it to start, or read its logs.',
    );
  }
  return container;
}

function render(args: Input, container: string, outcome: ExecOutcome): string {
  const result = outcome.timedOut
    ? `no exit code: stopped after ${args.timeoutSeconds} s`
    : outcome.exitCode === null
      ? `failed: ${outcome.failure ?? 'the connection closed without a status'}`
      : `exit code ${outcome.exitCode}`;
  const lines = [
    `$ ${quoteArgv(args.command)}   (${args.namespace}/${args.pod}, container ${container}): ${result}`,
  ];
  if (outcome.stdout) lines.push(outcome.stdout.replace(/\n$/, ''));
  if (outcome.stderr) lines.push('stderr:', outcome.stderr.replace(/\n$/, ''));
  if (!outcome.stdout && !outcome.stderr) lines.push('(no output)');
  if (outcome.truncated) lines.push(`(output cut at ${maxOutputBytes} bytes)`);
  return lines.join('\n');
}
