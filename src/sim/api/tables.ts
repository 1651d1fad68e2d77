// Server-side printing (meta.k8s.io/v1 Table), with the columns and cell logic of the API
// server's printers, so `kubectl get` output looks exactly like a real cluster's. The columns
// of each kind live in ./tables/; this module maps resources to them.
import type { KubeObject } from '../objects/types.js';
import { AGE, NAME, age, type TablePrinter } from './tables/common.js';
import { CONFIGMAP_PRINTER, SECRET_PRINTER, SERVICEACCOUNT_PRINTER } from './tables/config.js';
import { EVENT_PRINTER } from './tables/events.js';
import { ENDPOINTSLICE_PRINTER, SERVICE_PRINTER } from './tables/network.js';
import { NAMESPACE_PRINTER, NODE_PRINTER } from './tables/nodes.js';
import { POD_PRINTER } from './tables/pods.js';
import {
  DAEMONSET_PRINTER,
  DEPLOYMENT_PRINTER,
  REPLICASET_PRINTER,
  STATEFULSET_PRINTER,
} from './tables/workloads.js';

export type { Column, TablePrinter, TableRow } from './tables/common.js';

export const PRINTERS: Record<string, TablePrinter> = {
  pods: POD_PRINTER,
  'apps/deployments': DEPLOYMENT_PRINTER,
  'apps/replicasets': REPLICASET_PRINTER,
  'apps/statefulsets': STATEFULSET_PRINTER,
  'apps/daemonsets': DAEMONSET_PRINTER,
  services: SERVICE_PRINTER,
  nodes: NODE_PRINTER,
  namespaces: NAMESPACE_PRINTER,
  events: EVENT_PRINTER,
  configmaps: CONFIGMAP_PRINTER,
  secrets: SECRET_PRINTER,
  serviceaccounts: SERVICEACCOUNT_PRINTER,
  'discovery.k8s.io/endpointslices': ENDPOINTSLICE_PRINTER,
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
