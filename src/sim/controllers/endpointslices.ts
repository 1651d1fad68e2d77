// endpointslice-controller: one EndpointSlice per Service listing the selected pods' IPs and readiness.
import type { Controller } from '../engine/engine.js';
import type { KubeObject, Pod } from '../objects/types.js';
import type { ObjectStore } from '../store/object-store.js';
import { labelSelectorMatcher } from '../util/selectors.js';
import type { SeededRandom } from '../util/random.js';
import { ownerRef } from './pod-factory.js';
import { isReady } from './pod-readiness.js';

const SERVICE_LABEL = 'kubernetes.io/service-name';

export class EndpointSliceController implements Controller {
  readonly name = 'endpointslice-controller';
  /** Services (namespace/name) whose endpoints may have changed. */
  private readonly dirty = new Set<string>();

  constructor(
    private readonly store: ObjectStore,
    private readonly rng: SeededRandom,
  ) {
    store.onChange((c) => {
      const ns = c.object.metadata.namespace ?? 'default';
      if (c.resource === 'services') this.dirty.add(`${ns}/${c.object.metadata.name}`);
      else if (c.resource === 'pods') {
        // Only status, labels and deletion matter; only services selecting the pod care.
        if (
          c.type === 'MODIFIED' &&
          c.previous &&
          c.previous.status === c.object.status &&
          c.previous.metadata.labels === c.object.metadata.labels &&
          c.previous.metadata.deletionTimestamp === c.object.metadata.deletionTimestamp
        )
          return;
        for (const svc of store.list('services', ns)) {
          const sel = svc.spec?.selector as Record<string, string> | undefined;
          if (!sel) continue;
          const match = (labels: Record<string, string> | undefined): boolean =>
            Object.entries(sel).every(([k, v]) => labels?.[k] === v);
          if (match(c.object.metadata.labels) || match(c.previous?.metadata.labels))
            this.dirty.add(`${ns}/${svc.metadata.name}`);
        }
      }
    });
  }

  sync(): boolean {
    if (this.dirty.size === 0) return false;
    const keys = [...this.dirty];
    this.dirty.clear();
    let changed = false;
    for (const key of keys) {
      const [ns, name] = key.split('/') as [string, string];
      const svc = this.store.get('services', ns, name);
      if (svc) changed = this.reconcile(svc, this.store.list('pods', ns) as Pod[]) || changed;
    }
    return changed;
  }

  private reconcile(svc: KubeObject, pods: Pod[]): boolean {
    const selector = svc.spec?.selector as Record<string, string> | undefined;
    if (!selector) return false;
    const ns = svc.metadata.namespace ?? 'default';
    const match = labelSelectorMatcher({ matchLabels: selector });
    const selected = pods.filter(
      (p) =>
        match(p.metadata.labels) &&
        p.status?.podIP &&
        p.status.phase !== 'Succeeded' &&
        p.status.phase !== 'Failed',
    );
    const svcPorts =
      (svc.spec?.ports as
        | Array<{ name?: string; port: number; targetPort?: number | string; protocol?: string }>
        | undefined) ?? [];
    const ports = svcPorts.map((p) => ({
      name: p.name ?? '',
      port: typeof p.targetPort === 'number' ? p.targetPort : p.port,
      protocol: p.protocol ?? 'TCP',
    }));
    const endpoints = selected.map((p) => {
      const terminating = Boolean(p.metadata.deletionTimestamp);
      const ready = isReady(p) && !terminating;
      return {
        addresses: [p.status.podIP],
        conditions: { ready, serving: isReady(p), terminating },
        targetRef: { kind: 'Pod', namespace: ns, name: p.metadata.name, uid: p.metadata.uid },
        nodeName: p.spec.nodeName,
      };
    });
    const existing = this.store
      .list('discovery.k8s.io/endpointslices', ns)
      .find((s) => s.metadata.labels?.[SERVICE_LABEL] === svc.metadata.name);
    if (!existing) {
      this.store.create('discovery.k8s.io/endpointslices', {
        apiVersion: 'discovery.k8s.io/v1',
        kind: 'EndpointSlice',
        metadata: {
          name: `${svc.metadata.name}-${this.rng.suffix(5)}`,
          generateName: `${svc.metadata.name}-`,
          namespace: ns,
          uid: '',
          resourceVersion: '',
          creationTimestamp: '',
          labels: {
            'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io',
            [SERVICE_LABEL]: svc.metadata.name,
          },
          ownerReferences: [ownerRef(svc)],
        },
        addressType: 'IPv4',
        endpoints,
        ports,
      });
      return true;
    }
    const updated = this.store.setFields(
      'discovery.k8s.io/endpointslices',
      ns,
      existing.metadata.name,
      { endpoints, ports },
    );
    return updated !== existing;
  }
}
