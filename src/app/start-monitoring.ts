import type { Agent } from '../core/agent/agent.js';
import { createAlertCommands } from '../core/alerts/commands/alert-commands.js';
import { explainWithAgent } from '../core/alerts/explain-with-agent.js';
import { LogNotifier } from '../core/alerts/log-notifier.js';
import type { Notifier } from '../core/alerts/notifier.js';
import { AlertPipeline } from '../core/alerts/pipeline.js';
import { createScheduler } from '../core/jobs/create-scheduler.js';
import type { Scheduler } from '../core/jobs/scheduler.js';
import { AnomalyWatch } from '../core/monitor/anomaly/anomaly-watch.js';
import { createMonitorCommands } from '../core/monitor/commands.js';
import { ForecastJob } from '../core/monitor/forecast-job.js';
import { predictiveSettings } from '../core/monitor/predict/forecast-settings.js';
import { predictiveAlertImage } from '../core/monitor/predict/predictive-alert-image.js';
import type { Alert } from '../core/alerts/alert.js';
import type { MessageImage } from '../core/messages/core-message.js';
import type { Services } from './build-services.js';

export interface Monitoring {
  pipeline: AlertPipeline;
  forecasts: ForecastJob;
  anomalies: AnomalyWatch;
  scheduler: Scheduler;
  /** The alert clock (the sim's in the demo). */
  now: () => Date;
  /** The chart of a predictive alert (history, forecast band, limit line), for notifiers. */
  chartFor(alert: Alert): Promise<MessageImage | undefined>;
  stop(): Promise<void>;
}

export interface StartMonitoringOptions {
  services: Services;
  agent: Agent;
  /** Chat notifiers (Slack); the terminal log always hears alerts no channel binding takes. */
  notifiers: Notifier[];
  now?: () => Date;
  /** Runs after the pipeline is ready and before the scheduler starts (the demo's warm-up). */
  beforeJobs?: (monitoring: Monitoring) => Promise<void>;
}

/** The proactive alert pipeline and the forecast job on the scheduler (BullMQ with REDIS_URL, else in-process). */
export async function startMonitoring(options: StartMonitoringOptions): Promise<Monitoring> {
  const { services, agent } = options;
  const { config } = services;
  const settings = config.monitoring;
  const logger = services.logger.child({ component: 'monitor' });
  const now = options.now ?? (() => new Date());
  const scheduler = createScheduler({ redisUrl: config.redis.url, logger });
  const pipeline = new AlertPipeline({
    config: settings,
    bindings: config.roles.channels,
    db: services.db,
    clusters: services.clusters,
    notifiers: [...options.notifiers, new LogNotifier(services.logger, 'cli')],
    scheduler,
    now,
    fallbackRoutes: [{ platform: 'cli', channel: 'log' }],
    // With AI on, Claude explains each new problem once; repeats reuse the cached answer.
    ...(config.anthropic.apiKey ? { explainer: explainWithAgent(agent) } : {}),
    logger,
  });
  const predictive = predictiveSettings(settings.forecast);
  const forecasts = new ForecastJob({
    series: () => pipeline.series,
    clusters: services.clusters,
    lifecycle: pipeline.lifecycle,
    now,
    settings: predictive,
    recommendLookbackMs: settings.collector.rollupRetentionDays * 86_400_000,
    logger,
  });
  const commands = [
    ...createAlertCommands({
      lifecycle: pipeline.lifecycle,
      silences: pipeline.silences,
      silenceRepo: pipeline.silenceRepo,
      now,
    }),
    ...createMonitorCommands({
      series: () => pipeline.series,
      clusters: services.clusters,
      now,
      settings: predictive,
    }),
  ];
  for (const command of commands) agent.commands.register(command);

  const anomalies = new AnomalyWatch({ maxSeries: settings.anomaly.maxSeries });
  const monitoring: Monitoring = {
    pipeline,
    forecasts,
    anomalies,
    scheduler,
    now,
    chartFor: (alert) =>
      predictiveAlertImage(alert, {
        series: () => pipeline.series,
        clusters: services.clusters,
        now,
        settings: predictive,
      }),
    async stop() {
      await scheduler.stop();
      await pipeline.stop();
    },
  };
  await pipeline.start();
  scheduler.every('forecast', settings.forecast.intervalMinutes * 60_000, async () => {
    await forecasts.run();
  });
  if (settings.anomaly.enabled && pipeline.series) {
    pipeline.series.onRecord((key, t, value) => anomalies.observe(key, t, value));
    scheduler.every('anomaly', settings.analyzers.intervalSeconds * 1000, () =>
      anomalies.run(pipeline.lifecycle),
    );
  }
  await options.beforeJobs?.(monitoring);
  await scheduler.start();
  return monitoring;
}
