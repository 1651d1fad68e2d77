// The resources the simulated API server serves, with what discovery says about each.
import type { KubeObject, Pod } from '../objects/types.js';
import type { FieldGetter } from '../util/selectors.js';

export interface SubresourceDef {
  name: string;
  kind: string;
  group?: string;
  version?: string;
  verbs: string[];
}

export interface ResourceDef {
  /** Store key: plural for the core group, "group/plural" otherwise. */
  key: string;
  group: string;
  version: string;
  plural: string;
  singular: string;
  kind: string;
  listKind: string;
  namespaced: boolean;
  verbs: string[];
  shortNames?: string[];
  categories?: string[];
  subresources: SubresourceDef[];
  /** Fields a fieldSelector may name besides metadata.name/metadata.namespace. */
  fields: Record<string, FieldGetter>;
  /** Served by the simulator's own logic (metrics), not stored. */
  virtual?: boolean;
}

const ALL_VERBS = [
  'create',
  'delete',
  'deletecollection',
  'get',
  'list',
  'patch',
  'update',
  'watch',
];
const status = (kind: string, group?: string): SubresourceDef => ({
  name: 'status',
  kind,
  group,
  version: group ? 'v1' : undefined,
  verbs: ['get', 'patch', 'update'],
});
const scale: SubresourceDef = {
  name: 'scale',
  kind: 'Scale',
  group: 'autoscaling',
  version: 'v1',
  verbs: ['get', 'patch', 'update'],
};
const str = (v: unknown): string | undefined =>
  v === undefined || v === null ? undefined : String(v);

const podFields: Record<string, FieldGetter> = {
  'spec.nodeName': (o) => str((o as Pod).spec?.nodeName) ?? '',
  'spec.restartPolicy': (o) => str((o as Pod).spec?.restartPolicy),
  'spec.schedulerName': (o) => str((o as Pod).spec?.schedulerName),
  'spec.serviceAccountName': (o) => str((o as Pod).spec?.serviceAccountName),
  'spec.hostNetwork': (o) => String(Boolean((o as Pod).spec?.hostNetwork)),
  'status.phase': (o) => str((o as Pod).status?.phase),
  'status.podIP': (o) => str((o as Pod).status?.podIP) ?? '',
  'status.nominatedNodeName': (o) => str((o as Pod).status?.nominatedNodeName) ?? '',
};

const involved = (o: KubeObject): Record<string, unknown> =>
  (o.involvedObject as Record<string, unknown> | undefined) ?? {};
const eventFields: Record<string, FieldGetter> = {
  'involvedObject.kind': (o) => str(involved(o).kind),
  'involvedObject.namespace': (o) => str(involved(o).namespace),
  'involvedObject.name': (o) => str(involved(o).name),
  'involvedObject.uid': (o) => str(involved(o).uid),
  'involvedObject.apiVersion': (o) => str(involved(o).apiVersion),
  'involvedObject.resourceVersion': (o) => str(involved(o).resourceVersion),
  'involvedObject.fieldPath': (o) => str(involved(o).fieldPath),
  reason: (o) => str(o.reason),
  reportingComponent: (o) => str(o.reportingComponent) ?? '',
  source: (o) => str((o.source as Record<string, unknown> | undefined)?.component),
  type: (o) => str(o.type),
};

function def(
  partial: Omit<ResourceDef, 'key' | 'listKind' | 'fields' | 'subresources' | 'verbs'> &
    Partial<ResourceDef>,
): ResourceDef {
  return {
    key: partial.group ? `${partial.group}/${partial.plural}` : partial.plural,
    listKind: `${partial.kind}List`,
    verbs: ALL_VERBS,
    subresources: [],
    fields: {},
    ...partial,
  };
}

