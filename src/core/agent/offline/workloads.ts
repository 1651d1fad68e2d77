import type { CommandContext } from '../command-context.js';
import { subjectWords } from './question-words.js';

export interface PodItem {
  namespace: string;
  name: string;
  status: string;
  restarts: number;
  health: 'failing' | 'not-ready' | 'ok';
}

export interface DeploymentItem {
  namespace: string;
  name: string;
  health: 'failing' | 'not-ready' | 'ok';
}

/** What the router knows of the cluster to find the object a question is about. */
export interface Workloads {
  pods: PodItem[];
  deployments: DeploymentItem[];
  namespaces: string[];
}

export interface Subject {
  kind: 'deployment' | 'pod';
  namespace: string;
  name: string;
}

/** The names of pods and deployments, read through the registry like every other call. */
export async function loadWorkloads(ctx: CommandContext): Promise<Workloads> {
  const [pods, deployments] = await Promise.all([
    ctx.invoke('get_pods', { limit: 5000 }),
    ctx.invoke('get_deployments', { limit: 5000 }),
  ]);
  if (pods.status === 'error') throw pods.error;
  const podItems = pods.status === 'ok' ? itemsOf<PodItem>(pods.result.data) : [];
  const deploymentItems =
    deployments.status === 'ok' ? itemsOf<DeploymentItem>(deployments.result.data) : [];
  const namespaces = [...new Set([...podItems, ...deploymentItems].map((i) => i.namespace))];
  return { pods: podItems, deployments: deploymentItems, namespaces };
}

function itemsOf<T>(data: unknown): T[] {
  const items = (data as { items?: unknown } | null)?.items;
  return Array.isArray(items) ? (items as T[]) : [];
}

/** A namespace named in the question ("pods in shop", "is payments healthy"). */
export function namespaceIn(question: string, w: Workloads): string | undefined {
  const words = subjectWords(question);
  return w.namespaces.find((ns) => words.includes(ns));
}

/**
 * The workload a question is about: an exact pod or deployment name, else a deployment whose
 * name contains the word as a dash-separated part ("checkout" -> "checkout-api"). Unhealthy
 * ones win ties, since that is what on-call questions are about.
 */
export function subjectIn(question: string, w: Workloads): Subject | undefined {
  const words = subjectWords(question).filter(
    (word) => !w.namespaces.includes(word) || isWorkloadName(word, w),
  );
  for (const word of words) {
    const [ns, bare] = word.includes('/')
      ? (word.split('/', 2) as [string, string])
      : [undefined, word];
    const inNs = <T extends { namespace: string }>(items: T[]) =>
      ns ? items.filter((i) => i.namespace === ns) : items;
    const pod = inNs(w.pods).find((p) => p.name === bare);
    if (pod) return { kind: 'pod', namespace: pod.namespace, name: pod.name };
    const exact = pickUnhealthy(inNs(w.deployments).filter((d) => d.name === bare));
    if (exact) return { kind: 'deployment', namespace: exact.namespace, name: exact.name };
    if (bare.length < 3) continue;
    const partial = pickUnhealthy(
      inNs(w.deployments).filter(
        (d) => d.name.split('-').includes(bare) || d.name.startsWith(bare),
      ),
    );
    if (partial) return { kind: 'deployment', namespace: partial.namespace, name: partial.name };
    const podLike = inNs(w.pods).filter((p) => p.name.startsWith(`${bare}-`));
    const best = pickUnhealthy(podLike);
    if (best) return { kind: 'pod', namespace: best.namespace, name: best.name };
  }
  return undefined;
}

function isWorkloadName(word: string, w: Workloads): boolean {
  return w.deployments.some((d) => d.name === word);
}

function pickUnhealthy<T extends { health: string }>(items: T[]): T | undefined {
  return (
    items.find((i) => i.health === 'failing') ??
    items.find((i) => i.health === 'not-ready') ??
    items[0]
  );
}

/** The pods that belong to a subject: a deployment's pods are named `<deployment>-<hash>-<id>`. */
export function podsOf(subject: Subject, w: Workloads): PodItem[] {
  if (subject.kind === 'pod')
    return w.pods.filter((p) => p.namespace === subject.namespace && p.name === subject.name);
  const prefix = `${subject.name}-`;
  return w.pods.filter(
    (p) =>
      p.namespace === subject.namespace &&
      p.name.startsWith(prefix) &&
      /^[a-z0-9]+-[a-z0-9]+$|^[a-z0-9]+$/.test(p.name.slice(prefix.length)),
  );
}
