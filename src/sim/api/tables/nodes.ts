// Table columns of the cluster-scoped kinds: nodes and namespaces.
import type { Condition, KubeObject } from '../../objects/types.js';
import { AGE, NAME, age, col, type TablePrinter } from './common.js';

function nodeStatus(node: KubeObject): string {
  const ready = (node.status?.conditions as Condition[] | undefined)?.find(
    (c) => c.type === 'Ready',
  );
  const parts = [ready?.status === 'True' ? 'Ready' : ready ? 'NotReady' : 'Unknown'];
  if (node.spec?.unschedulable) parts.push('SchedulingDisabled');
  return parts.join(',');
}

function nodeRoles(node: KubeObject): string {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(node.metadata.labels ?? {})) {
    if (k.startsWith('node-role.kubernetes.io/'))
      roles.add(k.slice('node-role.kubernetes.io/'.length));
    else if (k === 'kubernetes.io/role' && v) roles.add(v);
  }
  return roles.size ? [...roles].sort().join(',') : '<none>';
}

export const NODE_PRINTER: TablePrinter = {
  columns: [
    NAME,
    col('Status', 'The status of the node'),
    col('Roles', 'The roles of the node'),
    AGE,
    col('Version', 'Kubelet Version reported by the node.'),
    col(
      'Internal-IP',
      'List of addresses reachable to the node. Queried from cloud provider, if available.',
      1,
    ),
    col(
      'External-IP',
      'List of addresses reachable to the node. Queried from cloud provider, if available.',
      1,
    ),
    col(
      'OS-Image',
      'OS Image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 7 (wheezy)).',
      1,
    ),
    col(
      'Kernel-Version',
      "Kernel Version reported by the node from 'uname -r' (e.g. 3.16.0-0.bpo.4-amd64).",
      1,
    ),
    col(
      'Container-Runtime',
      'Container runtime version reported by the node through runtime remote API (e.g. containerd://1.4.2).',
      1,
    ),
  ],
  row: (o, now) => {
    const info = (o.status?.nodeInfo as Record<string, string> | undefined) ?? {};
    const addrs =
      (o.status?.addresses as Array<{ type: string; address: string }> | undefined) ?? [];
    const addr = (t: string): string => addrs.find((a) => a.type === t)?.address ?? '<none>';
    return {
      cells: [
        o.metadata.name,
        nodeStatus(o),
        nodeRoles(o),
        age(o, now),
        info.kubeletVersion ?? '',
        addr('InternalIP'),
        addr('ExternalIP'),
        info.osImage ?? '<unknown>',
        info.kernelVersion ?? '<unknown>',
        info.containerRuntimeVersion ?? '<unknown>',
      ],
    };
  },
};

export const NAMESPACE_PRINTER: TablePrinter = {
  columns: [NAME, col('Status', 'The status of the namespace'), AGE],
  row: (o, now) => ({ cells: [o.metadata.name, o.status?.phase ?? 'Active', age(o, now)] }),
};
