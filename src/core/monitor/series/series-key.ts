/**
 * A series is one metric of one object in one cluster. Objects are written as paths:
 * `pod/NS/NAME`, `container/NS/POD/CONTAINER`, `node/NAME`. Single-container pods have no
 * container series for usage: their pod series is the container's (halves the storage).
 */
export interface SeriesKey {
  cluster: string;
  object: string;
  metric: SeriesMetric;
}

/** Gauges are sampled (raw + 5-minute rollups); steps are stored only when the value changes. */
export type SeriesKind = 'gauge' | 'step';

export const gaugeMetrics = ['cpu', 'memory'] as const;
export const stepMetrics = [
  'cpu_request',
  'cpu_limit',
  'memory_request',
  'memory_limit',
  'restarts',
  'cpu_allocatable',
  'memory_allocatable',
  'ready',
  'memory_pressure',
  'disk_pressure',
  'pid_pressure',
] as const;

export type GaugeMetric = (typeof gaugeMetrics)[number];
export type StepMetric = (typeof stepMetrics)[number];
export type SeriesMetric = GaugeMetric | StepMetric;

const stepSet = new Set<string>(stepMetrics);

export function kindOfMetric(metric: string): SeriesKind {
  return stepSet.has(metric) ? 'step' : 'gauge';
}

export function isSeriesMetric(metric: string): metric is SeriesMetric {
  return stepSet.has(metric) || (gaugeMetrics as readonly string[]).includes(metric);
}

export const seriesObject = {
  pod: (namespace: string, name: string) => `pod/${namespace}/${name}`,
  container: (namespace: string, pod: string, container: string) =>
    `container/${namespace}/${pod}/${container}`,
  node: (name: string) => `node/${name}`,
};

/** The map key of a series (NUL cannot occur in Kubernetes names). */
export function seriesKeyString(key: SeriesKey): string {
  return `${key.cluster}\u0000${key.object}\u0000${key.metric}`;
}

export function parseSeriesKey(key: string): SeriesKey {
  const [cluster, object, metric] = key.split('\u0000') as [string, string, SeriesMetric];
  return { cluster, object, metric };
}
