import type { Finding } from '../../alerts/alert.js';
import type { AlertLifecycle } from '../../alerts/lifecycle/alert-lifecycle.js';
import { AnomalyDetector } from '../detector/anomaly-detector.js';
import type { SeriesKey } from '../series/series-key.js';
import { describeAnomaly } from './describe-anomaly.js';

export interface AnomalyWatchOptions {
  /** Points are 5-minute means: the detector's memory per series stays small and noise drops. */
  bucketMs?: number;
  /** Series watched at most (first come); each costs roughly 40 kB of detector state. */
  maxSeries?: number;
}

interface Watched {
  key: SeriesKey;
  detector: AnomalyDetector;
  bucket?: { start: number; sum: number; n: number };
  /** Set while the detector's episode is alerting: the incident is open. */
  active?: { since: number; value: number; score: number };
}

/**
 * The streaming anomaly detector over every pod usage series the collector records:
 * each series is judged from its own past (daily cycle, noise, drift), an episode raises one
 * `anomaly` incident and resolves it when the series is back to normal.
 */
export class AnomalyWatch {
  private readonly watched = new Map<string, Watched>();
  private readonly bucketMs: number;
  private readonly maxSeries: number;

  constructor(options: AnomalyWatchOptions = {}) {
    this.bucketMs = options.bucketMs ?? 5 * 60_000;
    this.maxSeries = options.maxSeries ?? 2000;
  }

  get seriesCount(): number {
    return this.watched.size;
  }

  /**
   * A collected sample. Only pod series are judged: a pod's step shows in its node's sum too, and
   * one incident should be one alert (node trouble has its own analyzers and forecasts).
   */
  observe(key: SeriesKey, t: number, value: number): void {
    if (!key.object.startsWith('pod/')) return;
    const id = `${key.cluster}\u0000${key.object}\u0000${key.metric}`;
    let w = this.watched.get(id);
    if (!w) {
      if (this.watched.size >= this.maxSeries) return;
      w = { key, detector: new AnomalyDetector() };
      this.watched.set(id, w);
    }
    const start = t - (t % this.bucketMs);
    if (w.bucket && w.bucket.start !== start) {
      this.judge(w, w.bucket.start, w.bucket.sum / w.bucket.n);
      w.bucket = undefined;
    }
    w.bucket ??= { start, sum: 0, n: 0 };
    w.bucket.sum += value;
    w.bucket.n += 1;
  }

  /** Open episodes as findings, for the lifecycle. */
  findings(): Finding[] {
    const out: Finding[] = [];
    for (const w of this.watched.values()) {
      if (w.active) out.push(describeAnomaly(w.key, w.active));
    }
    return out;
  }

  /** The `anomaly` pass: opens, keeps and resolves the source's incidents. */
  async run(lifecycle: Pick<AlertLifecycle, 'reconcile'>): Promise<void> {
    await lifecycle.reconcile('anomaly', this.findings(), { all: true });
  }

  /** Forgets series of objects that are gone (called with the keys still collected). */
  retain(alive: (key: SeriesKey) => boolean): void {
    for (const [id, w] of this.watched) if (!alive(w.key)) this.watched.delete(id);
  }

  private judge(w: Watched, t: number, value: number): void {
    const result = w.detector.push(t, value);
    if (result.isAnomaly) w.active = { since: t, value, score: result.score };
    else if (w.active && result.state !== 'alerting') w.active = undefined;
    else if (w.active)
      w.active = { ...w.active, value, score: Math.max(w.active.score, result.score) };
  }
}
