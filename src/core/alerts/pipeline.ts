import type { Cluster } from '../kube/cluster.js';
import type { Logger } from '../log/logger.js';
import type { Scheduler } from '../jobs/scheduler.js';
import { analyzerSettings } from '../monitor/analyzers/analyzer-settings.js';
import { ClusterAnalyzer } from '../monitor/analyzers/cluster-analyzer.js';
import { MetricsCollector } from '../monitor/collector/metrics-collector.js';
import type { MonitoringConfig } from '../monitor/config.js';
import { SeriesStore } from '../monitor/series/series-store.js';
import type { Database } from '../store/database.js';
import type { Alert } from './alert.js';
import { AlertLifecycle } from './lifecycle/alert-lifecycle.js';
import type { AlertChannel, Notifier } from './notifier.js';
import { registerNotifyQueue, type NotifyQueue } from './outbox/notify-queue.js';
import { OutboxDelivery, exponentialBackoff } from './outbox/outbox-delivery.js';
import { sweepOutbox } from './outbox/outbox-sweeper.js';
import { AlertRouter, type ChannelBinding } from './routing/alert-router.js';
import { SilenceRepo } from './silences/silence-repo.js';
import { Silences } from './silences/silences.js';

/** What the pipeline needs of the cluster registry (`ClusterRegistry` fits). */
export interface ClusterSource {
  names(): string[];
  get(name: string): Promise<Cluster>;
}

export interface AlertPipelineOptions {
  config: MonitoringConfig;
  /** `roles.channels` of the config. */
  bindings: ChannelBinding[];
  db: Database;
  clusters: ClusterSource;
  notifiers: Notifier[];
  scheduler: Scheduler;
  /** The clock of alerts and analyzers (the sim's clock in tests and the demo). */
  now?: () => Date;
  /** Where alerts go when no channel binding asks for them (the demo: the terminal log). */
  fallbackRoutes?: AlertChannel[];
  explainer?: (alert: Alert) => Promise<string | undefined>;
  logger?: Logger;
  /** Analyzer wake-up timers (default true). */
  timers?: boolean;
}

/**
 * The proactive alert pipeline (DESIGN.md flow 3), wired: collector -> series store, cache watch
 * events -> analyzers -> lifecycle (+ outbox, same transaction) -> notify queue -> notifiers,
 * with the `collect`, `analyze` and `sweep` jobs on the scheduler. `start` registers the jobs;
 * the caller starts the scheduler afterwards.
 */
export class AlertPipeline {
  readonly lifecycle: AlertLifecycle;
  readonly silences: Silences;
  readonly silenceRepo: SilenceRepo;
  readonly delivery: OutboxDelivery;
  readonly router: AlertRouter;
  readonly analyzers = new Map<string, ClusterAnalyzer>();
  series?: SeriesStore;
  private collector?: MetricsCollector;
  private notify?: NotifyQueue;
  private readonly clusters = new Map<string, Cluster>();
  private readonly now: () => Date;

  constructor(private readonly options: AlertPipelineOptions) {
    this.now = options.now ?? (() => new Date());
    const { config, db, logger } = options;
    this.delivery = new OutboxDelivery({
      db,
      notifiers: options.notifiers,
      maxAttempts: config.delivery.attempts,
      backoffMs: exponentialBackoff(
        config.delivery.backoffSeconds * 1000,
        config.delivery.maxBackoffSeconds * 1000,
      ),
      timeoutMs: config.delivery.timeoutSeconds * 1000,
      ...(logger && { logger }),
    });
    this.router = new AlertRouter({
      bindings: options.bindings,
      platforms: this.delivery.platforms,
      ...(options.fallbackRoutes && { fallback: options.fallbackRoutes }),
    });
    this.silenceRepo = new SilenceRepo(db);
    this.silences = new Silences(this.silenceRepo, this.now);
    this.lifecycle = new AlertLifecycle({
      db,
      now: this.now,
      settings: config.alerts,
      router: this.router,
      silences: this.silences,
      onNotifications: (ids) => {
        for (const id of ids) void this.notify?.enqueue(id);
      },
      ...(options.explainer && { explainer: options.explainer }),
      ...(logger && { logger }),
    });
  }

