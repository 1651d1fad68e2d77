// Defaulting on create, per resource, as the API server's defaulters and registry strategies do.
import { applyPodDefaults, defaultTemplate } from '../objects/pod-defaults.js';
import type { KubeObject, Pod, Workload } from '../objects/types.js';
import type { ObjectStore } from '../store/object-store.js';
import { hashString, type SeededRandom } from '../util/random.js';
import { apiVersionOf, type ResourceDef } from './resources.js';

function allocateClusterIP(store: ObjectStore, rng: SeededRandom): string {
  const used = new Set(store.list('services').map((s) => String(s.spec?.clusterIP ?? '')));
  for (;;) {
    const ip = `10.96.${rng.int(256)}.${rng.int(253) + 1}`;
    if (!used.has(ip)) return ip;
  }
}

/** Fills server-set fields of a new object; `obj` is a fresh copy of the request body. */
export function prepareForCreate(
  def: ResourceDef,
  obj: KubeObject,
  namespace: string | undefined,
  store: ObjectStore,
  rng: SeededRandom,
): KubeObject {
  obj.apiVersion = apiVersionOf(def);
  obj.kind = def.kind;
  const m = obj.metadata;
  if (!m.name && m.generateName) m.name = `${m.generateName}${rng.suffix(5)}`;
  if (def.namespaced) m.namespace = namespace ?? m.namespace ?? 'default';
  else delete m.namespace;
  m.uid = '';
  m.resourceVersion = '';
  m.creationTimestamp = '';
  delete m.deletionTimestamp;
  delete m.deletionGracePeriodSeconds;
  delete m.generation;
  delete m.managedFields;
  delete m.selfLink;
  switch (def.key) {
    case 'pods':
      return applyPodDefaults(obj as Pod, rng.suffix(5));
    case 'apps/deployments':
    case 'apps/replicasets':
    case 'apps/statefulsets':
    case 'apps/daemonsets': {
      const w = obj as Workload;
      const spec = w.spec as Record<string, unknown>;
      if (def.key !== 'apps/daemonsets') spec.replicas ??= 1;
      spec.revisionHistoryLimit ??= 10;
      if (def.key === 'apps/deployments') {
        const strategy = (spec.strategy ?? {}) as { type?: string; rollingUpdate?: unknown };
        if (!strategy.type || (strategy.type === 'RollingUpdate' && !strategy.rollingUpdate))
          spec.strategy = {
            type: 'RollingUpdate',
            rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' },
          };
        spec.progressDeadlineSeconds ??= 600;
      }
      if (def.key === 'apps/statefulsets') {
        spec.podManagementPolicy ??= 'OrderedReady';
        spec.updateStrategy ??= { type: 'RollingUpdate', rollingUpdate: { partition: 0 } };
      }
      if (def.key === 'apps/daemonsets')
        spec.updateStrategy ??= {
          type: 'RollingUpdate',
          rollingUpdate: { maxUnavailable: 1, maxSurge: 0 },
        };
      w.spec.template = defaultTemplate(w.spec.template);
      w.status = {};
      return w;
    }
    case 'services': {
      const spec = (obj.spec ??= {}) as Record<string, unknown>;
      spec.type ??= 'ClusterIP';
      spec.sessionAffinity ??= 'None';
      if (spec.type !== 'ExternalName') {
        spec.clusterIP ??= allocateClusterIP(store, rng);
        spec.clusterIPs ??= [spec.clusterIP];
        spec.ipFamilies ??= ['IPv4'];
        spec.ipFamilyPolicy ??= 'SingleStack';
        spec.internalTrafficPolicy ??= 'Cluster';
      }
      const ports = (spec.ports as Array<Record<string, unknown>> | undefined) ?? [];
      for (const p of ports) {
        p.protocol ??= 'TCP';
        p.targetPort ??= p.port;
        if ((spec.type === 'NodePort' || spec.type === 'LoadBalancer') && p.nodePort === undefined)
          p.nodePort = 30000 + (hashString(`${m.namespace}/${m.name}/${String(p.port)}`) % 2768);
      }
      if (spec.type === 'NodePort' || spec.type === 'LoadBalancer')
        spec.externalTrafficPolicy ??= 'Cluster';
      obj.status = { loadBalancer: {} };
      return obj;
    }
    case 'namespaces':
      m.labels = { ...m.labels, 'kubernetes.io/metadata.name': m.name };
      obj.spec = { finalizers: ['kubernetes'] };
      obj.status = { phase: 'Active' };
      return obj;
    case 'secrets': {
      const stringData = obj.stringData as Record<string, string> | undefined;
      if (stringData) {
        obj.data = {
          ...((obj.data as Record<string, string> | undefined) ?? {}),
          ...Object.fromEntries(
            Object.entries(stringData).map(([k, v]) => [
              k,
              Buffer.from(String(v)).toString('base64'),
            ]),
          ),
        };
        delete obj.stringData;
      }
      obj.type ??= 'Opaque';
      return obj;
    }
    default:
      return obj;
  }
}
