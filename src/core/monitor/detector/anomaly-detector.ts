import { DetectorEngine, type DetectorResult } from './detector-engine.js';
import { DEFAULT_DETECTOR_SETTINGS, resolveSettings, type DetectorSettings } from './settings.js';
import { inferStepMs, type SeriesPoint } from './sampling.js';

export type { DetectorResult } from './detector-engine.js';

/** Points buffered to infer the sampling step when none is given. */
const STEP_PROBE = 8;

/**
 * Streaming anomaly detector for one metric series. Each point is judged from the past only;
 * `isAnomaly` is true once per incident, on the point where the alert fires.
 */
export class AnomalyDetector {
  private readonly settings: DetectorSettings;
  private engine: DetectorEngine | undefined;
  private step: number | undefined;
  private readonly probe: SeriesPoint[] = [];
  private lastT = Number.NEGATIVE_INFINITY;

  constructor(settings: Partial<DetectorSettings> = {}) {
    this.settings = { ...DEFAULT_DETECTOR_SETTINGS, ...settings };
    const step = this.settings.stepMs;
    if (step !== undefined) {
      if (!(step > 0 && Number.isFinite(step))) {
        throw new RangeError('stepMs must be a positive number');
      }
      this.start(step);
    }
  }

  /** The sampling step in use, once known. */
  get stepMs(): number | undefined {
    return this.step;
  }

  push(t: number, v: number): DetectorResult {
    if (!Number.isFinite(t) || !Number.isFinite(v)) {
      throw new RangeError(`point (${t}, ${v}) is not a pair of finite numbers`);
    }
    if (t < this.lastT) {
      throw new RangeError(`timestamp ${t} is earlier than the previous one (${this.lastT})`);
    }
    this.lastT = t;
    if (this.engine) return this.engine.push(t, v);
    this.probe.push({ t, v });
    if (this.probe.length > STEP_PROBE) this.probe.shift();
    if (this.probe.length === STEP_PROBE) {
      const step = inferStepMs(this.probe.map((p) => p.t));
      if (Number.isFinite(step)) {
        const engine = this.start(step);
        // The probe points are well inside the warm-up, so replaying them raises nothing.
        for (const p of this.probe) engine.push(p.t, p.v);
        this.probe.length = 0;
      }
    }
    return { score: 0, isAnomaly: false, state: 'warmup' };
  }

  private start(stepMs: number): DetectorEngine {
    this.step = stepMs;
    this.engine = new DetectorEngine(resolveSettings(this.settings, stepMs));
    return this.engine;
  }
}

/** Runs a fresh detector over a whole series (oldest first); one result per point. */
export function detectSeries(
  points: readonly SeriesPoint[],
  settings: Partial<DetectorSettings> = {},
): DetectorResult[] {
  const detector = new AnomalyDetector(settings);
  return points.map((p) => detector.push(p.t, p.v));
}
