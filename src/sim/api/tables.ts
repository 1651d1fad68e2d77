// Server-side printing (meta.k8s.io/v1 Table), with the columns and cell logic of the API
// server's printers, so `kubectl get` output looks exactly like a real cluster's.
import type { Condition, ContainerStatus, KubeObject, Pod, Workload } from '../objects/types.js';
import { humanDuration } from '../util/duration.js';
import { selectorString } from '../util/selectors.js';

export interface Column {
  name: string;
  type: string;
  format?: string;
  description: string;
  priority?: number;
}

export interface TableRow {
  cells: unknown[];
  conditions?: Array<{ type: string; status: string }>;
}

export interface TablePrinter {
  columns: Column[];
  row(obj: KubeObject, now: number): TableRow;
}

const col = (
  name: string,
  description: string,
  priority = 0,
  type = 'string',
  format?: string,
): Column => ({ name, type, ...(format ? { format } : {}), description, priority });
const NAME = col('Name', 'Name must be unique within a namespace.', 0, 'string', 'name');
const AGE = col(
  'Age',
  'CreationTimestamp is a timestamp representing the server time when this object was created.',
);
const age = (o: KubeObject, now: number): string => since(o.metadata.creationTimestamp, now);
const since = (ts: unknown, now: number): string =>
  ts ? humanDuration(now - Date.parse(String(ts))) : '<unknown>';
const num = (v: unknown): number => Number(v ?? 0);

function podRow(obj: KubeObject, now: number): TableRow {
  const pod = obj as Pod;
  const statuses: ContainerStatus[] = pod.status?.containerStatuses ?? [];
  let reason = pod.status?.reason ?? pod.status?.phase ?? 'Pending';
  let restarts = 0;
  let ready = 0;
  let lastRestart = 0;
  let hasRunning = false;
  for (let i = statuses.length - 1; i >= 0; i--) {
    const c = statuses[i];
    if (!c) continue;
    restarts += c.restartCount;
    const finished = c.lastState?.terminated?.finishedAt;
    if (finished && Date.parse(finished) > lastRestart) lastRestart = Date.parse(finished);
    if (c.state?.waiting?.reason) reason = c.state.waiting.reason;
    else if (c.state?.terminated?.reason) reason = c.state.terminated.reason;
    else if (c.state?.terminated) reason = `ExitCode:${c.state.terminated.exitCode}`;
    else if (c.ready && c.state?.running) {
      hasRunning = true;
      ready++;
    }
  }
  if (reason === 'Completed' && hasRunning) {
    reason = pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')
      ? 'Running'
      : 'NotReady';
  }
  const phase = pod.status?.phase;
  if (pod.metadata.deletionTimestamp && phase !== 'Succeeded' && phase !== 'Failed')
    reason = 'Terminating';
  const restartsCell =
    restarts !== 0 && lastRestart
      ? `${restarts} (${humanDuration(now - lastRestart)} ago)`
      : String(restarts);
  const nominated = (pod.status?.nominatedNodeName as string | undefined) ?? '<none>';
  const row: TableRow = {
    cells: [
      pod.metadata.name,
      `${ready}/${pod.spec.containers.length}`,
      reason,
      restartsCell,
      age(pod, now),
      pod.status?.podIP ?? '<none>',
      pod.spec.nodeName ?? '<none>',
      nominated,
      '<none>',
    ],
  };
  if (phase === 'Succeeded') row.conditions = [{ type: 'Completed', status: 'True' }];
  if (phase === 'Failed') row.conditions = [{ type: 'Completed', status: 'True' }];
  return row;
}

const containersAndImages = (w: Workload): [string, string] => [
  w.spec.template.spec.containers.map((c) => c.name).join(','),
  w.spec.template.spec.containers.map((c) => c.image).join(','),
];

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

function servicePorts(svc: KubeObject): string {
  const ports =
    (svc.spec?.ports as
      Array<{ port: number; nodePort?: number; protocol?: string }> | undefined) ?? [];
  if (ports.length === 0) return '<none>';
  return ports
    .map((p) =>
      p.nodePort
        ? `${p.port}:${p.nodePort}/${p.protocol ?? 'TCP'}`
        : `${p.port}/${p.protocol ?? 'TCP'}`,
    )
    .join(',');
}

