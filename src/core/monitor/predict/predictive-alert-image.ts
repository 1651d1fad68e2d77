import type { Alert } from '../../alerts/alert.js';
import type { MessageImage } from '../../messages/core-message.js';
import type { SeriesStore } from '../series/series-store.js';
import { forecastChart } from './forecast-chart.js';
import type { PredictiveSettings } from './forecast-settings.js';
import { FORECAST_SOURCE } from './predictive-finding.js';
import { readUsageForecast } from './read-usage-forecast.js';
import {
  nodeTargets,
  podTargets,
  predictiveReasons,
  type ForecastCluster,
  type UsageTarget,
} from './usage-targets.js';

export interface PredictiveAlertImageDeps {
  series: () => Pick<SeriesStore, 'readRollup'> | undefined;
  clusters: { get(name: string): Promise<ForecastCluster> };
  /** The alert clock. */
  now: () => Date;
  settings: PredictiveSettings;
}

/**
 * The chart of a predictive alert (history, forecast band, limit line), drawn when the alert is
 * shown: alerts store text only, so the notifier or a command asks for the image from the
 * series the alert's facts name (`pod` and `container`, or `node`). Undefined for other alerts
 * and for objects that are gone.
 */
export async function predictiveAlertImage(
  alert: Pick<Alert, 'source' | 'subject' | 'facts' | 'reason'>,
  deps: PredictiveAlertImageDeps,
): Promise<MessageImage | undefined> {
  if (alert.source !== FORECAST_SOURCE) return undefined;
  const store = deps.series();
  if (!store) return undefined;
  const cluster = await deps.clusters.get(alert.subject.cluster);
  const target = targetOf(alert, cluster);
  if (!target) return undefined;
  const now = deps.now().getTime();
  const report = await readUsageForecast(store, target, now, deps.settings);
  if (!report.forecast) return undefined;
  return forecastChart(report.forecast, report.history, now, deps.settings.horizonMs);
}

function targetOf(
  alert: Pick<Alert, 'subject' | 'facts' | 'reason'>,
  cluster: ForecastCluster,
): UsageTarget | undefined {
  const { facts } = alert;
  const limited = (targets: UsageTarget[], metric: string) =>
    targets.find((t) => t.limit && t.key.metric === metric);
  if (facts.node) {
    const node = cluster.cache.get('nodes', undefined, facts.node);
    if (!node) return undefined;
    return limited(
      nodeTargets(cluster.name, node),
      alert.reason === predictiveReasons['node-cpu'] ? 'cpu' : 'memory',
    );
  }
  const [namespace, name] = (facts.pod ?? '').split('/');
  if (!namespace || !name) return undefined;
  const pod = cluster.cache.get('pods', namespace, name);
  if (!pod) return undefined;
  return podTargets(cluster.name, pod, cluster.cache).find(
    (t) =>
      t.limit &&
      t.key.metric === 'memory' &&
      (facts.container === undefined || t.pod?.container === facts.container),
  );
}
