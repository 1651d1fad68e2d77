import type { V1Pod } from '@kubernetes/client-node';
import { namespaceFlag, splitPodRef } from '../agent/commands/builtin/common-flags.js';
import type { ChatCommand } from '../agent/commands/command-table.js';
import { UserError } from '../errors/user-error.js';
import { block, message } from '../messages/build.js';
import type { Block, CoreMessage, MessageImage } from '../messages/core-message.js';
import { forecastChart } from './predict/forecast-chart.js';
import { formatSpan } from './predict/format.js';
import { predictiveSettings, type PredictiveSettings } from './predict/forecast-settings.js';
import { crossingSentence } from './predict/predictive-finding.js';
import { readUsageForecast, type UsageReport } from './predict/read-usage-forecast.js';
import { forecastSentence } from './predict/usage-forecast.js';
import { podTargets, type ForecastCluster } from './predict/usage-targets.js';
import { renderRecommendations } from './recommend/render-recommendations.js';
import { defaultRightSizeSettings, type RightSizeSettings } from './recommend/right-size.js';
import { recommendWorkloads } from './recommend/workload-recommendations.js';
import type { SeriesStore } from './series/series-store.js';

export interface MonitorCommandDeps {
  /** The series store (the alert pipeline opens it in `start`). */
  series: () => Pick<SeriesStore, 'readRollup'> | undefined;
  /** The cluster registry: pods, their specs and owners come from its caches. */
  clusters: { get(name: string): Promise<ForecastCluster> };
  /** The alert clock (the sim's in the demo). */
  now: () => Date;
  settings?: PredictiveSettings;
  rightSize?: RightSizeSettings;
  /** How far back `recommend` looks: the rollup retention (8 days by default). */
  lookbackMs?: number;
}

/** `forecast NS/POD` and `recommend [NS]`, for the agent's command table. */
export function createMonitorCommands(deps: MonitorCommandDeps): ChatCommand[] {
  return [forecastCommand(deps), recommendCommand(deps)];
}

function forecastCommand(deps: MonitorCommandDeps): ChatCommand {
  const settings = deps.settings ?? predictiveSettings();
  const horizon = formatSpan(settings.horizonMs);
  return {
    name: 'forecast',
    summary: `a pod's memory and CPU for the next ${horizon}, when it reaches its limit, with a chart`,
    usage: 'forecast NS/POD [-n NS]',
    args: {
      flags: [namespaceFlag],
      positionals: [
        { name: 'POD', required: true, description: 'the pod, as NS/POD (or POD with -n NS)' },
      ],
    },
    examples: ['forecast shop/cart-7d9c5-x2k4p', 'forecast cart-7d9c5-x2k4p -n shop'],
    async run(ctx, args) {
      const store = requireStore(deps);
      const cluster = await deps.clusters.get(ctx.cluster.cluster);
      const ref = splitPodRef(
        args.positionals[0] ?? '',
        args.flags.namespace as string | undefined,
      );
      const pod = findPod(cluster, ref.pod, ref.namespace);
      const now = deps.now().getTime();
      const targets = podTargets(cluster.name, pod, cluster.cache);
      const reports = await Promise.all(
        targets.map((t) => readUsageForecast(store, t, now, settings)),
      );
      return [
        forecastMessage(
          reports,
          `${pod.metadata?.namespace}/${pod.metadata?.name}`,
          cluster.name,
          now,
          settings,
        ),
      ];
    },
  };
}

function forecastMessage(
  reports: UsageReport[],
  label: string,
  cluster: string,
  now: number,
  settings: PredictiveSettings,
): CoreMessage {
  const title = `Forecast for ${label} (${cluster})`;
  // Memory first: it is what gets a pod killed.
  const podLevel = reports
    .filter((r) => r.target.pod?.container === undefined)
    .sort((a, b) => Number(b.target.unit === 'bytes') - Number(a.target.unit === 'bytes'));
  if (podLevel.every((r) => r.history.length === 0)) {
    throw new UserError(
      'not-found',
      `No usage of ${label} has been recorded yet.`,
      'The collector samples every 30 s; ask again in a few minutes.',
    );
  }
  const horizon = formatSpan(settings.horizonMs);
  const fields = podLevel.map((r) => ({
    label: r.target.unit === 'bytes' ? 'Memory' : 'CPU',
    value: r.forecast
      ? forecastSentence(r.forecast, settings.horizonMs)
      : `only ${minutes(r.history)} of history; a forecast needs an hour`,
  }));
  const blocks: Block[] = [block.fields(fields)];
  const crossings = reports
    .map((r) => r.forecast?.crossing)
    .filter((c): c is NonNullable<typeof c> => c !== undefined && c.etaMs <= settings.horizonMs)
    .sort((a, b) => a.etaMs - b.etaMs);
  const limited = reports.some((r) => r.target.limit);
  if (crossings.length > 0) {
    for (const c of crossings) blocks.push(block.text(capitalize(crossingSentence(c))));
  } else {
    blocks.push(
      block.text(
        limited
          ? `No limit is reached within ${horizon}.`
          : `It has no memory limit, so there is nothing to reach within ${horizon}.`,
      ),
    );
  }
  const models = podLevel
    .filter((r) => r.forecast)
    .map((r) => `${r.target.unit === 'bytes' ? 'memory' : 'CPU'}: ${r.forecast?.model}`);
  if (models.length > 0)
    blocks.push(
      block.note(
        `Method (picked by how well it forecast the recent past) ${models.join(', ')}; the band holds about 85 % of outcomes.`,
      ),
    );
  const chart = chartReport(reports);
  const out = message(crossings.length > 0 ? 'warning' : 'info', blocks, title);
  const image: MessageImage | undefined = chart?.forecast
    ? forecastChart(chart.forecast, chart.history, now, settings.horizonMs)
    : undefined;
  return image ? { ...out, image } : out;
}