function externalIP(svc: KubeObject): string {
  const type = String(svc.spec?.type ?? 'ClusterIP');
  const ingress = (
    (
      svc.status?.loadBalancer as
        { ingress?: Array<{ ip?: string; hostname?: string }> } | undefined
    )?.ingress ?? []
  ).map((i) => i.ip ?? i.hostname ?? '');
  const external = (svc.spec?.externalIPs as string[] | undefined) ?? [];
  if (type === 'LoadBalancer') return [...ingress, ...external].join(',') || '<pending>';
  if (type === 'ExternalName') return String(svc.spec?.externalName ?? '');
  return external.length ? external.join(',') : '<none>';
}

function eventRow(ev: KubeObject, now: number): TableRow {
  const inv = (ev.involvedObject as Record<string, string> | undefined) ?? {};
  const first = ev.firstTimestamp ? since(ev.firstTimestamp, now) : since(ev.eventTime, now);
  const last = ev.lastTimestamp ? since(ev.lastTimestamp, now) : first;
  const target = inv.name
    ? `${String(inv.kind ?? '').toLowerCase()}/${inv.name}`
    : String(inv.kind ?? '').toLowerCase();
  const src = ev.source as { component?: string; host?: string } | undefined;
  const source = src?.component
    ? src.host
      ? `${src.component}, ${src.host}`
      : src.component
    : String(ev.reportingComponent ?? '');
  return {
    cells: [
      last,
      ev.type ?? '',
      ev.reason ?? '',
      target,
      inv.fieldPath ?? '',
      source,
      String(ev.message ?? '').trim(),
      first,
      num(ev.count) || 1,
      ev.metadata.name,
    ],
  };
}

