// replicaset-controller: keeps the number of active pods of each ReplicaSet at spec.replicas.
import type { Controller, Engine } from '../engine/engine.js';
import type { EventRecorder } from '../engine/event-recorder.js';
import type { KubeObject, Pod, Workload } from '../objects/types.js';
import type { ObjectStore } from '../store/object-store.js';
import { labelSelectorMatcher } from '../util/selectors.js';
import type { SeededRandom } from '../util/random.js';
import type { OwnerIndex } from './owner-index.js';
import { deletePodGracefully, podFromTemplate } from './pod-factory.js';
import { isActive, isAvailable, isReady } from './pod-readiness.js';
import { WorkloadQueue } from './workload-queue.js';

export interface WorkloadControllerDeps {
  store: ObjectStore;
  engine: Engine;
  events: EventRecorder;
  owners: OwnerIndex;
  rng: SeededRandom;
}

/** Deletion preference of the real controller: unscheduled, then pending, then not ready, then newest. */
function deletionRank(p: Pod): number[] {
  return [
    p.spec.nodeName ? 1 : 0,
    p.status?.phase === 'Pending' ? 0 : 1,
    isReady(p) ? 1 : 0,
    -Date.parse(p.metadata.creationTimestamp),
  ];
}

export class ReplicaSetController implements Controller {
  readonly name = 'replicaset-controller';
  private readonly queue: WorkloadQueue;

  constructor(private readonly d: WorkloadControllerDeps) {
    this.queue = new WorkloadQueue(d.store, 'apps/replicasets', 'pods', 'ReplicaSet');
  }

  sync(): boolean {
    return this.queue.drain((w) => this.reconcile(w));
  }

  pods(rs: KubeObject): Pod[] {
    return this.d.owners
      .dependents(rs.metadata.uid, 'pods')
      .map((r) => this.d.store.get('pods', r.namespace, r.name) as Pod | undefined)
      .filter(
        (p): p is Pod =>
          p !== undefined &&
          p.metadata.ownerReferences?.some((o) => o.uid === rs.metadata.uid) === true,
      );
  }

  private reconcile(rs: Workload): boolean {
    const ns = rs.metadata.namespace ?? 'default';
    const now = this.d.engine.time;
    const pods = this.pods(rs);
    const active = pods.filter(isActive);
    const desired = rs.spec.replicas ?? 1;
    let changed = false;
    if (active.length < desired) {
      for (let i = active.length; i < desired; i++) {
        const generateName = `${rs.metadata.name}-`;
        let name = `${generateName}${this.d.rng.suffix(5)}`;
        while (this.d.store.get('pods', ns, name)) name = `${generateName}${this.d.rng.suffix(5)}`;
        const pod = this.d.store.create(
          'pods',
          podFromTemplate(rs.spec.template, ns, name, rs, this.d.rng, {}, generateName),
        );
        active.push(pod as Pod);
        this.d.events.record(rs, 'Normal', 'SuccessfulCreate', `Created pod: ${name}`, {
          source: { component: 'replicaset-controller' },
        });
      }
      changed = true;
    } else if (active.length > desired) {
      const victims = [...active].sort((a, b) => {
        const ra = deletionRank(a);
        const rb = deletionRank(b);
        for (let i = 0; i < ra.length; i++)
          if ((ra[i] ?? 0) !== (rb[i] ?? 0)) return (ra[i] ?? 0) - (rb[i] ?? 0);
        return 0;
      });
      for (const victim of victims.slice(0, active.length - desired)) {
        deletePodGracefully(this.d.store, victim, now);
        this.d.events.record(
          rs,
          'Normal',
          'SuccessfulDelete',
          `Deleted pod: ${victim.metadata.name}`,
          { source: { component: 'replicaset-controller' } },
        );
      }
      changed = true;
    }
    const current = this.pods(rs).filter(isActive);
    const matcher = labelSelectorMatcher({ matchLabels: rs.spec.template.metadata?.labels });
    const minReady = Number(rs.spec.minReadySeconds ?? 0);
    const status = {
      replicas: current.length,
      fullyLabeledReplicas: current.filter((p) => matcher(p.metadata.labels)).length,
      readyReplicas: current.filter(isReady).length,
      availableReplicas: current.filter((p) => isAvailable(p, now, minReady)).length,
      terminatingReplicas: pods.filter((p) => p.metadata.deletionTimestamp).length,
      observedGeneration: rs.metadata.generation ?? 1,
    };
    const s: Record<string, unknown> = {
      replicas: status.replicas,
      fullyLabeledReplicas: status.fullyLabeledReplicas,
    };
    if (status.readyReplicas) s.readyReplicas = status.readyReplicas;
    if (status.availableReplicas) s.availableReplicas = status.availableReplicas;
    if (status.terminatingReplicas) s.terminatingReplicas = status.terminatingReplicas;
    s.observedGeneration = status.observedGeneration;
    const updated = this.d.store.setFields('apps/replicasets', ns, rs.metadata.name, { status: s });
    return changed || updated !== rs;
  }
}
