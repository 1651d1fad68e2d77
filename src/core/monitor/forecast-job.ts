import type { Finding } from '../alerts/alert.js';
import { fingerprintOf } from '../alerts/fingerprint.js';
import type { AlertLifecycle } from '../alerts/lifecycle/alert-lifecycle.js';
import type { Logger } from '../log/logger.js';
import { workloadKey } from './analyzers/workload-of.js';
import type { ForecastPoint } from './forecast/forecast.js';
import { predictiveSettings, type PredictiveSettings } from './predict/forecast-settings.js';
import type { LimitCrossing } from './predict/limit-crossing.js';
import { FORECAST_SOURCE, predictiveFinding } from './predict/predictive-finding.js';
import { RunStreaks } from './predict/run-streaks.js';
import { HistoryCache } from './predict/history-cache.js';
import {
  forecastSentence,
  forecastUsage,
  recentWindowMs,
  type UsageForecast,
} from './predict/usage-forecast.js';
import type { UsageHistory } from './predict/usage-history.js';
import {
  predictiveReasons,
  usageTargets,
  type ForecastCluster,
  type UsageTarget,
} from './predict/usage-targets.js';
import { recommendationLine } from './recommend/render-recommendations.js';
import { recommendWorkloads } from './recommend/workload-recommendations.js';
import { SLOT_MS } from './series/chunk-codec.js';
import { seriesKeyString, type SeriesKey } from './series/series-key.js';
import type { SeriesStore } from './series/series-store.js';

/** The latest forecast of one series (what the dashboard and commands can show without recomputing). */
export interface ForecastSummary {
  key: SeriesKey;
  /** When it was computed (alert clock). */
  at: number;
  model: string;
  current: number;
  /** The forecast at the horizon, with its band. */
  end: ForecastPoint;
  /** Highest forecast value within the horizon. */
  peak: number;
}

export interface ForecastRunStats {
  clusters: number;
  /** Usage series of live objects looked at. */
  series: number;
  forecast: number;
  /** Series with too little or too old history. */
  skipped: number;
  /** Incidents predicted on this run (before the consecutive-run rule). */
  predicted: number;
  /** Those predictions: the soonest crossing of each incident (times from the run). */
  predictions: Array<{
    fingerprint: string;
    label: string;
    reason: string;
    etaMs: number;
    lowerMs: number;
    upperMs: number;
    confidence?: number;
  }>;
  /** Predictive findings handed to the lifecycle (new or still open). */
  findings: number;
  /** Clusters that could not be read (their open predictive alerts are left as they are). */
  failed: string[];
}

export interface ForecastJobOptions {
  /** The series store (the pipeline opens it in `start`). */
  series: () => Pick<SeriesStore, 'readRollup'> | undefined;
  /** The cluster registry (`ClusterRegistry` fits): running pods and nodes come from its caches. */
  clusters: { names(): string[]; get(name: string): Promise<ForecastCluster> };
  lifecycle: Pick<AlertLifecycle, 'reconcile' | 'openAlerts'>;
  /** The alert clock. */
  now: () => Date;
  settings?: PredictiveSettings;
  /** How far back right-sizing hints on alerts look (the rollup retention). */
  recommendLookbackMs?: number;
  logger?: Logger;
}

const READ_BATCH = 64;

/**
 * The `forecast` job: every usage series of running pods and nodes forecast from its 5-minute
 * history; series with a limit (container memory, node allocatable) checked for a crossing
 * within the horizon. A crossing alerts once predicted on consecutive runs; an open predictive
 * alert stays while the crossing is still predicted (with some hysteresis) and resolves when it
 * is not. Findings go to the lifecycle as source `forecast`, one incident per workload or node.
 */
export class ForecastJob {
  /** Latest forecast per series (`seriesKeyString`). */
  readonly forecasts = new Map<string, ForecastSummary>();
  readonly settings: PredictiveSettings;
  private readonly streaks: RunStreaks;
  private readonly history: HistoryCache;

  constructor(private readonly options: ForecastJobOptions) {
    this.settings = options.settings ?? predictiveSettings();
    this.streaks = new RunStreaks(this.settings.minRunSpacingMs);
    this.history = new HistoryCache({
      historyMs: this.settings.historyMs,
      recentMs: recentWindowMs(this.settings),
    });
  }

  async run(): Promise<ForecastRunStats> {
    const stats: ForecastRunStats = {
      clusters: 0,
      series: 0,
      forecast: 0,
      skipped: 0,
      predicted: 0,
      predictions: [],
      findings: 0,
      failed: [],
    };
    const store = this.options.series();
    if (!store) return stats;
    for (const name of this.options.clusters.names()) {
      let cluster: ForecastCluster;
      try {
        cluster = await this.options.clusters.get(name);
      } catch (error) {
        stats.failed.push(name);
        this.options.logger?.warn(
          { err: error, cluster: name },
          'forecast skipped a cluster it cannot reach',
        );
        continue;
      }
      stats.clusters++;
      await this.runCluster(cluster, store, stats);
    }
    return stats;
  }

