import { UserError } from '../../errors/user-error.js';

/** The cluster names the registry can resolve against (the kube layer's `ClusterRegistry` fits). */
export interface ClusterNames {
  readonly defaultName: string;
  names(): string[];
}

/** `cluster` and `approvalId` may come inside the arguments (MCP clients see one flat object). */
export function splitArgs(raw: Record<string, unknown> | undefined): {
  args: Record<string, unknown>;
  cluster: unknown;
  approvalId: string | undefined;
} {
  const { cluster, approvalId, ...args } = raw ?? {};
  if (approvalId !== undefined && typeof approvalId !== 'string') {
    throw new UserError(
      'bad-input',
      '`approvalId` must be the id of an approval request, such as apr_AbC123xYz0.',
    );
  }
  return { args, cluster, approvalId };
}

/** The cluster a call is for, checked by name only: approval requests need no live cluster. */
export function resolveClusterName(
  clusters: ClusterNames,
  fromCall: string | undefined,
  fromArgs: unknown,
): string {
  const known = `Clusters: ${clusters.names().join(', ')}.`;
  if (fromArgs !== undefined && typeof fromArgs !== 'string') {
    throw new UserError('bad-input', '`cluster` must be a cluster name.', known);
  }
  if (fromCall !== undefined && fromArgs !== undefined && fromCall !== fromArgs) {
    throw new UserError(
      'bad-input',
      `Two different clusters were given ("${fromCall}" and "${fromArgs}").`,
      'Give one.',
    );
  }
  const name = fromCall ?? fromArgs ?? clusters.defaultName;
  if (!clusters.names().includes(name)) {
    throw new UserError('not-found', `No cluster named "${name}".`, known);
  }
  return name;
}
