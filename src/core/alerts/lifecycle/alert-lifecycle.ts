import type { MonitoringConfig } from '../../monitor/config.js';
import type { Logger } from '../../log/logger.js';
import type { Database, Queryable } from '../../store/database.js';
import { AlertsRepo } from '../../store/repos/alerts.js';
import { UserError } from '../../errors/user-error.js';
import type { Alert, Evidence, Finding } from '../alert.js';
import { fingerprintOf } from '../fingerprint.js';
import { OutboxRepo } from '../outbox/outbox-repo.js';
import type { AlertRouter } from '../routing/alert-router.js';
import type { Silences } from '../silences/silences.js';
import { gatherWithin } from './gather-within.js';
import { writeNotifications } from './notification-writer.js';
import {
  acknowledgeAlert,
  clearAlert,
  openAlert,
  refreshAlert,
  reopenAlert,
  resolveIfDue,
  type LifecycleSettings,
  type Transition,
} from './transitions.js';

export interface AlertLifecycleOptions {
  db: Database;
  /** The alert clock (the sim's in tests). */
  now: () => Date;
  /** Wall time for delivery bookkeeping (outbox rows). */
  wallNow?: () => number;
  settings: MonitoringConfig['alerts'];
  router: AlertRouter;
  silences: Silences;
  /** Called after commit with the ids of new outbox rows (the notify queue takes them). */
  onNotifications?: (outboxIds: number[]) => void;
  /** Explains a new incident once per fingerprint, when AI is on. */
  explainer?: (alert: Alert) => Promise<string | undefined>;
  /** How long evidence gathering may take before the incident opens without it. */
  evidenceTimeoutMs?: number;
  logger?: Logger;
}

/** Which open alerts a pass speaks for: those it has no finding for are clearing. */
export type ReconcileScope = { all: true; cluster?: string } | { fingerprints: Iterable<string> };

export interface ReconcileResult {
  opened: Alert[];
  updated: Alert[];
  resolved: Alert[];
  outboxIds: number[];
}

/**
 * Turns findings into incidents: deduplicated by fingerprint, reopened within the cooldown,
 * damped when flapping, resolved once clear, silenced on request. Each change and its outbox
 * rows are written in one transaction. Calls run one at a time (watch events and the periodic
 * pass may arrive together).
 */
