import type { V1Pod } from '@kubernetes/client-node';
import { z } from 'zod';
import { UserError } from '../../errors/user-error.js';
import { toKubeUserError } from '../../kube/errors.js';
import { abortable } from '../../kube/request-options.js';
import { charsPerToken } from '../render/budget.js';
import { collapseRepeats, compileGrep, printableLine, splitLines } from '../render/log-lines.js';
import { plural } from '../render/table.js';
import { defineReadTool } from './define-read-tool.js';
import { findPodOrDeploymentPod } from './find-pod.js';
import { clusterInput } from './inputs.js';

const grepScanLines = 5000;

const input = z.strictObject({
  cluster: clusterInput,
  pod: z
    .string()
    .min(1)
    .max(253)
    .describe('Pod name, or a deployment name to read its newest pod.'),
  namespace: z
    .string()
    .min(1)
    .max(253)
    .optional()
    .describe('Namespace; may be omitted when the name is unique.'),
  container: z
    .string()
    .min(1)
    .max(253)
    .optional()
    .describe("Container; defaults to the pod's default (first) container."),
  tailLines: z
    .number()
    .int()
    .min(1)
    .max(50_000)
    .optional()
    .describe(`Last N lines to read (default 100; with grep, ${grepScanLines} are searched).`),
  sinceSeconds: z.number().int().min(1).optional().describe('Only lines from the last N seconds.'),
  previous: z
    .boolean()
    .optional()
    .describe(
      'true: logs of the previous, terminated instance of the container (why a crash-looping container died).',
    ),
  grep: z
    .string()
    .min(1)
    .max(500)
    .optional()
    .describe('Keep only lines matching this RE2 regular expression, e.g. "(?i)error|timeout".'),
  limitBytes: z
    .number()
    .int()
    .min(1)
    .max(10_000_000)
    .optional()
    .describe('Read at most this many bytes of log.'),
});

export const getPodLogs = defineReadTool({
  name: 'get_pod_logs',
  title: 'Read pod logs',
  description:
    'Read the logs of a container, like `kubectl logs`. `pod` may be a pod or a deployment name (its newest ' +
    'started pod is used). Use previous=true for the last crashed instance of a restarting container, grep ' +
    '(RE2 regex) to search, sinceSeconds/tailLines (default 100) to narrow. Identical consecutive lines are ' +
    'collapsed as "line (xN)"; when the answer is cut, the most recent lines are kept.',
  input,
  async run(args, ctx) {
    const grep = args.grep ? compileGrep(args.grep) : undefined;
    const cluster = ctx.cluster;
    const found = findPodOrDeploymentPod(cluster.cache, cluster.name, args.pod, args.namespace);
    const { container, containers } = chooseContainer(found.pod, args.container);
    const tailLines = args.tailLines ?? (grep ? grepScanLines : 100);
    const target = `${found.namespace}/${found.name}`;

    let body: string;
    try {
      body = await cluster.core.readNamespacedPodLog(
        {
          name: found.name,
          namespace: found.namespace,
          container,
          tailLines,
          sinceSeconds: args.sinceSeconds,
          previous: args.previous,
          limitBytes: args.limitBytes,
        },
        abortable(ctx.signal),
      );
    } catch (error) {
      throw toKubeUserError(
        error,
        cluster.name,
        `reading logs of ${target} container ${container}`,
      );
    }

    const read = splitLines(typeof body === 'string' ? body : String(body ?? ''));
    const matching = grep ? read.filter(grep) : read;
    const lines = collapseRepeats(matching);
    const via = found.viaDeployment
      ? ` (newest started of ${plural(found.viaDeployment.pods, 'pod')} of deployment ${found.viaDeployment.name})`
      : '';
    const which =
      containers.length > 1
        ? ` container ${container} (of ${containers.join(', ')})`
        : ` container ${container}`;
    const what = [
      args.previous ? 'previous instance' : undefined,
      `last ${tailLines} lines`,
      args.sinceSeconds ? `last ${args.sinceSeconds}s` : undefined,
      args.grep ? `lines matching /${args.grep}/: ${matching.length} of ${read.length}` : undefined,
    ]
      .filter(Boolean)
      .join(', ');
    const header = `Logs of ${target}${via},${which}; ${what}:`;

    const budgetChars = ctx.budgetTokens * charsPerToken - header.length - 120;
    const lineMax = Math.max(80, Math.min(1000, Math.floor(budgetChars / 4)));
    const { shownLines, omitted } = fitTail(
      lines.map((l) => printableLine(l, lineMax)),
      budgetChars,
    );
    const parts = [header];
    if (omitted > 0)
      parts.push(
        `… ${omitted} earlier lines not shown; narrow with grep, sinceSeconds or tailLines.`,
      );
    if (lines.length === 0) parts.push(args.grep ? '(no line matches)' : '(no log lines)');
    parts.push(...shownLines);
    return {
      text: parts.join('\n'),
      data: {
        cluster: cluster.name,
        namespace: found.namespace,
        pod: found.name,
        container,
        containers,
        previous: args.previous ?? false,
        viaDeployment: found.viaDeployment?.name,
        linesRead: read.length,
        lines,
      },
      page: { shown: shownLines.length, total: lines.length },
    };
  },
});

/** The container asked for, or kubectl's default: the annotated default container, else the first. */
function chooseContainer(
  pod: V1Pod,
  wanted: string | undefined,
): { container: string; containers: string[] } {
  const containers = (pod.spec?.containers ?? []).map((c) => c.name);
  const all = [...containers, ...(pod.spec?.initContainers ?? []).map((c) => c.name)];
  const name = `${pod.metadata?.namespace}/${pod.metadata?.name}`;
  if (wanted !== undefined) {
    if (!all.includes(wanted)) {
      throw new UserError(
        'not-found',
        `Pod ${name} has no container "${wanted}".`,
        `Its containers: ${all.join(', ')}.`,
      );
    }
    return { container: wanted, containers };
  }
  const annotated = pod.metadata?.annotations?.['kubectl.kubernetes.io/default-container'];
  const container = annotated && all.includes(annotated) ? annotated : containers[0];
  if (!container) throw new UserError('not-found', `Pod ${name} has no containers.`);
  return { container, containers };
}

/** The most recent lines that fit in `budgetChars`, and how many earlier ones were left out. */
function fitTail(lines: string[], budgetChars: number): { shownLines: string[]; omitted: number } {
  let used = 0;
  let start = lines.length;
  while (start > 0) {
    const cost = (lines[start - 1] as string).length + 1;
    if (used + cost > budgetChars) break;
    used += cost;
    start--;
  }
  return { shownLines: lines.slice(start), omitted: start };
}
