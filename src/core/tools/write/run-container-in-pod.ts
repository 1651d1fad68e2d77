import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { callInputs } from './call-inputs.js';
import type { V1Pod } from '@kubernetes/client-node';
import type { Cluster } from '../../kube/cluster.js';
import { toKubeUserError } from '../../kube/errors.js';
import type { ToolDefinition } from '../types.js';
import { namespaceName } from './k8s-names.js';
import { quoteArgv } from './quote-argv.js';
import { waitForPodEnd, type PodEnd } from './wait-for-pod-end.js';

export const managedByLabel = { 'app.kubernetes.io/managed-by': 'ai4k8s' } as const;
const logLimitBytes = 512 * 1024;

const input = z.strictObject({
  ...callInputs,
  image: z
    .string()
    .min(1)
    .max(512)
    .regex(/^[a-zA-Z0-9][a-zA-Z0-9._/:@-]*$/, 'an image reference such as `busybox:1.36`')
    .describe('container image, such as busybox:1.36'),
  command: z
    .array(z.string().max(4096))
    .max(64)
    .optional()
    .describe('entrypoint override, as an array'),
  args: z.array(z.string().max(4096)).max(64).optional().describe('arguments, as an array'),
  namespace: namespaceName.default('default').describe('where to run the pod (default: default)'),
  timeoutSeconds: z
    .number()
    .int()
    .min(1)
    .max(600)
    .default(60)
    .describe('give up (and delete the pod) after this long'),
  keep: z.boolean().default(false).describe('keep the pod after it ends instead of deleting it'),
});

type Input = z.infer<typeof input>;

/** Runs a one-off pod to completion and returns its logs and exit code. Risk class `write`. */
export const runContainerInPod: ToolDefinition<typeof input> = {
  name: 'run_container_in_pod',
  title: 'Run a one-off container',
  description:
    'Start a one-off pod (restartPolicy Never, labelled app.kubernetes.io/managed-by=ai4k8s), wait for it ' +
    'to finish, return its logs and exit code, and delete it unless `keep` is set. Needs an approval.',
  input,
  annotations: { readOnlyHint: false, destructiveHint: false, openWorldHint: true },
  risk: () => 'write',
  maxRisk: 'write',
  async run(args, ctx) {
    const { cluster } = ctx;
    const name = `ai4k8s-run-${randomBytes(4).toString('hex')}`;
    const where = `${args.namespace}/${name}`;
    await kube(cluster, `create pod ${where}`, () =>
      cluster.core.createNamespacedPod({ namespace: args.namespace, body: podSpec(name, args) }),
    );
    let deleted = false;
    try {
      const end = await waitForPodEnd({
        read: () => cluster.core.readNamespacedPod({ name, namespace: args.namespace }),
        timeoutMs: args.timeoutSeconds * 1000,
        signal: ctx.signal,
      }).catch((error: unknown) => {
        throw toKubeUserError(error, cluster.name, `wait for pod ${where}`);
      });
      const logs = await readLogs(cluster, name, args.namespace);
      if (!args.keep) deleted = await remove(cluster, name, args.namespace, ctx.logger);
      return {
        text: render(args, name, end, logs, deleted),
        data: { pod: name, ...args, ...end, logs, deleted },
      };
    } finally {
      // Also on timeout, cancel and failure: nothing of ours is left behind unless asked.
      if (!args.keep && !deleted) await remove(cluster, name, args.namespace, ctx.logger);
    }
  },
};

function podSpec(name: string, args: Input): V1Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: args.namespace,
      labels: { ...managedByLabel, 'app.kubernetes.io/name': 'ai4k8s-run' },
    },
    spec: {
      restartPolicy: 'Never',
      automountServiceAccountToken: false,
      activeDeadlineSeconds: args.timeoutSeconds,
      containers: [{ name: 'run', image: args.image, command: args.command, args: args.args }],
    },
  };
}

async function readLogs(cluster: Cluster, name: string, namespace: string): Promise<string> {
  try {
    return await cluster.core.readNamespacedPodLog({
      name,
      namespace,
      container: 'run',
      limitBytes: logLimitBytes,
    });
  } catch {
    // A container that never started has no logs; the state line says why.
    return '';
  }
}

async function remove(
  cluster: Cluster,
  name: string,
  namespace: string,
  logger: { warn: (o: object, m: string) => void },
) {
  try {
    await cluster.core.deleteNamespacedPod({ name, namespace, gracePeriodSeconds: 0 });
    return true;
  } catch (error) {
    logger.warn(
      { err: error, cluster: cluster.name, pod: `${namespace}/${name}` },
      'could not delete a one-off pod',
    );
    return false;
  }
}

async function kube<T>(cluster: Cluster, action: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw toKubeUserError(error, cluster.name, action);
  }
}

function render(args: Input, name: string, end: PodEnd, logs: string, deleted: boolean): string {
  const what = [args.image, ...(args.command ?? []), ...(args.args ?? [])];
  const result =
    end.exitCode !== null
      ? `exit code ${end.exitCode}${end.reason && end.reason !== 'Completed' ? ` (${end.reason})` : ''}`
      : `did not finish: ${end.reason}`;
  const fate = deleted ? 'deleted' : args.keep ? 'kept' : 'NOT deleted (delete it by hand)';
  const lines = [`${quoteArgv(what)} as pod ${args.namespace}/${name}: ${result}; pod ${fate}.`];
  lines.push(logs ? logs.replace(/\n$/, '') : '(no logs)');
  return lines.join('\n');
}