export class AlertLifecycle {
  readonly alerts: AlertsRepo;
  readonly outbox: OutboxRepo;
  private readonly settings: LifecycleSettings;
  private open?: Map<string, Alert>;
  private lastTouch = Number.NEGATIVE_INFINITY;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: AlertLifecycleOptions) {
    this.alerts = new AlertsRepo(options.db);
    this.outbox = new OutboxRepo(options.db);
    const s = options.settings;
    this.settings = {
      resolveAfterMs: s.resolveAfterSeconds * 1000,
      cooldownMs: s.cooldownMinutes * 60_000,
      flapReopenCount: s.flapReopenCount,
      flapWindowMs: s.flapWindowMinutes * 60_000,
      flapHoldMs: s.flapHoldMinutes * 60_000,
    };
  }

  /** Applies the findings of one source for one scope. */
  reconcile(source: string, findings: Finding[], scope: ReconcileScope): Promise<ReconcileResult> {
    return this.serially(() => this.reconcileNow(source, findings, scope));
  }

  /** Resolves incidents clear for long enough and sends what a lapsed silence held back. */
  tick(): Promise<ReconcileResult> {
    return this.serially(async () => {
      const open = await this.loadOpen();
      await this.options.silences.refreshIfStale();
      const now = this.now();
      const transitions: Transition[] = [];
      for (const alert of open.values()) {
        const resolved = resolveIfDue(alert, now, this.settings);
        if (resolved) transitions.push(resolved);
        else if (!alert.notified && alert.state === 'firing' && !this.silenced(alert)) {
          transitions.push({ alert: { ...alert }, write: true, notify: { kind: 'new' } });
        }
      }
      return this.commit(transitions, []);
    });
  }

  /** `ack ID`: firing -> acknowledged, noted in the incident's thread. */
  acknowledge(id: number, by: string): Promise<Alert> {
    return this.serially(async () => {
      const open = await this.loadOpen();
      const alert = [...open.values()].find((a) => a.id === id);
      if (!alert) {
        const stored = await this.alerts.get(id);
        if (!stored)
          throw new UserError(
            'not-found',
            `There is no alert ${id}.`,
            'See the ids with `alerts`.',
          );
        throw new UserError('conflict', `Alert ${id} is already resolved.`);
      }
      if (alert.state === 'acknowledged') {
        throw new UserError(
          'conflict',
          `Alert ${id} was already acknowledged by ${alert.ackedBy ?? 'someone'}.`,
        );
      }
      await this.options.silences.refreshIfStale();
      const result = await this.commit([acknowledgeAlert(alert, by, this.now())], []);
      return result.updated[0] as Alert;
    });
  }

  /** Open incidents (from memory, the same the lifecycle acts on). */
  async openAlerts(): Promise<Alert[]> {
    return [...(await this.loadOpen()).values()];
  }

  private async reconcileNow(
    source: string,
    findings: Finding[],
    scope: ReconcileScope,
  ): Promise<ReconcileResult> {
    const open = await this.loadOpen();
    await this.options.silences.refreshIfStale();
    const now = this.now();
    const present = new Map<string, Finding>();
    for (const f of findings) present.set(fingerprintOf(f.subject, f.reason), f);

    const transitions: Transition[] = [];
    const openings: Array<{ fingerprint: string; finding: Finding }> = [];
    for (const [fingerprint, finding] of present) {
      const current = open.get(fingerprint);
      if (current) transitions.push(refreshAlert(current, finding, now));
      else openings.push({ fingerprint, finding });
    }
    const inScope =
      'all' in scope
        ? [...open.values()].filter(
            (a) =>
              a.source === source &&
              (scope.cluster === undefined || a.subject.cluster === scope.cluster),
          )
        : [...new Set(scope.fingerprints)]
            .map((fp) => open.get(fp))
            .filter((a): a is Alert => a !== undefined && a.source === source);
    for (const alert of inScope) {
      if (!present.has(alert.fingerprint)) transitions.push(clearAlert(alert, now, this.settings));
    }
    const evidence = await Promise.all(
      openings.map((o) =>
        gatherWithin(o.finding, this.options.evidenceTimeoutMs ?? 5000, this.options.logger),
      ),
    );
    // A repeat of a known problem carries its cached explanation from the first notification on.
    const explanations = await Promise.all(
      openings.map((o) => this.alerts.explanation(o.fingerprint)),
    );
    const newOnes = openings.map((o, i) => ({
      ...o,
      evidence: evidence[i],
      explanation: explanations[i],
      source,
    }));
    const result = await this.commit(transitions, newOnes);
    // Full passes keep `last_seen_at` in the database roughly current without a write per event.
    if ('all' in scope && now - this.lastTouch >= 5 * 60_000) {
      this.lastTouch = now;
      const ids = [...present.keys()]
        .map((fp) => open.get(fp)?.id)
        .filter((id): id is number => id !== undefined);
      if (ids.length > 0) await this.alerts.touch(ids, now);
    }
    return result;
  }

  private async commit(
    transitions: Transition[],
    openings: Array<{
      fingerprint: string;
      finding: Finding;
      evidence?: Evidence;
      explanation?: string;
      source: string;
    }>,
  ): Promise<ReconcileResult> {
    const result: ReconcileResult = { opened: [], updated: [], resolved: [], outboxIds: [] };
    const now = this.now();
    const wallNow = this.options.wallNow?.() ?? Date.now();
    const changed = transitions.filter((t) => t.write);
    if (changed.length === 0 && openings.length === 0) {
      for (const t of transitions) this.open?.set(t.alert.fingerprint, t.alert);
      return result;
    }
    const written: Alert[] = [];
    await this.options.db.transaction(async (tx) => {
      for (const o of openings) {
        const previous =
          this.settings.cooldownMs > 0
            ? await this.alerts.lastResolved(tx, o.fingerprint, now - this.settings.cooldownMs)
            : undefined;
        let transition: Transition;
        if (previous) {
          transition = reopenAlert(previous, o.finding, now, this.settings, o.evidence);
          // The old incident's explanation (cached per fingerprint) comes along.
        } else {
          const fresh = openAlert(o.finding, o.fingerprint, o.source, now, o.evidence);
          if (o.explanation) fresh.explanation = o.explanation;
          const id = await this.alerts.insert(tx, fresh, now);
          transition = { alert: { ...fresh, id }, write: false, notify: { kind: 'new' } };
          result.opened.push(transition.alert);
        }
        await this.apply(tx, transition, now, wallNow, result);
        written.push(transition.alert);
      }
      for (const t of changed) {
        await this.apply(tx, t, now, wallNow, result);
        written.push(t.alert);
      }
    });
    // Memory follows the database only once the transaction has committed.
    for (const t of transitions) if (!t.write) this.open?.set(t.alert.fingerprint, t.alert);
    for (const alert of written) {
      if (alert.state === 'resolved') this.open?.delete(alert.fingerprint);
      else this.open?.set(alert.fingerprint, alert);
    }
    if (result.outboxIds.length > 0) this.options.onNotifications?.(result.outboxIds);
    for (const alert of result.opened) void this.explain(alert);
    return result;
  }

  private async apply(
    tx: Queryable,
    t: Transition,
    now: number,
    wallNow: number,
    result: ReconcileResult,
  ): Promise<void> {
    const alert = t.alert;
    if (t.notify && !this.silenced(alert)) {
      result.outboxIds.push(
        ...(await writeNotifications(
          tx,
          this.outbox,
          this.options.router,
          alert,
          t.notify,
          wallNow,
        )),
      );
    }
    await this.alerts.update(tx, alert, now);
    if (alert.state === 'resolved') result.resolved.push(alert);
    else if (!result.opened.includes(alert)) result.updated.push(alert);
  }

  private silenced(alert: Alert): boolean {
    return this.options.silences.covering(alert) !== undefined;
  }

  private async explain(alert: Alert): Promise<void> {
    const explainer = this.options.explainer;
    if (!explainer || alert.explanation) return;
    try {
      if (await this.alerts.explanation(alert.fingerprint)) return;
      const text = await explainer(alert);
      if (text) await this.alerts.saveExplanation(alert.fingerprint, text, this.now());
    } catch (error) {
      this.options.logger?.warn({ err: error, alert: alert.id }, 'could not explain the alert');
    }
  }

  private async loadOpen(): Promise<Map<string, Alert>> {
    if (!this.open) this.open = new Map((await this.alerts.open()).map((a) => [a.fingerprint, a]));
    return this.open;
  }

  private now(): number {
    return this.options.now().getTime();
  }

  private serially<T>(work: () => Promise<T>): Promise<T> {
    const result = this.queue.then(work, work);
    this.queue = result.catch(() => undefined);
    return result;
  }
}
