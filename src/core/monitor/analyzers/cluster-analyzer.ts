import type { V1Pod } from '@kubernetes/client-node';
import type { Finding } from '../../alerts/alert.js';
import { fingerprintOf } from '../../alerts/fingerprint.js';
import type { AlertLifecycle } from '../../alerts/lifecycle/alert-lifecycle.js';
import type { CacheChange, Cluster } from '../../kube/cluster.js';
import type { Logger } from '../../log/logger.js';
import type { AnalyzerSettings } from './analyzer-settings.js';
import {
  evaluateWorkload,
  type WorkloadEvaluation,
  type WorkloadMemory,
} from './evaluate-workload.js';
import { gatherEvidence } from './evidence.js';
import { nodeFindings } from './node-findings.js';
import { RestartTracker } from './restart-tracker.js';
import { nodeKey, WatchEvents } from './watch-events.js';
import { WorkloadIndex, splitPodKey } from './workload-index.js';
import { workloadKey, type WorkloadRef } from './workload-of.js';

export const ANALYZER_SOURCE = 'analyzer';

export interface ClusterAnalyzerOptions {
  cluster: Pick<Cluster, 'name' | 'core' | 'cache'>;
  lifecycle: AlertLifecycle;
  settings: AnalyzerSettings;
  now: () => Date;
  logger?: Logger;
  /** Wakes the analyzer when a threshold passes (default true; tests on a frozen clock call `checkDue`). */
  timers?: boolean;
}

type Group = { type: 'workload'; ref: WorkloadRef } | { type: 'node'; name: string };

/**
 * The problem analyzers of one cluster. Watch events mark the affected workload or node dirty;
 * dirty groups are evaluated on the next turn of the event loop and only changed findings go to
 * the lifecycle, so a crash loop alerts within moments of the pod status saying so. Thresholds
 * ("Pending for 5 minutes") are met by a recheck time per group, and `fullPass` re-evaluates
 * everything as a safety net (the `analyze` job).
 */
export class ClusterAnalyzer {
  private readonly index: WorkloadIndex;
  private readonly memory: WorkloadMemory = {
    backoffSeen: new Map(),
    restarts: new RestartTracker(),
    unavailableSince: new Map(),
    active: new Set(),
  };
  /** Per group: fingerprint -> a signature of the finding last sent to the lifecycle. */
  private readonly sent = new Map<string, Map<string, string>>();
  private readonly recheck = new Map<string, number>();
  private readonly dirty = new Set<string>();
  private readonly events: WatchEvents;
  private unsubscribe?: () => void;
  private flushing?: Promise<void>;
  private flushQueued = false;
  private timer?: NodeJS.Timeout;
  private stopped = false;

  constructor(private readonly options: ClusterAnalyzerOptions) {
    this.index = new WorkloadIndex(options.cluster.cache);
    this.events = new WatchEvents(options.cluster.cache, this.index, this.memory, () => this.now());
  }

  get clusterName(): string {
    return this.options.cluster.name;
  }

  /** Subscribes to the cache (which must be ready) and runs a first full pass. */
  async start(): Promise<void> {
    for (const alert of await this.options.lifecycle.openAlerts()) {
      if (alert.source === ANALYZER_SOURCE && alert.subject.cluster === this.clusterName)
        this.memory.active.add(alert.fingerprint);
    }
    this.unsubscribe = this.options.cluster.cache.onChange((change) => this.onChange(change));
    await this.fullPass();
  }

  stop(): void {
    this.stopped = true;
    this.unsubscribe?.();
    clearTimeout(this.timer);
  }

  /** Re-evaluates every workload and node and reconciles all of this cluster's analyzer alerts. */
  async fullPass(): Promise<void> {
    await this.idle();
    const cache = this.options.cluster.cache;
    const deployments = new Set(
      cache.list('deployments').map((d) =>
        workloadKey({
          kind: 'Deployment',
          namespace: d.metadata?.namespace ?? '',
          name: d.metadata?.name ?? '',
        }),
      ),
    );
    for (const d of cache.list('deployments'))
      this.index.intern({
        kind: 'Deployment',
        namespace: d.metadata?.namespace ?? '',
        name: d.metadata?.name ?? '',
      });
    const groups: Group[] = this.index
      .rebuild(cache.list('pods'), deployments)
      .map((ref) => ({ type: 'workload' as const, ref }));
    for (const n of cache.list('nodes')) {
      groups.push({ type: 'node', name: n.metadata?.name ?? '' });
      this.events.sawNode(n);
    }
    this.sent.clear();
    this.recheck.clear();
    const findings: Finding[] = [];
    for (const group of groups) findings.push(...this.evaluate(group));
    this.memory.active.clear();
    for (const signatures of this.sent.values())
      for (const fp of signatures.keys()) this.memory.active.add(fp);
    await this.options.lifecycle.reconcile(ANALYZER_SOURCE, findings, {
      all: true,
      cluster: this.clusterName,
    });
    this.armTimer();
  }

  /** Evaluates the groups whose recheck time has come (a threshold passed, a hold ended). */
  async checkDue(): Promise<void> {
    const now = this.now();
    for (const [key, at] of this.recheck) if (at <= now) this.dirty.add(key);
    await this.flush();
  }

