import { DailyProfile } from './daily-profile.js';
import { Envelope } from './envelope.js';
import { EpisodeTracker, type DetectorState, type EpisodeStep } from './episode.js';
import { modelResiduals, type BaselineState, type ModelResiduals } from './model-residuals.js';
import { ModelQuality } from './model-quality.js';
import { ResidualScale } from './residual-scale.js';
import type { ResolvedSettings } from './settings.js';
import { DAY_MS } from './sampling.js';
import { SortedWindow } from './sorted-window.js';

export interface DetectorResult {
  /** Deviation from the baselines in robust noise units; 0 during warm-up. */
  score: number;
  /** True only on the point where an alert fires (once per incident). */
  isAnomaly: boolean;
  state: DetectorState;
}

const MODELS = ['level', 'trend', 'seasonal'] as const;
type Model = (typeof MODELS)[number];
const MAX_SCORE = 1e6;
const SPIKE_RECORD_FACTOR = 1.5;
/** Baselines whose noise scale is within this factor of the best one take part in the score. */
const GOOD_MODEL_RATIO = 1.5;

/** The detector once the sampling step is known: baselines, scales, envelope and episodes. */
export class DetectorEngine {
  private count = 0;
  private lastValue = Number.NaN;
  private quantum = Number.POSITIVE_INFINITY;
  private readonly base: BaselineState;
  private readonly smooth: SortedWindow;
  private readonly scales: Record<Model, ResidualScale>;
  private readonly envelope: Envelope;
  private readonly episodes: EpisodeTracker;
  private readonly quality: ModelQuality<Model>;
  private spikeMemory = 0;
  private spikeMemoryAt = 0;
  private episodeBuffer: { v: number; offsetSample: number }[] = [];

  constructor(private readonly s: ResolvedSettings) {
    this.base = {
      level: new SortedWindow(s.levelWindow),
      pointsSinceLevel: 0,
      offsets: new SortedWindow(s.levelWindow),
      profile: s.seasonal ? new DailyProfile(s.stepMs) : undefined,
      scratch: new Float64Array(s.levelWindow),
    };
    this.smooth = new SortedWindow(s.smoothWindow);
    this.scales = {
      level: new ResidualScale(s.scaleWindow),
      trend: new ResidualScale(s.scaleWindow),
      seasonal: new ResidualScale(s.scaleWindow),
    };
    // The range judges once it holds a whole day (else a daily cycle looks like a ramp).
    const dayBuckets = Math.ceil(DAY_MS / s.envelopeBucketMs);
    const minBuckets = Math.min(s.envelopeWindow - 1, Math.max(20, dayBuckets));
    this.envelope = new Envelope(s.envelopeBucketMs, s.envelopeWindow, s.envelopeGap, minBuckets);
    this.episodes = new EpisodeTracker(s);
    this.quality = new ModelQuality<Model>(
      2 / s.scaleWindow,
      Math.max(12, s.scaleWindow >> 3),
      GOOD_MODEL_RATIO,
    );
  }

  push(t: number, v: number): DetectorResult {
    this.count++;
    const floor = this.scaleFloor();
    this.trackQuantum(v);
    const residuals = modelResiduals(t, v, this.base);
    const sigmas = this.sigmas(floor);
    const fast = this.fastScores(residuals, sigmas);
    this.smooth.push(v);
    const slow = this.slowScore(t, sigmas.level);
    // A recurring daily pattern must be learnt even while it still alerts; the median over days
    // keeps one odd day out.
    this.base.profile?.add(t, v);
    this.envelope.push(t, v);
    const spikeRecord = this.spikeRecord(t);

    // Warm-up lasts until the series has moved at all: nothing is known of a constant one's noise.
    if (this.count <= this.s.warmUp || !this.scales.level.hasMoved) {
      this.learn(v, residuals, sigmas, this.s.extremeScore);
      this.spikeMemory = Math.max(spikeRecord, fast.spike);
      return { score: 0, isAnomaly: false, state: 'warmup' };
    }
    // A spike fires at once only if well above any spike seen lately (heavy-tailed noise).
    const extreme =
      fast.spike >= this.s.extremeScore && fast.spike > SPIKE_RECORD_FACTOR * spikeRecord;
    const score = Math.min(MAX_SCORE, Math.max(fast.sustained, slow, extreme ? fast.spike : 0));
    const step = this.episodes.step(score, extreme);
    this.spikeMemory = step.age <= 1 ? Math.max(spikeRecord, fast.spike) : spikeRecord;
    this.afterStep(v, step, residuals, sigmas);
    return { score, isAnomaly: step.fired, state: step.state };
  }

  private afterStep(
    v: number,
    step: EpisodeStep,
    residuals: ModelResiduals,
    sigmas: Record<Model, number>,
  ): void {
    if (!this.episodes.inEpisode) {
      this.episodeBuffer = [];
      this.learn(v, residuals, sigmas, this.s.extremeScore);
      return;
    }
    // Baselines stay frozen during an episode, so a spike or a fresh shift does not teach them.
    this.base.pointsSinceLevel++;
    this.episodeBuffer.push({ v, offsetSample: residuals.seasonalOffsetSample });
    if (this.episodeBuffer.length > this.s.levelWindow) this.episodeBuffer.shift();
    if (step.age < this.s.adaptAfter) return;
    // A persisting episode is the new normal: restart baselines from it so it ends and
    // does not alert again, and let the scales learn a noisier regime.
    if (step.age % this.s.adaptAfter === 0) this.rebaseline();
    this.pushScales(residuals, sigmas, this.s.enterScore);
  }