export const RESOURCES: ResourceDef[] = [
  def({
    group: '',
    version: 'v1',
    plural: 'namespaces',
    singular: 'namespace',
    kind: 'Namespace',
    namespaced: false,
    shortNames: ['ns'],
    verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
    subresources: [status('Namespace'), { name: 'finalize', kind: 'Namespace', verbs: ['update'] }],
    fields: { 'status.phase': (o) => str(o.status?.phase) },
  }),
  def({
    group: '',
    version: 'v1',
    plural: 'nodes',
    singular: 'node',
    kind: 'Node',
    namespaced: false,
    shortNames: ['no'],
    subresources: [
      status('Node'),
      {
        name: 'proxy',
        kind: 'NodeProxyOptions',
        verbs: ['create', 'delete', 'get', 'patch', 'update'],
      },
    ],
    fields: { 'spec.unschedulable': (o) => String(Boolean(o.spec?.unschedulable)) },
  }),
  def({
    group: '',
    version: 'v1',
    plural: 'pods',
    singular: 'pod',
    kind: 'Pod',
    namespaced: true,
    shortNames: ['po'],
    categories: ['all'],
    fields: podFields,
    subresources: [
      { name: 'attach', kind: 'PodAttachOptions', verbs: ['create', 'get'] },
      { name: 'binding', kind: 'Binding', verbs: ['create'] },
      { name: 'ephemeralcontainers', kind: 'Pod', verbs: ['get', 'patch', 'update'] },
      { name: 'eviction', kind: 'Eviction', group: 'policy', version: 'v1', verbs: ['create'] },
      { name: 'exec', kind: 'PodExecOptions', verbs: ['create', 'get'] },
      { name: 'log', kind: 'Pod', verbs: ['get'] },
      { name: 'portforward', kind: 'PodPortForwardOptions', verbs: ['create', 'get'] },
      {
        name: 'proxy',
        kind: 'PodProxyOptions',
        verbs: ['create', 'delete', 'get', 'patch', 'update'],
      },
      { name: 'resize', kind: 'Pod', verbs: ['get', 'patch', 'update'] },
      status('Pod'),
    ],
  }),
  def({
    group: '',
    version: 'v1',
    plural: 'services',
    singular: 'service',
    kind: 'Service',
    namespaced: true,
    shortNames: ['svc'],
    categories: ['all'],
    verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'],
    subresources: [
      {
        name: 'proxy',
        kind: 'ServiceProxyOptions',
        verbs: ['create', 'delete', 'get', 'patch', 'update'],
      },
      status('Service'),
    ],
    fields: {
      'spec.clusterIP': (o) => str(o.spec?.clusterIP),
      'spec.type': (o) => str(o.spec?.type),
    },
  }),
  def({
    group: '',
    version: 'v1',
    plural: 'events',
    singular: 'event',
    kind: 'Event',
    namespaced: true,
    shortNames: ['ev'],
    fields: eventFields,
  }),
  def({
    group: '',
    version: 'v1',
    plural: 'configmaps',
    singular: 'configmap',
    kind: 'ConfigMap',
    namespaced: true,
    shortNames: ['cm'],
  }),
  def({
    group: '',
    version: 'v1',
    plural: 'secrets',
    singular: 'secret',
    kind: 'Secret',
    namespaced: true,
    fields: { type: (o) => str(o.type) },
  }),
  def({
    group: '',
    version: 'v1',
    plural: 'serviceaccounts',
    singular: 'serviceaccount',
    kind: 'ServiceAccount',
    namespaced: true,
    shortNames: ['sa'],
    subresources: [
      {
        name: 'token',
        kind: 'TokenRequest',
        group: 'authentication.k8s.io',
        version: 'v1',
        verbs: ['create'],
      },
    ],
  }),
  def({
    group: 'apps',
    version: 'v1',
    plural: 'deployments',
    singular: 'deployment',
    kind: 'Deployment',
    namespaced: true,
    shortNames: ['deploy'],
    categories: ['all'],
    subresources: [scale, status('Deployment', 'apps')],
  }),
  def({
    group: 'apps',
    version: 'v1',
    plural: 'replicasets',
    singular: 'replicaset',
    kind: 'ReplicaSet',
    namespaced: true,
    shortNames: ['rs'],
    categories: ['all'],
    subresources: [scale, status('ReplicaSet', 'apps')],
    fields: { 'status.replicas': (o) => str(o.status?.replicas ?? 0) },
  }),
  def({
    group: 'apps',
    version: 'v1',
    plural: 'statefulsets',
    singular: 'statefulset',
    kind: 'StatefulSet',
    namespaced: true,
    shortNames: ['sts'],
    categories: ['all'],
    subresources: [scale, status('StatefulSet', 'apps')],
  }),
  def({
    group: 'apps',
    version: 'v1',
    plural: 'daemonsets',
    singular: 'daemonset',
    kind: 'DaemonSet',
    namespaced: true,
    shortNames: ['ds'],
    categories: ['all'],
    subresources: [status('DaemonSet', 'apps')],
  }),
  def({
    group: 'discovery.k8s.io',
    version: 'v1',
    plural: 'endpointslices',
    singular: 'endpointslice',
    kind: 'EndpointSlice',
    namespaced: true,
    fields: { addressType: (o) => str(o.addressType) },
  }),
  def({
    group: 'metrics.k8s.io',
    version: 'v1beta1',
    plural: 'nodes',
    singular: '',
    kind: 'NodeMetrics',
    namespaced: false,
    verbs: ['get', 'list'],
    virtual: true,
  }),
  def({
    group: 'metrics.k8s.io',
    version: 'v1beta1',
    plural: 'pods',
    singular: '',
    kind: 'PodMetrics',
    namespaced: true,
    verbs: ['get', 'list'],
    virtual: true,
  }),
];

/** Resources that own pods or carry a spec whose changes bump metadata.generation. */
export const GENERATION_RESOURCES = new Set([
  'apps/deployments',
  'apps/replicasets',
  'apps/statefulsets',
  'apps/daemonsets',
]);

export function groupVersions(): Array<{
  group: string;
  version: string;
  resources: ResourceDef[];
}> {
  const out = new Map<string, { group: string; version: string; resources: ResourceDef[] }>();
  for (const r of RESOURCES) {
    const id = `${r.group}/${r.version}`;
    let gv = out.get(id);
    if (!gv) {
      gv = { group: r.group, version: r.version, resources: [] };
      out.set(id, gv);
    }
    gv.resources.push(r);
  }
  return [...out.values()];
}

export function findResource(
  group: string,
  version: string,
  plural: string,
): ResourceDef | undefined {
  return RESOURCES.find((r) => r.group === group && r.version === version && r.plural === plural);
}

export function resourceByKey(key: string): ResourceDef {
  const r = RESOURCES.find((d) => d.key === key);
  if (!r) throw new Error(`unknown resource ${key}`);
  return r;
}

export const apiVersionOf = (r: ResourceDef): string =>
  r.group ? `${r.group}/${r.version}` : r.version;
