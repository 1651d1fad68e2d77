import { UserError } from '../../../errors/user-error.js';
import type { FlagSpec, ParsedArgs } from '../parse-args.js';

export const namespaceFlag: FlagSpec = {
  name: 'namespace',
  long: 'namespace',
  short: 'n',
  type: 'string',
  value: 'NS',
  description: 'only this namespace',
};
export const allNamespacesFlag: FlagSpec = {
  name: 'all',
  long: 'all-namespaces',
  short: 'A',
  type: 'boolean',
  description: 'every namespace (the default)',
};
export const selectorFlag: FlagSpec = {
  name: 'selector',
  long: 'selector',
  short: 'l',
  type: 'string',
  value: 'SELECTOR',
  description: 'label selector, e.g. app=web',
};
export const problemsFlag: FlagSpec = {
  name: 'problems',
  long: 'problems',
  type: 'boolean',
  description: 'only what is failing or not ready',
};
export const continueFlag: FlagSpec = {
  name: 'continue',
  long: 'continue',
  type: 'string',
  value: 'TOKEN',
  description: 'the next page, with the token from the previous answer',
};
export const containerFlag: FlagSpec = {
  name: 'container',
  long: 'container',
  short: 'c',
  type: 'string',
  value: 'C',
  description: 'the container (default: the first)',
};

/** `-n NS` or `-A` (never both); all namespaces when neither is given, which is what chat users mean. */
export function namespaceOf(command: string, args: ParsedArgs): string | undefined {
  const ns = args.flags.namespace as string | undefined;
  if (ns !== undefined && args.flags.all === true) {
    throw new UserError(
      'bad-input',
      `\`${command}\` takes -n NS or -A, not both.`,
      'Drop one of them.',
    );
  }
  return ns;
}

/** `shop/web-1` names the namespace and the pod in one word, as kubectl users often type it. */
export function splitPodRef(
  ref: string,
  namespace: string | undefined,
): { pod: string; namespace?: string } {
  const slash = ref.indexOf('/');
  if (slash > 0 && !ref.startsWith('pod/') && !ref.startsWith('pods/')) {
    const ns = ref.slice(0, slash);
    if (namespace !== undefined && namespace !== ns) {
      throw new UserError(
        'bad-input',
        `"${ref}" names namespace ${ns} but -n says ${namespace}.`,
        'Give the namespace once.',
      );
    }
    return { namespace: ns, pod: ref.slice(slash + 1) };
  }
  const pod = ref.replace(/^pods?\//, '');
  return namespace === undefined ? { pod } : { pod, namespace };
}

/** Drops undefined members, so the registry's audit and approvals see only what was asked. */
export function defined(args: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(args).filter(([, v]) => v !== undefined));
}
