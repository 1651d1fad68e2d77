// deployment-controller: one ReplicaSet per pod template (named by its pod-template-hash),
// rolling updates within maxSurge/maxUnavailable, revisions and status conditions.
import type { Controller } from '../engine/engine.js';
import type { Timer } from '../engine/timer-queue.js';
import { defaultTemplate } from '../objects/pod-defaults.js';
import type { KubeObject, Workload } from '../objects/types.js';
import { isoSeconds } from '../util/duration.js';
import { safeHash } from '../util/random.js';
import { ownerRef } from './pod-factory.js';
import type { WorkloadControllerDeps } from './replicaset.js';
import { WorkloadQueue } from './workload-queue.js';

const DEFAULT_PROGRESS_DEADLINE_S = 600;

function intOrPercent(v: unknown, total: number, roundUp: boolean): number {
  if (typeof v === 'number') return v;
  const s = String(v ?? '25%');
  if (s.endsWith('%')) {
    const x = (Number(s.slice(0, -1)) * total) / 100;
    return roundUp ? Math.ceil(x) : Math.floor(x);
  }
  return Number(s) || 0;
}

export function templateHash(d: Workload): string {
  return safeHash(JSON.stringify(defaultTemplate(d.spec.template)), 10);
}

const num = (o: KubeObject, field: string): number => Number(o.status?.[field] ?? 0);
const specReplicas = (o: KubeObject): number =>
  Number((o.spec as Record<string, unknown> | undefined)?.replicas ?? 0);
const revisionOf = (o: KubeObject): number =>
  Number(o.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? 0);

export class DeploymentController implements Controller {
  readonly name = 'deployment-controller';
  private readonly queue: WorkloadQueue;
  private readonly deadlines = new Map<string, Timer>();

  constructor(private readonly d: WorkloadControllerDeps) {
    this.queue = new WorkloadQueue(d.store, 'apps/deployments', 'apps/replicasets', 'Deployment');
  }

  sync(): boolean {
    return this.queue.drain((w) => this.reconcile(w));
  }

  private replicaSets(dep: Workload): Workload[] {
    return this.d.owners
      .dependents(dep.metadata.uid, 'apps/replicasets')
      .map((r) => this.d.store.get('apps/replicasets', r.namespace, r.name) as Workload | undefined)
      .filter((rs): rs is Workload => rs !== undefined && !rs.metadata.deletionTimestamp);
  }

  private scale(rs: Workload, to: number, dep: Workload, maxSurge: number): void {
    const from = specReplicas(rs);
    if (from === to) return;
    const desired = dep.spec.replicas ?? 1;
    this.d.store.mutate('apps/replicasets', rs.metadata.namespace, rs.metadata.name, (draft) => {
      (draft.spec as Record<string, unknown>).replicas = to;
      draft.metadata.annotations = {
        ...draft.metadata.annotations,
        'deployment.kubernetes.io/desired-replicas': String(desired),
        'deployment.kubernetes.io/max-replicas': String(desired + maxSurge),
      };
    });
    const verb = to > from ? 'up' : 'down';
    this.d.events.record(
      dep,
      'Normal',
      'ScalingReplicaSet',
      `Scaled ${verb} replica set ${rs.metadata.name} from ${from} to ${to}`,
      { source: { component: 'deployment-controller' } },
    );
  }

  private reconcile(dep: Workload): boolean {
    const ns = dep.metadata.namespace ?? 'default';
    const desired = dep.spec.replicas ?? 1;
    const strategy =
      (dep.spec.strategy as
        | { type?: string; rollingUpdate?: { maxSurge?: unknown; maxUnavailable?: unknown } }
        | undefined) ?? {};
    const recreate = strategy.type === 'Recreate';
    let maxSurge = recreate ? 0 : intOrPercent(strategy.rollingUpdate?.maxSurge, desired, true);
    let maxUnavailable = recreate
      ? desired
      : intOrPercent(strategy.rollingUpdate?.maxUnavailable, desired, false);
    if (!recreate && maxSurge === 0 && maxUnavailable === 0) maxUnavailable = 1;
    if (desired === 0) maxSurge = 0;
    const hash = templateHash(dep);
    const all = this.replicaSets(dep);
    let newRS = all.find((rs) => rs.metadata.labels?.['pod-template-hash'] === hash);
    const maxRevision = Math.max(0, ...all.map(revisionOf));
    let changed = false;
    if (!newRS) {
      newRS = this.createReplicaSet(dep, hash, maxRevision + 1, maxSurge);
      changed = true;
    } else if (revisionOf(newRS) < maxRevision) {
      newRS = this.d.store.mutate('apps/replicasets', ns, newRS.metadata.name, (d) => {
        d.metadata.annotations = {
          ...d.metadata.annotations,
          'deployment.kubernetes.io/revision': String(maxRevision + 1),
        };
      }) as Workload;
      changed = true;
    }
    const olds = all.filter((rs) => rs !== newRS && rs.metadata.name !== newRS?.metadata.name);
    const activeOlds = olds.filter((rs) => specReplicas(rs) > 0);
    if (!dep.spec.paused) {
      if (activeOlds.length === 0) {
        if (specReplicas(newRS) !== desired) {
          this.scale(newRS, desired, dep, maxSurge);
          changed = true;
        }
      } else if (recreate) {
        for (const rs of activeOlds) this.scale(rs, 0, dep, maxSurge);
        changed = activeOlds.length > 0 || changed;
      } else {
        changed = this.roll(dep, newRS, activeOlds, desired, maxSurge, maxUnavailable) || changed;
      }
    }
    const revision = revisionOf(
      this.d.store.get('apps/replicasets', ns, newRS.metadata.name) ?? newRS,
    );
    return (
      this.writeStatus(dep, newRS.metadata.name, desired, maxUnavailable, String(revision)) ||
      changed
    );
  }