  /** Resolves once every watch event seen so far has been evaluated and reconciled. */
  async idle(): Promise<void> {
    while (this.flushing || this.dirty.size > 0) {
      if (this.flushing) await this.flushing;
      else await this.flush();
    }
  }

  private onChange(change: CacheChange): void {
    if (this.stopped) return;
    const keys = this.events.affected(change);
    if (keys.length === 0) return;
    for (const key of keys) this.dirty.add(key);
    this.scheduleFlush();
  }

  private scheduleFlush(): void {
    if (this.flushQueued) return;
    this.flushQueued = true;
    setImmediate(() => {
      this.flushQueued = false;
      void this.flush().catch((error: unknown) =>
        this.options.logger?.error(
          { err: error, cluster: this.clusterName },
          'analyzer pass failed',
        ),
      );
    });
  }

  private async flush(): Promise<void> {
    if (this.flushing) return this.flushing;
    if (this.dirty.size === 0) return;
    this.flushing = this.flushDirty().finally(() => {
      this.flushing = undefined;
    });
    return this.flushing;
  }

  private async flushDirty(): Promise<void> {
    while (this.dirty.size > 0 && !this.stopped) {
      const keys = [...this.dirty];
      this.dirty.clear();
      const findings: Finding[] = [];
      const scope: string[] = [];
      for (const key of keys) {
        const before = this.sent.get(key) ?? new Map<string, string>();
        const group = this.groupOf(key);
        const now = group ? this.evaluate(group) : [];
        const after = this.sent.get(key) ?? new Map<string, string>();
        if (group === undefined) this.sent.delete(key);
        if (sameMap(before, after)) continue;
        findings.push(...now);
        scope.push(...before.keys(), ...after.keys());
      }
      if (scope.length > 0)
        await this.options.lifecycle.reconcile(ANALYZER_SOURCE, findings, { fingerprints: scope });
    }
    this.armTimer();
  }

  /** Computes a group's findings, records their signatures and the group's next recheck. */
  private evaluate(group: Group): Finding[] {
    const key = group.type === 'node' ? nodeKey(group.name) : workloadKey(group.ref);
    const result =
      group.type === 'node' ? this.evaluateNode(group.name) : this.evaluateWorkload(group.ref);
    const signatures = new Map<string, string>();
    for (const f of result.findings) {
      const fp = fingerprintOf(f.subject, f.reason);
      signatures.set(fp, `${f.severity}|${f.summary}|${JSON.stringify(f.facts)}`);
      this.memory.active.add(fp);
    }
    for (const fp of this.sent.get(key)?.keys() ?? [])
      if (!signatures.has(fp)) this.memory.active.delete(fp);
    if (signatures.size > 0) this.sent.set(key, signatures);
    else this.sent.delete(key);
    if (result.recheckAt !== undefined) this.recheck.set(key, result.recheckAt);
    else this.recheck.delete(key);
    return result.findings;
  }

  private evaluateNode(name: string): { findings: Finding[]; recheckAt?: number } {
    const node = this.options.cluster.cache.get('nodes', undefined, name);
    if (!node) return { findings: [] };
    const podsOnNode = (): string[] =>
      this.options.cluster.cache
        .list('pods')
        .filter((p) => p.spec?.nodeName === name)
        .map((p) => `${p.metadata?.namespace}/${p.metadata?.name}`);
    const gather = () => () =>
      gatherEvidence(this.options.cluster, {
        namespace: '',
        objects: [name],
        pods: podsOnNode(),
        logLines: 0,
        events: this.options.settings.evidenceEvents,
      });
    return { findings: nodeFindings(this.clusterName, node, gather) };
  }

  private evaluateWorkload(ref: WorkloadRef): WorkloadEvaluation {
    const cache = this.options.cluster.cache;
    const pods: V1Pod[] = [];
    for (const pk of this.index.podsOf(workloadKey(ref))) {
      const [ns, name] = splitPodKey(pk);
      const pod = cache.get('pods', ns, name);
      if (pod) pods.push(pod);
    }
    return evaluateWorkload(
      this.options.cluster,
      ref,
      pods,
      this.memory,
      this.options.settings,
      this.now(),
    );
  }

  private groupOf(key: string): Group | undefined {
    if (key.startsWith('Node//')) return { type: 'node', name: key.slice('Node//'.length) };
    const ref = this.index.ref(key);
    return ref ? { type: 'workload', ref } : undefined;
  }

  /** One wall-clock timer for the earliest recheck, so thresholds fire on time between jobs. */
  private armTimer(): void {
    if (this.options.timers === false || this.stopped) return;
    clearTimeout(this.timer);
    let next = Infinity;
    for (const at of this.recheck.values()) next = Math.min(next, at);
    if (next === Infinity) return;
    const delay = Math.max(0, Math.min(next - this.now(), 2 ** 31 - 1));
    this.timer = setTimeout(() => void this.checkDue().catch(() => undefined), delay + 50);
    this.timer.unref?.();
  }

  private now(): number {
    return this.options.now().getTime();
  }
}

function sameMap(a: Map<string, string>, b: Map<string, string>): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) if (b.get(k) !== v) return false;
  return true;
}
