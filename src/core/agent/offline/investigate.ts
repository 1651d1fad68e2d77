import { block, message } from '../../messages/build.js';
import type { CoreMessage } from '../../messages/core-message.js';
import type { CommandContext } from '../command-context.js';
import type { IntentRun } from './intents.js';
import { namespaceIn, podsOf, subjectIn, type PodItem, type Workloads } from './workloads.js';

/** At most this many failing pods get their logs and events read: enough to see a pattern. */
const maxPods = 2;

/**
 * "Why is checkout crashing?": the failing pods of the workload the question names (or of the
 * whole cluster when it names none), then for each the previous container's logs (why it died)
 * and its events (what Kubernetes saw).
 */
export async function investigateFailures(
  ctx: CommandContext,
  question: string,
  workloads: () => Promise<Workloads>,
): Promise<IntentRun> {
  const w = await workloads();
  const subject = subjectIn(question, w);
  const namespace = subject ? undefined : namespaceIn(question, w);
  const candidates = subject
    ? podsOf(subject, w)
    : namespace
      ? w.pods.filter((p) => p.namespace === namespace)
      : w.pods;
  const failing = candidates.filter((p) => p.health !== 'ok').sort(byTrouble);
  const what = subject
    ? `${subject.kind} ${subject.namespace}/${subject.name}`
    : namespace
      ? `namespace ${namespace}`
      : 'the cluster';
  const scope = subject?.namespace ?? namespace;

  if (failing.length === 0) {
    const list = scope
      ? ctx.present(await ctx.invoke('get_pods', { namespace: scope }), `Pods in ${scope}`)
      : ctx.present(await ctx.invoke('get_pods', { problemsOnly: true }), 'Pods with problems');
    return {
      summary: `No failing or unready pods found in ${what}.`,
      commands: [scope ? `pods -n ${scope}` : 'pods --problems'],
      messages: [list],
    };
  }

  const messages: CoreMessage[] = [
    message(
      'warning',
      [
        block.table(
          ['POD', 'STATUS', 'RESTARTS'],
          failing
            .slice(0, 10)
            .map((p) => [`${p.namespace}/${p.name}`, p.status, String(p.restarts)]),
          failing.length > 10 ? `${failing.length - 10} more; see \`pods --problems\`.` : undefined,
        ),
      ],
      `Failing pods of ${what}`,
    ),
  ];
  const commands: string[] = [scope ? `pods -n ${scope} --problems` : 'pods --problems'];
  for (const pod of failing.slice(0, maxPods)) {
    const target = `${pod.namespace}/${pod.name}`;
    const logs = await logsOf(ctx, pod);
    messages.push(logs.message);
    commands.push(`logs ${target}${logs.previous ? ' --previous' : ''}`);
    const events = `get events -n ${pod.namespace} --field-selector involvedObject.name=${pod.name}`;
    messages.push(
      ctx.present(await ctx.invoke('execute_kubectl', { command: events }), `Events of ${target}`),
    );
    commands.push(`kubectl ${events}`);
  }
  return {
    summary: `${failing.length} failing or unready pod${failing.length === 1 ? '' : 's'} in ${what}; logs and events of the first ${Math.min(failing.length, maxPods)}.`,
    commands,
    messages,
  };
}

/** A restarted container's previous logs say why it died; without a previous one, the current logs. */
async function logsOf(
  ctx: CommandContext,
  pod: PodItem,
): Promise<{ message: CoreMessage; previous: boolean }> {
  const target = `${pod.namespace}/${pod.name}`;
  const args = { pod: pod.name, namespace: pod.namespace, tailLines: 40 };
  if (pod.restarts > 0) {
    const previous = await ctx.invoke('get_pod_logs', { ...args, previous: true });
    if (previous.status === 'ok')
      return { message: ctx.present(previous, `Previous logs of ${target}`), previous: true };
  }
  return {
    message: ctx.present(await ctx.invoke('get_pod_logs', args), `Logs of ${target}`),
    previous: false,
  };
}

function byTrouble(a: PodItem, b: PodItem): number {
  const rank = (p: PodItem) => (p.health === 'failing' ? 0 : 1);
  return rank(a) - rank(b) || b.restarts - a.restarts;
}