/** The memory series that reaches its limit first, else the pod's memory. */
function chartReport(reports: UsageReport[]): UsageReport | undefined {
  const memory = reports.filter((r) => r.target.unit === 'bytes' && r.forecast);
  const crossing = memory
    .filter((r) => r.forecast?.crossing)
    .sort((a, b) => (a.forecast?.crossing?.etaMs ?? 0) - (b.forecast?.crossing?.etaMs ?? 0));
  return (
    crossing[0] ??
    memory.find((r) => r.target.limit) ??
    memory.find((r) => r.target.pod?.container === undefined)
  );
}

function recommendCommand(deps: MonitorCommandDeps): ChatCommand {
  const settings = deps.rightSize ?? defaultRightSizeSettings;
  return {
    name: 'recommend',
    aliases: ['rightsize'],
    summary: 'right-sized requests and limits from observed use, and idle workloads',
    usage: 'recommend [NS]',
    args: {
      flags: [namespaceFlag],
      positionals: [
        { name: 'NS', required: false, description: 'only this namespace (default: all)' },
      ],
    },
    examples: ['recommend shop', 'recommend'],
    async run(ctx, args) {
      const store = requireStore(deps);
      const positional = args.positionals[0];
      const flag = args.flags.namespace as string | undefined;
      if (positional !== undefined && flag !== undefined && positional !== flag) {
        throw new UserError(
          'bad-input',
          `\`recommend\` got two namespaces, ${positional} and ${flag}.`,
          'Give the namespace once.',
        );
      }
      const namespace = positional ?? flag;
      const cluster = await deps.clusters.get(ctx.cluster.cluster);
      if (namespace !== undefined && !cluster.cache.get('namespaces', undefined, namespace)) {
        const known = cluster.cache.list('namespaces').map((n) => n.metadata?.name ?? '');
        throw new UserError(
          'not-found',
          `There is no namespace ${namespace} in ${cluster.name}.`,
          `Namespaces: ${known.slice(0, 20).join(', ')}.`,
        );
      }
      const recs = await recommendWorkloads({
        store,
        cache: cluster.cache,
        cluster: cluster.name,
        ...(namespace !== undefined && { namespace }),
        now: deps.now().getTime(),
        lookbackMs: deps.lookbackMs ?? 8 * 86_400_000,
        settings,
      });
      const scope =
        namespace !== undefined
          ? `namespace ${namespace} (${cluster.name})`
          : `all namespaces (${cluster.name})`;
      return [renderRecommendations(recs, scope, settings)];
    },
  };
}

function requireStore(deps: MonitorCommandDeps): Pick<SeriesStore, 'readRollup'> {
  const store = deps.series();
  if (!store)
    throw new UserError(
      'unavailable',
      'Usage history is not collected here.',
      'Turn monitoring on (`monitoring.enabled: true`) and ask again in a few minutes.',
    );
  return store;
}

function findPod(cluster: ForecastCluster, name: string, namespace: string | undefined): V1Pod {
  if (!name)
    throw new UserError(
      'bad-input',
      'Which pod?',
      'Write it like `forecast shop/cart-7d9c5-x2k4p`.',
    );
  if (namespace !== undefined) {
    const pod = cluster.cache.get('pods', namespace, name);
    if (pod) return pod;
  }
  const pods = cluster.cache.list('pods', namespace);
  const exact = pods.filter((p) => p.metadata?.name === name);
  if (exact.length === 1) return exact[0] as V1Pod;
  if (exact.length > 1) {
    const where = exact.map((p) => `${p.metadata?.namespace}/${name}`).join(', ');
    throw new UserError(
      'bad-input',
      `There are pods called ${name} in several namespaces: ${where}.`,
      `Write it as NS/${name}.`,
    );
  }
  const similar = pods
    .filter((p) => (p.metadata?.name ?? '').startsWith(name))
    .slice(0, 5)
    .map((p) => `${p.metadata?.namespace}/${p.metadata?.name}`);
  const where = namespace !== undefined ? ` in namespace ${namespace}` : '';
  throw new UserError(
    'not-found',
    `There is no pod ${name}${where} in ${cluster.name}.`,
    similar.length > 0 ? `Did you mean ${similar.join(', ')}?` : 'See the pods with `pods`.',
  );
}

function minutes(history: UsageReport['history']): string {
  const span = history.length > 1 ? (history.at(-1)?.t ?? 0) - (history[0]?.t ?? 0) : 0;
  return `${Math.round(span / 60_000)} min`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