  private learn(
    v: number,
    residuals: ModelResiduals,
    sigmas: Record<Model, number>,
    clipAt: number,
  ): void {
    this.base.level.push(v);
    this.base.pointsSinceLevel = 0;
    if (Number.isFinite(residuals.seasonalOffsetSample))
      this.base.offsets.push(residuals.seasonalOffsetSample);
    this.pushScales(residuals, sigmas, clipAt);
  }

  /** The largest recent one-point score, decaying with time. */
  private spikeRecord(t: number): number {
    const decayed = this.spikeMemory * Math.exp(-(t - this.spikeMemoryAt) / this.s.spikeMemoryMs);
    this.spikeMemoryAt = t;
    return Number.isFinite(decayed) ? decayed : 0;
  }

  private rebaseline(): void {
    const before = this.base.level.median();
    this.base.level.clear();
    this.base.offsets.clear();
    for (const { v, offsetSample } of this.episodeBuffer) {
      this.base.level.push(v);
      if (Number.isFinite(offsetSample)) this.base.offsets.push(offsetSample);
    }
    this.base.pointsSinceLevel = 0;
    // The normal range moves with the level, so the new level is not a slow change either.
    this.envelope.shift(this.base.level.median() - before);
  }

  private pushScales(
    residuals: ModelResiduals,
    sigmas: Record<Model, number>,
    clipAt: number,
  ): void {
    const clipped = new Map<Model, number>();
    for (const model of MODELS) {
      const r = residuals[model];
      if (!Number.isFinite(r)) continue;
      const scale = this.scales[model];
      // Clip only once the scale is trustworthy; early clipping at the floor would freeze it small.
      const abs = scale.ready ? Math.min(Math.abs(r), clipAt * sigmas[model]) : Math.abs(r);
      scale.push(abs);
      if (scale.ready) clipped.set(model, Math.min(abs, this.s.exitScore * sigmas[model]));
    }
    this.quality.update(clipped);
  }

  private sigmas(floor: number): Record<Model, number> {
    return {
      level: this.scales.level.sigma(floor),
      trend: this.scales.trend.sigma(floor),
      seasonal: this.scales.seasonal.sigma(floor),
    };
  }

  /**
   * Abrupt change: the smallest deviation over the baselines that predict about as well as the
   * best one (a poor baseline explains by chance). A sustained change must beat the two best
   * baselines, so one that misjudges a day it has not seen (a first weekend) cannot alert alone;
   * a one-point spike only the good ones.
   */
  private fastScores(
    residuals: ModelResiduals,
    sigmas: Record<Model, number>,
  ): { sustained: number; spike: number } {
    const available = MODELS.filter((m) => Number.isFinite(residuals[m]) && this.scales[m].ready);
    const score = (models: Model[]) => {
      let min = Number.POSITIVE_INFINITY;
      for (const m of models) min = Math.min(min, Math.abs(residuals[m]) / sigmas[m]);
      return Number.isFinite(min) ? min : 0;
    };
    return {
      sustained: score(this.quality.good(available, 2)),
      spike: score(this.quality.good(available, 1)),
    };
  }

  /**
   * Slow change: the smoothed value outside the range of the last days and, once a daily profile
   * exists, far from the usual value at this time of day; 1 margin = the enter score.
   */
  private slowScore(t: number, levelSigma: number): number {
    const range = this.envelope.range();
    if (!this.scales.level.ready || !range) return 0;
    const margin = Math.max(
      this.s.envelopeNoiseMargin * levelSigma,
      this.s.envelopeWidthMargin * (range.hi - range.lo),
    );
    if (!(margin > 0)) return 0;
    const smooth = this.smooth.median();
    let excess = Math.max(0, smooth - range.hi, range.lo - smooth);
    const profile = this.base.profile;
    if (excess > 0 && profile) {
      const bucket = profile.bucketOf(t);
      for (const b of [bucket - 1, bucket, bucket + 1]) {
        const usual = profile.expected(t, b);
        if (Number.isFinite(usual)) excess = Math.min(excess, Math.abs(smooth - usual));
      }
    }
    return (excess / margin) * this.s.enterScore;
  }

  private trackQuantum(v: number): void {
    const diff = Math.abs(v - this.lastValue);
    // Ignore float round-off; keep the smallest real step between values (the resolution).
    if (diff > 1e-9 * Math.max(Math.abs(v), Math.abs(this.lastValue))) {
      this.quantum = Math.min(this.quantum, diff);
    }
    this.lastValue = v;
  }

  /** Noise scale never falls below the value resolution or a small share of the level. */
  private scaleFloor(): number {
    const level =
      this.base.level.length > 0
        ? Math.abs(this.base.level.median())
        : Math.abs(v0(this.lastValue));
    const quantum = Number.isFinite(this.quantum) ? 0.5 * this.quantum : 0;
    return Math.max(quantum, this.s.relativeFloor * level, 1e-12);
  }
}

function v0(v: number): number {
  return Number.isFinite(v) ? v : 0;
}
