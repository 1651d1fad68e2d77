// The dashboard's AlertsView and MetricsView over the running alert pipeline and series store.
import type { Alert } from '../../core/alerts/alert.js';
import type { AlertLifecycle } from '../../core/alerts/lifecycle/alert-lifecycle.js';
import type { SilenceRepo } from '../../core/alerts/silences/silence-repo.js';
import type { Silences } from '../../core/alerts/silences/silences.js';
import { UserError } from '../../core/errors/user-error.js';
import type { SeriesStore } from '../../core/monitor/series/series-store.js';
import type { AlertsView, MetricsView } from '../ports.js';

/** What of `AlertPipeline` the alert pages use (the pipeline itself fits). */
export interface AlertSource {
  lifecycle: Pick<AlertLifecycle, 'alerts' | 'acknowledge' | 'openAlerts'>;
  silences: Pick<Silences, 'refresh' | 'refreshIfStale' | 'covering'>;
  silenceRepo: Pick<SilenceRepo, 'create'>;
}

/** `now` is the alert clock: the pipeline's (the sim's in the demo). */
export function alertsViewOf(source: AlertSource, now: () => Date): AlertsView {
  return {
    async list({ state, limit }) {
      if (state !== 'resolved') {
        const open = await source.lifecycle.openAlerts();
        return open
          .filter((a) => a.state === state)
          .sort((a, b) => b.lastSeenAt - a.lastSeenAt)
          .slice(0, limit);
      }
      // Open ones come first in the repository's order; ask for enough to fill the page.
      const all = await source.lifecycle.alerts.list({
        includeResolved: true,
        limit: limit + 1000,
      });
      return all.filter((a) => a.state === 'resolved').slice(0, limit);
    },
    get: (id) => source.lifecycle.alerts.get(id),
    acknowledge: (id, by) => source.lifecycle.acknowledge(id, by),
    async silence(id, request) {
      const alert = await source.lifecycle.alerts.get(id);
      if (!alert) throw new UserError('not-found', `There is no alert #${id}.`);
      const createdAt = now().getTime();
      const silence = await source.silenceRepo.create({
        fingerprint: alert.fingerprint,
        createdBy: request.by,
        createdAt,
        expiresAt: createdAt + request.durationMs,
        ...(request.comment && { comment: request.comment }),
      });
      await source.silences.refresh();
      return silence;
    },
    async silencedBy(alert: Alert) {
      await source.silences.refreshIfStale();
      return source.silences.covering(alert);
    },
  };
}

/** The series store appears once the pipeline has started: hence a getter. */
export function metricsViewOf(series: () => SeriesStore | undefined, now: () => Date): MetricsView {
  return {
    now: () => now().getTime(),
    objects(cluster, kind) {
      const seen = new Set<string>();
      for (const key of series()?.listSeries(cluster, `${kind}/`) ?? []) seen.add(key.object);
      return [...seen];
    },
    async read(key, from, to, resolution = 'auto') {
      const store = series();
      return store ? store.readSeries(key, from, to, resolution) : [];
    },
  };
}