  async start(): Promise<void> {
    const { config, scheduler, logger } = this.options;
    for (const b of this.router.unreachable()) {
      logger?.warn(
        { platform: b.platform, channel: b.channel },
        'a channel binding asks for alerts but its platform is not connected',
      );
    }
    this.series = await SeriesStore.open({
      db: this.options.db,
      now: this.now,
      rawRetentionMs: config.collector.rawRetentionHours * 3_600_000,
      rollupRetentionMs: config.collector.rollupRetentionDays * 86_400_000,
      flushIntervalMs: config.collector.flushIntervalSeconds * 1000,
    });
    this.collector = new MetricsCollector({
      store: this.series,
      now: this.now,
      ...(logger && { logger }),
    });
    this.notify = registerNotifyQueue({
      scheduler,
      delivery: this.delivery,
      attempts: config.delivery.attempts,
      backoffMs: exponentialBackoff(
        config.delivery.backoffSeconds * 1000,
        config.delivery.maxBackoffSeconds * 1000,
      ),
      ...(logger && { logger }),
    });
    scheduler.every('collect', config.collector.intervalSeconds * 1000, () => this.collectOnce());
    scheduler.every('analyze', config.analyzers.intervalSeconds * 1000, () => this.analyzeOnce());
    scheduler.every('sweep', config.delivery.sweepIntervalSeconds * 1000, () => this.sweepOnce());
    await this.attachClusters();
    // Notifications a previous process left undelivered go out without waiting for the first sweep.
    await this.sweepOnce();
  }

  /** The `collect` job: usage and state of every connected cluster, then flush and retention. */
  async collectOnce(): Promise<void> {
    const series = this.series;
    const collector = this.collector;
    if (!series || !collector) return;
    for (const cluster of this.clusters.values()) {
      try {
        await collector.collect(cluster);
      } catch (error) {
        this.options.logger?.warn({ err: error, cluster: cluster.name }, 'collection failed');
      }
    }
    await series.flushIfDue();
    await series.enforceRetention();
  }

  /** The `analyze` job: connects clusters not attached yet, a full pass each, lifecycle timers. */
  async analyzeOnce(): Promise<void> {
    await this.attachClusters();
    for (const analyzer of this.analyzers.values()) {
      try {
        await analyzer.fullPass();
      } catch (error) {
        this.options.logger?.warn(
          { err: error, cluster: analyzer.clusterName },
          'analyzer pass failed',
        );
      }
    }
    await this.lifecycle.tick();
  }

  /** The `sweep` job: undelivered notifications back to the queue, old incidents deleted. */
  async sweepOnce(): Promise<void> {
    const notify = this.notify;
    if (!notify) return;
    await sweepOutbox({
      repo: this.delivery.repo,
      enqueue: (id) => notify.enqueue(id),
      graceMs: 30_000,
    });
    const retentionMs = this.options.config.alerts.retentionDays * 86_400_000;
    await this.lifecycle.alerts.deleteResolvedBefore(this.now().getTime() - retentionMs);
  }

  /** Stops the analyzers and writes out buffered samples (stop the scheduler first). */
  async stop(): Promise<void> {
    for (const analyzer of this.analyzers.values()) analyzer.stop();
    this.collector?.close();
    await this.series?.flush();
  }

  private async attachClusters(): Promise<void> {
    for (const name of this.options.clusters.names()) {
      if (this.analyzers.has(name)) continue;
      try {
        const cluster = await this.options.clusters.get(name);
        await cluster.cache.ready();
        const analyzer = new ClusterAnalyzer({
          cluster,
          lifecycle: this.lifecycle,
          settings: analyzerSettings(this.options.config.analyzers),
          now: this.now,
          ...(this.options.logger && { logger: this.options.logger }),
          ...(this.options.timers === false && { timers: false }),
        });
        this.clusters.set(name, cluster);
        this.analyzers.set(name, analyzer);
        await analyzer.start();
      } catch (error) {
        this.options.logger?.warn(
          { err: error, cluster: name },
          'cluster not watched for alerts yet; will retry',
        );
      }
    }
  }
}