  private async runCluster(
    cluster: ForecastCluster,
    store: Pick<SeriesStore, 'readRollup'>,
    stats: ForecastRunStats,
  ): Promise<void> {
    const now = this.options.now().getTime();
    const s = this.settings;
    const targets = usageTargets(cluster.name, cluster.cache);
    stats.series += targets.length;
    const byIncident = new Map<
      string,
      Array<{ crossing: LimitCrossing; forecast: UsageForecast }>
    >();
    const seen = new Set<string>();
    for (let i = 0; i < targets.length; i += READ_BATCH) {
      const batch = targets.slice(i, i + READ_BATCH);
      const histories = await Promise.all(
        batch.map((t) => this.history.read(store, t.key, t.unit, now)),
      );
      batch.forEach((target, j) => {
        const history = histories[j] as UsageHistory;
        const last = history.recent.at(-1);
        const f =
          last && last.t + SLOT_MS >= now - s.staleAfterMs
            ? forecastUsage(target, history, now, s)
            : undefined;
        if (!f) {
          stats.skipped++;
          return;
        }
        stats.forecast++;
        const key = seriesKeyString(target.key);
        seen.add(key);
        this.forecasts.set(key, summaryOf(target, f, now));
        const crossing = f.crossing;
        if (!crossing) return;
        const fp = fingerprintOf(
          crossing.target.limit.subject,
          predictiveReasons[crossing.target.limit.kind],
        );
        const list = byIncident.get(fp) ?? [];
        list.push({ crossing, forecast: f });
        byIncident.set(fp, list);
      });
    }
    for (const [key, summary] of this.forecasts) {
      if (summary.key.cluster === cluster.name && !seen.has(key)) this.forecasts.delete(key);
    }
    this.history.prune(now - 2 * s.intervalMs);

    const open = new Set(
      (await this.options.lifecycle.openAlerts())
        .filter((a) => a.source === FORECAST_SOURCE && a.subject.cluster === cluster.name)
        .map((a) => a.fingerprint),
    );
    const raised = [...byIncident]
      .filter(([, list]) => list.some((x) => x.crossing.raise))
      .map(([fp]) => fp);
    stats.predicted += raised.length;
    for (const fp of raised) {
      const c = soonest((byIncident.get(fp) ?? []).filter((x) => x.crossing.raise)).crossing;
      stats.predictions.push({
        fingerprint: fp,
        label: c.target.label,
        reason: predictiveReasons[c.target.limit.kind],
        etaMs: c.etaMs,
        lowerMs: c.lowerMs,
        upperMs: c.upperMs,
        ...(c.confidence !== undefined && { confidence: c.confidence }),
      });
    }
    const streaks = this.streaks.update(cluster.name, raised, now);
    const findings: Finding[] = [];
    for (const [fp, list] of byIncident) {
      const isOpen = open.has(fp);
      const relevant = list.filter((x) => (isOpen ? x.crossing.hold : x.crossing.raise));
      if (relevant.length === 0) continue;
      if (!isOpen && (streaks.get(fp) ?? 0) < s.consecutiveRuns) continue;
      findings.push(await this.findingOf(cluster, store, relevant, now));
    }
    stats.findings += findings.length;
    await this.options.lifecycle.reconcile(FORECAST_SOURCE, findings, {
      all: true,
      cluster: cluster.name,
    });
  }

  private async findingOf(
    cluster: ForecastCluster,
    store: Pick<SeriesStore, 'readRollup'>,
    list: Array<{ crossing: LimitCrossing; forecast: UsageForecast }>,
    now: number,
  ): Promise<Finding> {
    const first = soonest(list);
    const extras: { forecast: string; recommendation?: string } = {
      forecast: forecastSentence(first.forecast, this.settings.horizonMs),
    };
    const target = first.crossing.target;
    if (target.limit.kind === 'container-memory' && target.pod) {
      try {
        const recs = await recommendWorkloads({
          store,
          cache: cluster.cache,
          cluster: cluster.name,
          namespace: target.pod.namespace,
          workload: workloadKey(target.limit.subject),
          now,
          lookbackMs: this.options.recommendLookbackMs ?? 8 * 86_400_000,
        });
        const rec = recs.find((r) => r.container === (target.pod?.container ?? r.container));
        const line = rec && recommendationLine(rec);
        if (line) extras.recommendation = line;
      } catch (error) {
        this.options.logger?.debug({ err: error }, 'no right-sizing hint for a predictive alert');
      }
    }
    return predictiveFinding(
      list.map((x) => x.crossing),
      this.settings.horizonMs,
      extras,
    );
  }
}

function soonest<T extends { crossing: LimitCrossing }>(list: T[]): T {
  return list.reduce((a, b) => (b.crossing.etaMs < a.crossing.etaMs ? b : a));
}

function summaryOf(target: UsageTarget, f: UsageForecast, now: number): ForecastSummary {
  const end = f.points.at(-1) ?? { t: now, value: f.current, lower: f.current, upper: f.current };
  let peak = f.current;
  for (const p of f.points) peak = Math.max(peak, p.value);
  return { key: target.key, at: now, model: f.model, current: f.current, end, peak };
}
