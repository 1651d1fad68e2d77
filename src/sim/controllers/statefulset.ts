// statefulset-controller: pods <name>-0..N-1 created in order (each after the previous is ready),
// removed from the highest ordinal, and replaced one at a time when the template changes.
import type { Controller } from '../engine/engine.js';
import { defaultTemplate } from '../objects/pod-defaults.js';
import type { Pod, Workload } from '../objects/types.js';
import { safeHash } from '../util/random.js';
import { deletePodGracefully, podFromTemplate } from './pod-factory.js';
import { isActive, isAvailable, isReady } from './pod-readiness.js';
import type { WorkloadControllerDeps } from './replicaset.js';
import { WorkloadQueue } from './workload-queue.js';

export class StatefulSetController implements Controller {
  readonly name = 'statefulset-controller';
  private readonly queue: WorkloadQueue;

  constructor(private readonly d: WorkloadControllerDeps) {
    this.queue = new WorkloadQueue(d.store, 'apps/statefulsets', 'pods', 'StatefulSet');
  }

  sync(): boolean {
    return this.queue.drain((w) => this.reconcile(w));
  }

  static revision(sts: Workload): string {
    return `${sts.metadata.name}-${safeHash(JSON.stringify(defaultTemplate(sts.spec.template)), 10)}`;
  }

  private reconcile(sts: Workload): boolean {
    const ns = sts.metadata.namespace ?? 'default';
    const name = sts.metadata.name;
    const desired = sts.spec.replicas ?? 1;
    const revision = StatefulSetController.revision(sts);
    const now = this.d.engine.time;
    const pods = new Map<number, Pod>();
    for (const ref of this.d.owners.dependents(sts.metadata.uid, 'pods')) {
      const p = this.d.store.get('pods', ref.namespace, ref.name) as Pod | undefined;
      const ordinal = Number(p?.metadata.name.slice(name.length + 1));
      if (p && Number.isInteger(ordinal)) pods.set(ordinal, p);
    }
    let changed = false;
    const parallel = sts.spec.podManagementPolicy === 'Parallel';
    for (let i = 0; i < desired; i++) {
      const p = pods.get(i);
      if (p) {
        if (!isReady(p) && !parallel) break;
        continue;
      }
      const podName = `${name}-${i}`;
      const pod = podFromTemplate(sts.spec.template, ns, podName, sts, this.d.rng, {
        'apps.kubernetes.io/pod-index': String(i),
        'controller-revision-hash': revision,
        'statefulset.kubernetes.io/pod-name': podName,
      });
      pod.spec.hostname = podName;
      if (sts.spec.serviceName) pod.spec.subdomain = String(sts.spec.serviceName);
      this.d.store.create('pods', pod);
      this.d.events.record(
        sts,
        'Normal',
        'SuccessfulCreate',
        `create Pod ${podName} in StatefulSet ${name} successful`,
        { source: { component: 'statefulset-controller' } },
      );
      changed = true;
      if (!parallel) break;
    }
    const extra = [...pods.keys()].filter((i) => i >= desired).sort((a, b) => b - a);
    const highest = extra[0];
    if (highest !== undefined) {
      const p = pods.get(highest);
      if (p && !p.metadata.deletionTimestamp) {
        deletePodGracefully(this.d.store, p, now);
        this.d.events.record(
          sts,
          'Normal',
          'SuccessfulDelete',
          `delete Pod ${p.metadata.name} in StatefulSet ${name} successful`,
          { source: { component: 'statefulset-controller' } },
        );
        changed = true;
      }
    } else {
      const all = [...pods.entries()].sort((a, b) => b[0] - a[0]);
      const stale = all.find(
        ([, p]) =>
          p.metadata.labels?.['controller-revision-hash'] !== revision &&
          !p.metadata.deletionTimestamp,
      );
      if (
        stale &&
        all.every(([, p]) => p.metadata.deletionTimestamp || isReady(p) || p === stale[1])
      ) {
        deletePodGracefully(this.d.store, stale[1], now);
        changed = true;
      }
    }
    const active = [...pods.values()].filter(isActive);
    const ready = active.filter(isReady).length;
    const current = active.filter(
      (p) => p.metadata.labels?.['controller-revision-hash'] === revision,
    ).length;
    const updated = this.d.store.setFields('apps/statefulsets', ns, name, {
      status: {
        observedGeneration: sts.metadata.generation ?? 1,
        replicas: active.length,
        ...(ready ? { readyReplicas: ready } : {}),
        currentReplicas: current,
        updatedReplicas: current,
        currentRevision: revision,
        updateRevision: revision,
        collisionCount: 0,
        availableReplicas: active.filter((p) =>
          isAvailable(p, now, Number(sts.spec.minReadySeconds ?? 0)),
        ).length,
      },
    });
    return changed || updated !== sts;
  }
}
