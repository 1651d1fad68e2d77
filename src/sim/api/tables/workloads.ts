// Table columns of the apps/v1 workloads: deployments, replica sets, stateful sets, daemon sets.
import type { Workload } from '../../objects/types.js';
import { selectorString } from '../../util/selectors.js';
import { AGE, NAME, age, col, num, type TablePrinter } from './common.js';

const containersAndImages = (w: Workload): [string, string] => [
  w.spec.template.spec.containers.map((c) => c.name).join(','),
  w.spec.template.spec.containers.map((c) => c.image).join(','),
];

export const DEPLOYMENT_PRINTER: TablePrinter = {
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
};

export const REPLICASET_PRINTER: TablePrinter = {
  columns: [
    NAME,
    col('Desired', 'Replicas is the number of desired replicas.', 0, 'integer'),
    col('Current', 'Replicas is the most recently observed number of replicas.', 0, 'integer'),
    col('Ready', 'The number of ready replicas for this replica set.', 0, 'integer'),
    AGE,
    col('Containers', 'Names of each container in the template.', 1),
    col('Images', 'Images referenced by each container in the template.', 1),
    col('Selector', 'Selector is a label query over pods that should match the replica count.', 1),
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
};

export const STATEFULSET_PRINTER: TablePrinter = {
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
};

export const DAEMONSET_PRINTER: TablePrinter = {
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
};
