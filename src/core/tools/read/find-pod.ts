import type { V1Deployment, V1Pod } from '@kubernetes/client-node';
import { UserError } from '../../errors/user-error.js';
import type { ClusterCache } from '../../kube/cluster.js';
import { matchesSelector } from '../../kube/selectors.js';
import { toMillis } from '../render/age.js';

export interface FoundPod {
  pod: V1Pod;
  namespace: string;
  name: string;
  /** Set when the name given was a deployment's: `shop/web` and how many pods it has. */
  viaDeployment?: { name: string; pods: number };
}

/**
 * A pod by name, or a deployment's newest pod that has started (logs exist only once a container
 * ran). Without a namespace the name must be unique across namespaces. Throws `UserError` with
 * the names the user may have meant.
 */
export function findPodOrDeploymentPod(
  cache: ClusterCache,
  cluster: string,
  name: string,
  namespace?: string,
): FoundPod {
  const pods = namespace ? cache.list('pods', namespace) : cache.list('pods');
  const exact = pods.filter((p) => p.metadata?.name === name);
  if (exact.length === 1) return found(exact[0] as V1Pod);
  if (exact.length > 1)
    throw ambiguous(
      'pod',
      name,
      exact.map((p) => p.metadata?.namespace ?? ''),
    );

  const deployments = (
    namespace ? cache.list('deployments', namespace) : cache.list('deployments')
  ).filter((d) => d.metadata?.name === name);
  if (deployments.length > 1)
    throw ambiguous(
      'deployment',
      name,
      deployments.map((d) => d.metadata?.namespace ?? ''),
    );
  const deployment = deployments[0];
  if (deployment)
    return newestPodOf(deployment, cache.list('pods', deployment.metadata?.namespace), cluster);

  const similar = pods
    .map((p) => `${namespace ? '' : `${p.metadata?.namespace}/`}${p.metadata?.name}`)
    .filter((n) => n.includes(name))
    .slice(0, 5);
  const where = namespace ? `namespace ${namespace}` : 'any namespace';
  throw new UserError(
    'not-found',
    `No pod or deployment named "${name}" in ${where} of cluster "${cluster}".`,
    similar.length > 0
      ? `Did you mean: ${similar.join(', ')}?`
      : 'List them with get_pods or get_deployments.',
  );
}

function newestPodOf(deployment: V1Deployment, pods: V1Pod[], cluster: string): FoundPod {
  const mine = pods.filter((p) => matchesSelector(deployment.spec?.selector, p.metadata?.labels));
  const name = `${deployment.metadata?.namespace}/${deployment.metadata?.name}`;
  if (mine.length === 0) {
    throw new UserError(
      'not-found',
      `Deployment ${name} in cluster "${cluster}" has no pods.`,
      'See get_deployments for why.',
    );
  }
  const newestFirst = [...mine].sort(
    (a, b) =>
      (toMillis(b.metadata?.creationTimestamp) ?? 0) -
      (toMillis(a.metadata?.creationTimestamp) ?? 0),
  );
  const pod = newestFirst.find(hasStarted) ?? (newestFirst[0] as V1Pod);
  return { ...found(pod), viaDeployment: { name, pods: mine.length } };
}

function hasStarted(pod: V1Pod): boolean {
  return (pod.status?.containerStatuses ?? []).some(
    (c) =>
      c.state?.running !== undefined ||
      c.state?.terminated !== undefined ||
      c.lastState?.terminated !== undefined,
  );
}

function found(pod: V1Pod): FoundPod {
  return { pod, namespace: pod.metadata?.namespace ?? '', name: pod.metadata?.name ?? '' };
}

function ambiguous(kind: string, name: string, namespaces: string[]): UserError {
  return new UserError(
    'bad-input',
    `There is a ${kind} named "${name}" in several namespaces: ${namespaces.join(', ')}.`,
    'Give the namespace.',
  );
}
