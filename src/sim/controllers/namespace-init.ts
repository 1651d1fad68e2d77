// What a new namespace gets in a real cluster: the "default" ServiceAccount (serviceaccount-
// controller) and the "kube-root-ca.crt" ConfigMap (root-ca-cert-publisher).
import type { Controller } from '../engine/engine.js';
import type { ObjectStore } from '../store/object-store.js';

const CA =
  '-----BEGIN CERTIFICATE-----\nMIIDBTCCAe2gAwIBAgIIsimulatedcluster\n-----END CERTIFICATE-----\n';

export class NamespaceInitializer implements Controller {
  readonly name = 'namespace-init';
  private readonly fresh: string[] = [];

  constructor(private readonly store: ObjectStore) {
    store.onChange((c) => {
      if (c.resource === 'namespaces' && c.type === 'ADDED')
        this.fresh.push(c.object.metadata.name);
    });
  }

  sync(): boolean {
    if (this.fresh.length === 0) return false;
    while (this.fresh.length > 0) {
      const ns = this.fresh.shift() ?? '';
      if (!this.store.get('namespaces', undefined, ns)) continue;
      const meta = (
        name: string,
      ): {
        name: string;
        namespace: string;
        uid: string;
        resourceVersion: string;
        creationTimestamp: string;
      } => ({ name, namespace: ns, uid: '', resourceVersion: '', creationTimestamp: '' });
      if (!this.store.get('serviceaccounts', ns, 'default'))
        this.store.create('serviceaccounts', {
          apiVersion: 'v1',
          kind: 'ServiceAccount',
          metadata: meta('default'),
        });
      if (!this.store.get('configmaps', ns, 'kube-root-ca.crt')) {
        this.store.create('configmaps', {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: {
            ...meta('kube-root-ca.crt'),
            annotations: {
              'kubernetes.io/description':
                'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.',
            },
          },
          data: { 'ca.crt': CA },
        });
      }
    }
    return true;
  }
}
