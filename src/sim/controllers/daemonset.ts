// daemonset-controller: one pod per eligible node, replaced node by node when the template changes.
import type { Controller } from '../engine/engine.js';
import { defaultTemplate } from '../objects/pod-defaults.js';
import type { KubeObject, Pod, Workload } from '../objects/types.js';
import { safeHash } from '../util/random.js';
import { deletePodGracefully, podFromTemplate } from './pod-factory.js';
import { isActive, isAvailable, isReady } from './pod-readiness.js';
import type { WorkloadControllerDeps } from './replicaset.js';
import { WorkloadQueue } from './workload-queue.js';

const DS_TOLERATIONS = [
  { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
];

function eligible(ds: Workload, node: KubeObject): boolean {
  const sel = (ds.spec.template.spec.nodeSelector ?? {}) as Record<string, string>;
  if (Object.entries(sel).some(([k, v]) => node.metadata.labels?.[k] !== v)) return false;
  const taints = (node.spec?.taints as Array<{ key: string; effect: string }> | undefined) ?? [];
  const tolerations = [
    ...((ds.spec.template.spec.tolerations as Array<Record<string, unknown>> | undefined) ?? []),
    ...DS_TOLERATIONS,
  ];
  return taints.every((t) =>
    tolerations.some(
      (x) => (x.operator === 'Exists' && (!x.key || x.key === t.key)) || x.key === t.key,
    ),
  );
}

export class DaemonSetController implements Controller {
  readonly name = 'daemonset-controller';
  private readonly queue: WorkloadQueue;

  constructor(private readonly d: WorkloadControllerDeps) {
    this.queue = new WorkloadQueue(d.store, 'apps/daemonsets', 'pods', 'DaemonSet');
    // A node that comes or goes changes where every daemonset should run.
    d.store.onChange((c) => {
      if (c.resource === 'nodes' && c.type !== 'MODIFIED') this.queue.markAll();
    });
  }

  sync(): boolean {
    return this.queue.drain((w) => this.reconcile(w));
  }

  static hash(ds: Workload): string {
    return safeHash(JSON.stringify(defaultTemplate(ds.spec.template)), 10);
  }

  private reconcile(ds: Workload): boolean {
    const ns = ds.metadata.namespace ?? 'default';
    const hash = DaemonSetController.hash(ds);
    const now = this.d.engine.time;
    const pods = this.d.owners
      .dependents(ds.metadata.uid, 'pods')
      .map((r) => this.d.store.get('pods', r.namespace, r.name) as Pod | undefined)
      .filter((p): p is Pod => p !== undefined);
    const byNode = new Map<string, Pod[]>();
    for (const p of pods)
      byNode.set(p.spec.nodeName ?? '', [...(byNode.get(p.spec.nodeName ?? '') ?? []), p]);
    const nodes = this.d.store.list('nodes').filter((n) => eligible(ds, n));
    let changed = false;
    let replacing = pods.some((p) => p.metadata.deletionTimestamp);
    for (const node of nodes) {
      const mine = (byNode.get(node.metadata.name) ?? []).filter(isActive);
      if (
        mine.length === 0 &&
        !(byNode.get(node.metadata.name) ?? []).some((p) => p.metadata.deletionTimestamp)
      ) {
        const generateName = `${ds.metadata.name}-`;
        const pod = podFromTemplate(
          ds.spec.template,
          ns,
          `${generateName}${this.d.rng.suffix(5)}`,
          ds,
          this.d.rng,
          {
            'controller-revision-hash': hash,
            'pod-template-generation': String(ds.metadata.generation ?? 1),
          },
          generateName,
        );
        pod.spec.nodeName = node.metadata.name;
        pod.spec.tolerations = [...(pod.spec.tolerations ?? []), ...DS_TOLERATIONS.slice(2)];
        this.d.store.create('pods', pod);
        this.d.events.record(
          ds,
          'Normal',
          'SuccessfulCreate',
          `Created pod: ${pod.metadata.name}`,
          { source: { component: 'daemonset-controller' } },
        );
        changed = true;
      } else if (
        !replacing &&
        mine[0] &&
        mine[0].metadata.labels?.['controller-revision-hash'] !== hash
      ) {
        deletePodGracefully(this.d.store, mine[0], now);
        this.d.events.record(
          ds,
          'Normal',
          'SuccessfulDelete',
          `Deleted pod: ${mine[0].metadata.name}`,
          { source: { component: 'daemonset-controller' } },
        );
        replacing = true;
        changed = true;
      }
    }
    const nodeNames = new Set(nodes.map((n) => n.metadata.name));
    const active = pods.filter(isActive);
    const scheduled = active.filter((p) => nodeNames.has(p.spec.nodeName ?? ''));
    const updated = this.d.store.setFields('apps/daemonsets', ns, ds.metadata.name, {
      status: {
        currentNumberScheduled: scheduled.length,
        numberMisscheduled: active.length - scheduled.length,
        desiredNumberScheduled: nodes.length,
        numberReady: scheduled.filter(isReady).length,
        observedGeneration: ds.metadata.generation ?? 1,
        updatedNumberScheduled: scheduled.filter(
          (p) => p.metadata.labels?.['controller-revision-hash'] === hash,
        ).length,
        numberAvailable: scheduled.filter((p) => isAvailable(p, now)).length,
        ...(nodes.length - scheduled.filter((p) => isAvailable(p, now)).length > 0
          ? {
              numberUnavailable: nodes.length - scheduled.filter((p) => isAvailable(p, now)).length,
            }
          : {}),
      },
    });
    return changed || updated !== ds;
  }
}