  private roll(
    dep: Workload,
    newRS: Workload,
    olds: Workload[],
    desired: number,
    maxSurge: number,
    maxUnavailable: number,
  ): boolean {
    let changed = false;
    const total = specReplicas(newRS) + olds.reduce((s, rs) => s + specReplicas(rs), 0);
    if (specReplicas(newRS) < desired && total < desired + maxSurge) {
      this.scale(
        newRS,
        Math.min(desired, specReplicas(newRS) + desired + maxSurge - total),
        dep,
        maxSurge,
      );
      changed = true;
    }
    const fresh = (rs: Workload): Workload =>
      (this.d.store.get('apps/replicasets', rs.metadata.namespace, rs.metadata.name) as
        Workload | undefined) ?? rs;
    const newNow = fresh(newRS);
    const allSpec = specReplicas(newNow) + olds.reduce((s, rs) => s + specReplicas(fresh(rs)), 0);
    const minAvailable = desired - maxUnavailable;
    const newUnavailable = Math.max(0, specReplicas(newNow) - num(newNow, 'availableReplicas'));
    let budget = allSpec - minAvailable - newUnavailable;
    const oldestFirst = [...olds].sort(
      (a, b) => Date.parse(a.metadata.creationTimestamp) - Date.parse(b.metadata.creationTimestamp),
    );
    // Unhealthy old replicas go first: removing them costs no availability.
    for (const rs of oldestFirst) {
      if (budget <= 0) break;
      const cur = fresh(rs);
      const unhealthy = Math.max(0, specReplicas(cur) - num(cur, 'availableReplicas'));
      const cut = Math.min(unhealthy, budget);
      if (cut > 0) {
        this.scale(cur, specReplicas(cur) - cut, dep, maxSurge);
        budget -= cut;
        changed = true;
      }
    }
    const available =
      num(newNow, 'availableReplicas') +
      olds.reduce((s, rs) => s + num(fresh(rs), 'availableReplicas'), 0);
    let canScaleDown = Math.min(available - minAvailable, budget);
    for (const rs of oldestFirst) {
      if (canScaleDown <= 0) break;
      const cur = fresh(rs);
      const cut = Math.min(specReplicas(cur), canScaleDown);
      if (cut > 0) {
        this.scale(cur, specReplicas(cur) - cut, dep, maxSurge);
        canScaleDown -= cut;
        changed = true;
      }
    }
    return changed;
  }