export const PRINTERS: Record<string, TablePrinter> = {
  pods: {
    columns: [
      NAME,
      col('Ready', 'The aggregate readiness state of this pod for accepting traffic.'),
      col('Status', 'The aggregate status of the containers in this pod.'),
      col(
        'Restarts',
        'The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.',
      ),
      AGE,
      col(
        'IP',
        'podIP is the IP address allocated to the pod. Routable at least within the cluster. Empty if not yet allocated.',
        1,
      ),
      col('Node', 'NodeName indicates in which node this pod is scheduled.', 1),
      col(
        'Nominated Node',
        'nominatedNodeName is set only when this pod preempts other pods on the node.',
        1,
      ),
      col(
        'Readiness Gates',
        'If specified, all readiness gates will be evaluated for pod readiness.',
        1,
      ),
    ],
    row: podRow,
  },
  'apps/deployments': {
    columns: [
      NAME,
      col('Ready', 'Number of the pod with ready state'),
      col(
        'Up-to-date',
        'Total number of non-terminated pods targeted by this deployment that have the desired template spec.',
        0,
        'integer',
      ),
      col(
        'Available',
        'Total number of available pods (ready for at least minReadySeconds) targeted by this deployment.',
        0,
        'integer',
      ),
      AGE,
      col('Containers', 'Names of each container in the template.', 1),
      col('Images', 'Images referenced by each container in the template.', 1),
      col(
        'Selector',
        'Label selector for pods. Existing ReplicaSets whose pods are selected by this will be the ones affected by this deployment.',
        1,
      ),
    ],
    row: (o, now) => {
      const d = o as Workload;
      const [containers, images] = containersAndImages(d);
      return {
        cells: [
          d.metadata.name,
          `${num(d.status?.readyReplicas)}/${d.spec.replicas ?? 1}`,
          num(d.status?.updatedReplicas),
          num(d.status?.availableReplicas),
          age(d, now),
          containers,
          images,
          selectorString(d.spec.selector),
        ],
      };
    },
  },
  'apps/replicasets': {
    columns: [
      NAME,
      col('Desired', 'Replicas is the number of desired replicas.', 0, 'integer'),
      col('Current', 'Replicas is the most recently observed number of replicas.', 0, 'integer'),
      col('Ready', 'The number of ready replicas for this replica set.', 0, 'integer'),
      AGE,
      col('Containers', 'Names of each container in the template.', 1),
      col('Images', 'Images referenced by each container in the template.', 1),
      col(
        'Selector',
        'Selector is a label query over pods that should match the replica count.',
        1,
      ),
    ],
    row: (o, now) => {
      const r = o as Workload;
      const [containers, images] = containersAndImages(r);
      return {
        cells: [
          r.metadata.name,
          r.spec.replicas ?? 1,
          num(r.status?.replicas),
          num(r.status?.readyReplicas),
          age(r, now),
          containers,
          images,
          selectorString(r.spec.selector),
        ],
      };
    },
  },
  'apps/statefulsets': {
    columns: [
      NAME,
      col('Ready', 'Number of the pod with ready state'),
      AGE,
      col('Containers', 'Names of each container in the template.', 1),
      col('Images', 'Images referenced by each container in the template.', 1),
    ],
    row: (o, now) => {
      const s = o as Workload;
      const [containers, images] = containersAndImages(s);
      return {
        cells: [
          s.metadata.name,
          `${num(s.status?.readyReplicas)}/${s.spec.replicas ?? 1}`,
          age(s, now),
          containers,
          images,
        ],
      };
    },
  },
  'apps/daemonsets': {
    columns: [
      NAME,
      col(
        'Desired',
        'The total number of nodes that should be running the daemon pod (including nodes correctly running the daemon pod).',
        0,
        'integer',
      ),
      col(
        'Current',
        'The number of nodes that are running at least 1 daemon pod and are supposed to run the daemon pod.',
        0,
        'integer',
      ),
      col(
        'Ready',
        'numberReady is the number of nodes that should be running the daemon pod and have one or more of the daemon pod running with a Ready Condition.',
        0,
        'integer',
      ),
      col(
        'Up-to-date',
        'The total number of nodes that are running updated daemon pod',
        0,
        'integer',
      ),
      col(
        'Available',
        'The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and available (ready for at least spec.minReadySeconds)',
        0,
        'integer',
      ),
      col(
        'Node Selector',
        'NodeSelector is a selector which must be true for the pod to fit on a node.',
      ),
      AGE,
      col('Containers', 'Names of each container in the template.', 1),
      col('Images', 'Images referenced by each container in the template.', 1),
      col('Selector', 'A label query over pods that are managed by the daemon set.', 1),
    ],
    row: (o, now) => {
      const d = o as Workload;
      const [containers, images] = containersAndImages(d);
      const sel =
        Object.entries((d.spec.template.spec.nodeSelector ?? {}) as Record<string, string>)
          .map(([k, v]) => `${k}=${v}`)
          .join(',') || '<none>';
      const s = d.status ?? {};
      return {
        cells: [
          d.metadata.name,
          num(s.desiredNumberScheduled),
          num(s.currentNumberScheduled),
          num(s.numberReady),
          num(s.updatedNumberScheduled),
          num(s.numberAvailable),
          sel,
          age(d, now),
          containers,
          images,
          selectorString(d.spec.selector),
        ],
      };
    },
  },
  services: {
    columns: [
      NAME,
      col('Type', 'type determines how the Service is exposed.'),
      col(
        'Cluster-IP',
        'clusterIP is the IP address of the service and is usually assigned randomly.',
      ),
      col(
        'External-IP',
        'externalIPs is a list of IP addresses for which nodes in the cluster will also accept traffic for this service.',
      ),
      col('Port(s)', 'The list of ports that are exposed by this service.'),
      AGE,
      col(
        'Selector',
        'Route service traffic to pods with label keys and values matching this selector.',
        1,
      ),
    ],
    row: (o, now) => {
      const sel =
        Object.entries((o.spec?.selector ?? {}) as Record<string, string>)
          .map(([k, v]) => `${k}=${v}`)
          .join(',') || '<none>';
      return {
        cells: [
          o.metadata.name,
          o.spec?.type ?? 'ClusterIP',
          o.spec?.clusterIP ?? '<none>',
          externalIP(o),
          servicePorts(o),
          age(o, now),
          sel,
        ],
      };
    },
  },
  nodes: {
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
  },
  namespaces: {
    columns: [NAME, col('Status', 'The status of the namespace'), AGE],
    row: (o, now) => ({ cells: [o.metadata.name, o.status?.phase ?? 'Active', age(o, now)] }),
  },
  events: {
    columns: [
      col('Last Seen', 'Deprecated: use Series.LastObservedTime instead'),
      col('Type', 'Type of this event (Normal, Warning), new types could be added in the future'),
      col(
        'Reason',
        "This should be a short, machine understandable string that gives the reason for the transition into the object's current status.",
      ),
      col('Object', 'Name of the referent.'),
      col(
        'Subobject',
        'If referring to a piece of an object instead of an entire object, this string should contain a valid JSON/Go field access statement, such as desiredState.manifest.containers[2].',
        1,
      ),
      col(
        'Source',
        'The component reporting this event. Should be a short machine understandable string.',
        1,
      ),
      col('Message', 'A human-readable description of the status of this operation.'),
      col(
        'First Seen',
        'The time at which the event was first recorded. (Time of server receipt is in TypeMeta.)',
        1,
      ),
      col('Count', 'The number of times this event has occurred.', 1),
      col('Name', 'Name must be unique within a namespace.', 1),
    ],
    row: eventRow,
  },
  configmaps: {
    columns: [NAME, col('Data', 'Data contains the configuration data.', 0, 'integer'), AGE],
    row: (o, now) => ({
      cells: [
        o.metadata.name,
        Object.keys((o.data as object | undefined) ?? {}).length +
          Object.keys((o.binaryData as object | undefined) ?? {}).length,
        age(o, now),
      ],
    }),
  },
  secrets: {
    columns: [
      NAME,
      col('Type', 'Used to facilitate programmatic handling of secret data.'),
      col('Data', 'Data contains the secret data.', 0, 'integer'),
      AGE,
    ],
    row: (o, now) => ({
      cells: [
        o.metadata.name,
        o.type ?? 'Opaque',
        Object.keys((o.data as object | undefined) ?? {}).length,
        age(o, now),
      ],
    }),
  },
  serviceaccounts: {
    columns: [
      NAME,
      col(
        'Secrets',
        'Secrets is a list of the secrets in the same namespace that pods running using this ServiceAccount are allowed to use.',
        0,
        'integer',
      ),
      AGE,
    ],
    row: (o, now) => ({
      cells: [o.metadata.name, ((o.secrets as unknown[] | undefined) ?? []).length, age(o, now)],
    }),
  },
  'discovery.k8s.io/endpointslices': {
    columns: [
      NAME,
      col(
        'AddressType',
        'addressType specifies the type of address carried by this EndpointSlice.',
      ),
      col(
        'Ports',
        'ports specifies the list of network ports exposed by each endpoint in this slice.',
      ),
      col('Endpoints', 'endpoints is a list of unique endpoints in this slice.'),
      AGE,
    ],
    row: (o, now) => {
      const ports =
        ((o.ports as Array<{ port: number }> | undefined) ?? [])
          .map((p) => String(p.port))
          .join(',') || '<unset>';
      const addrs = ((o.endpoints as Array<{ addresses: string[] }> | undefined) ?? []).flatMap(
        (e) => e.addresses,
      );
      const shown =
        addrs.length > 3
          ? `${addrs.slice(0, 3).join(',')} + ${addrs.length - 3} more...`
          : addrs.join(',') || '<unset>';
      return { cells: [o.metadata.name, o.addressType ?? 'IPv4', ports, shown, age(o, now)] };
    },
  },
};

export const DEFAULT_PRINTER: TablePrinter = {
  columns: [NAME, AGE],
  row: (o, now) => ({ cells: [o.metadata.name, age(o, now)] }),
};

/** A Table row with the object as PartialObjectMetadata (kubectl reads namespace from it). */
export function tableRow(
  printer: TablePrinter,
  obj: KubeObject,
  now: number,
): Record<string, unknown> {
  const row = printer.row(obj, now);
  return {
    cells: row.cells,
    ...(row.conditions ? { conditions: row.conditions } : {}),
    object: { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: obj.metadata },
  };
}