  private createReplicaSet(
    dep: Workload,
    hash: string,
    revision: number,
    maxSurge: number,
  ): Workload {
    const ns = dep.metadata.namespace ?? 'default';
    const labels = { ...(dep.spec.template.metadata?.labels ?? {}), 'pod-template-hash': hash };
    const template = defaultTemplate(dep.spec.template);
    template.metadata = { ...template.metadata, labels };
    const desired = dep.spec.replicas ?? 1;
    const rs = this.d.store.create('apps/replicasets', {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name: `${dep.metadata.name}-${hash}`,
        namespace: ns,
        uid: '',
        resourceVersion: '',
        creationTimestamp: '',
        labels,
        annotations: {
          'deployment.kubernetes.io/desired-replicas': String(desired),
          'deployment.kubernetes.io/max-replicas': String(desired + maxSurge),
          'deployment.kubernetes.io/revision': String(revision),
        },
        ownerReferences: [ownerRef(dep)],
      },
      spec: {
        replicas: 0,
        minReadySeconds: dep.spec.minReadySeconds ?? 0,
        selector: {
          ...dep.spec.selector,
          matchLabels: { ...(dep.spec.selector.matchLabels ?? {}), 'pod-template-hash': hash },
        },
        template,
      },
      status: { replicas: 0 },
    });
    return rs as Workload;
  }

  private writeStatus(
    dep: Workload,
    newRSName: string,
    desired: number,
    maxUnavailable: number,
    revision: string,
  ): boolean {
    const now = this.d.engine.time;
    const rss = this.replicaSets(dep);
    const newRS = rss.find((rs) => rs.metadata.name === newRSName);
    const replicas = rss.reduce((s, rs) => s + num(rs, 'replicas'), 0);
    const ready = rss.reduce((s, rs) => s + num(rs, 'readyReplicas'), 0);
    const available = rss.reduce((s, rs) => s + num(rs, 'availableReplicas'), 0);
    const updated = newRS ? num(newRS, 'replicas') : 0;
    const complete =
      updated === desired &&
      replicas === desired &&
      available === desired &&
      rss.every((rs) => rs === newRS || specReplicas(rs) === 0);
    const key = `${dep.metadata.namespace}/${dep.metadata.name}`;
    const before = dep;
    if (dep.metadata.annotations?.['deployment.kubernetes.io/revision'] !== revision) {
      this.d.store.mutate(
        'apps/deployments',
        dep.metadata.namespace,
        dep.metadata.name,
        (draft) => {
          draft.metadata.annotations = {
            ...draft.metadata.annotations,
            'deployment.kubernetes.io/revision': revision,
          };
        },
      );
    }
    const draft =
      (this.d.store.get('apps/deployments', dep.metadata.namespace, dep.metadata.name) as
        Workload | undefined) ?? dep;
    const prev = (
      (draft.status?.conditions as Array<Record<string, string>> | undefined) ?? []
    ).reduce<Record<string, Record<string, string>>>((m, c) => ({ ...m, [c.type ?? '']: c }), {});
    const ts = isoSeconds(now);
    const cond = (
      type: string,
      status: string,
      reason: string,
      message: string,
      progressed: boolean,
    ): Record<string, string> => {
      const p = prev[type];
      const same = p && p.status === status && p.reason === reason;
      return {
        type,
        status,
        lastUpdateTime: same && !progressed ? (p.lastUpdateTime ?? ts) : ts,
        lastTransitionTime: p && p.status === status ? (p.lastTransitionTime ?? ts) : ts,
        reason,
        message,
      };
    };
    const availableOk = available >= desired - maxUnavailable;
    const prevProgress = prev.Progressing;
    const progressedNow =
      JSON.stringify([updated, ready, available, replicas]) !==
      JSON.stringify([
        draft.status?.updatedReplicas ?? 0,
        draft.status?.readyReplicas ?? 0,
        draft.status?.availableReplicas ?? 0,
        draft.status?.replicas ?? 0,
      ]);
    const deadline =
      Number(draft.spec?.progressDeadlineSeconds ?? DEFAULT_PROGRESS_DEADLINE_S) * 1000;
    const lastProgress = prevProgress?.lastUpdateTime
      ? Date.parse(prevProgress.lastUpdateTime)
      : now;
    let progressing: Record<string, string>;
    if (complete)
      progressing = cond(
        'Progressing',
        'True',
        'NewReplicaSetAvailable',
        `ReplicaSet "${newRSName}" has successfully progressed.`,
        false,
      );
    else if (!progressedNow && now - lastProgress >= deadline)
      progressing = cond(
        'Progressing',
        'False',
        'ProgressDeadlineExceeded',
        `ReplicaSet "${newRSName}" has timed out progressing.`,
        false,
      );
    else if (prevProgress?.reason === 'ProgressDeadlineExceeded' && !progressedNow)
      progressing = { ...prevProgress };
    else
      progressing = cond(
        'Progressing',
        'True',
        'ReplicaSetUpdated',
        `ReplicaSet "${newRSName}" is progressing.`,
        progressedNow,
      );
    const status = {
      observedGeneration: draft.metadata.generation ?? 1,
      replicas,
      updatedReplicas: updated,
      ...(ready ? { readyReplicas: ready } : {}),
      ...(available ? { availableReplicas: available } : {}),
      ...(Math.max(0, desired - available)
        ? { unavailableReplicas: Math.max(0, desired - available) }
        : {}),
      conditions: [
        availableOk
          ? cond(
              'Available',
              'True',
              'MinimumReplicasAvailable',
              'Deployment has minimum availability.',
              false,
            )
          : cond(
              'Available',
              'False',
              'MinimumReplicasUnavailable',
              'Deployment does not have minimum availability.',
              false,
            ),
        progressing,
      ],
    };
    const result = this.d.store.setFields(
      'apps/deployments',
      dep.metadata.namespace,
      dep.metadata.name,
      { status },
    );
    if (!complete && result) {
      const prog = (result.status?.conditions as Array<Record<string, string>> | undefined)?.find(
        (c) => c.type === 'Progressing',
      );
      const last = prog?.lastUpdateTime ? Date.parse(prog.lastUpdateTime) : now;
      const deadline =
        Number(result.spec?.progressDeadlineSeconds ?? DEFAULT_PROGRESS_DEADLINE_S) * 1000;
      const old = this.deadlines.get(key);
      if (old) old.cancelled = true;
      if (prog?.reason !== 'ProgressDeadlineExceeded')
        this.deadlines.set(
          key,
          this.d.engine.schedule(last + deadline + 1000, () => this.queue.mark(key)),
        );
    }
    return result !== before;
  }
}
