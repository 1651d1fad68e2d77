import { DAY_MS, HOUR_MS, MINUTE_MS, spanPoints, type Span } from './sampling.js';

/**
 * Detector settings. Durations are spans: a time converted to points with the sampling step and
 * clamped, so the same defaults behave sensibly from 1 s to 1 h steps.
 */
export interface DetectorSettings {
  /** Sampling step; when absent it is inferred from the first points. */
  stepMs?: number;
  /** Score (robust deviations) at which an episode starts. */
  enterScore: number;
  /** Score under which an episode ends (hysteresis). */
  exitScore: number;
  /** Score that fires at once, without waiting for the minimum duration (spikes). */
  extremeScore: number;
  /** No alerts until this much history exists. */
  warmUp: Span;
  /** An episode must last this long before it alerts. */
  minDuration: Span;
  /** After an episode ends, a new one within this time is the same incident. */
  cooldown: Span;
  /** An episode that lasts this long is taken as the new normal: baselines restart from it. */
  adaptAfter: Span;
  /** Recent values whose median is the level. */
  levelWindow: Span;
  /** Residuals whose spread is the noise scale. */
  scaleWindow: Span;
  /** Recent values whose median is compared with the envelope (slow changes). */
  smoothWindow: Span;
  /** History whose quantiles form the normal range (points here are 5-minute buckets or steps). */
  envelopeWindow: Span;
  /** The newest buckets stay out of the range, so a ramp cannot widen its own range. */
  envelopeGap: Span;
  /** Spikes fire at once only above the largest spike of about this long ago (decaying memory). */
  spikeMemoryMs: number;
  /** A slow change must leave the range by this share of its width (and several noise scales). */
  envelopeWidthMargin: number;
  envelopeNoiseMargin: number;
  /** Use a time-of-day baseline once two previous days exist (steps up to 2 h). */
  seasonal: boolean;
  /** Smallest noise scale as a share of the level, for flat series. */
  relativeFloor: number;
}

export const DEFAULT_DETECTOR_SETTINGS: DetectorSettings = {
  enterScore: 5,
  exitScore: 3,
  extremeScore: 12,
  warmUp: { ms: 12 * HOUR_MS, minPoints: 60, maxPoints: 720 },
  minDuration: { ms: 10 * MINUTE_MS, minPoints: 2, maxPoints: 10 },
  cooldown: { ms: 3 * HOUR_MS, minPoints: 6, maxPoints: 20_000 },
  adaptAfter: { ms: 30 * MINUTE_MS, minPoints: 4, maxPoints: 30 },
  levelWindow: { ms: HOUR_MS, minPoints: 6, maxPoints: 30 },
  scaleWindow: { ms: DAY_MS, minPoints: 100, maxPoints: 600 },
  smoothWindow: { ms: 15 * MINUTE_MS, minPoints: 3, maxPoints: 15 },
  envelopeWindow: { ms: 2 * DAY_MS, minPoints: 100, maxPoints: 1000 },
  envelopeGap: { ms: 2 * HOUR_MS, minPoints: 6, maxPoints: 48 },
  spikeMemoryMs: 3 * DAY_MS,
  envelopeWidthMargin: 0.6,
  envelopeNoiseMargin: 4,
  seasonal: true,
  relativeFloor: 0.002,
};

/** Settings with every span turned into a point count for one sampling step. */
export interface ResolvedSettings {
  stepMs: number;
  enterScore: number;
  exitScore: number;
  extremeScore: number;
  warmUp: number;
  minDuration: number;
  cooldown: number;
  adaptAfter: number;
  levelWindow: number;
  scaleWindow: number;
  smoothWindow: number;
  envelopeBucketMs: number;
  envelopeWindow: number;
  envelopeGap: number;
  spikeMemoryMs: number;
  envelopeWidthMargin: number;
  envelopeNoiseMargin: number;
  seasonal: boolean;
  relativeFloor: number;
}

export function resolveSettings(settings: DetectorSettings, stepMs: number): ResolvedSettings {
  const points = (span: Span) => spanPoints(span, stepMs);
  const minDuration = points(settings.minDuration);
  return {
    stepMs,
    enterScore: settings.enterScore,
    exitScore: settings.exitScore,
    extremeScore: settings.extremeScore,
    warmUp: points(settings.warmUp),
    minDuration,
    cooldown: points(settings.cooldown),
    // The alert must fire before the baseline accepts the episode as normal.
    adaptAfter: Math.max(points(settings.adaptAfter), minDuration + 2),
    levelWindow: points(settings.levelWindow),
    scaleWindow: points(settings.scaleWindow),
    smoothWindow: points(settings.smoothWindow),
    envelopeBucketMs: Math.max(stepMs, 5 * MINUTE_MS),
    envelopeWindow: spanPoints(settings.envelopeWindow, Math.max(stepMs, 5 * MINUTE_MS)),
    envelopeGap: spanPoints(settings.envelopeGap, Math.max(stepMs, 5 * MINUTE_MS)),
    spikeMemoryMs: settings.spikeMemoryMs,
    envelopeWidthMargin: settings.envelopeWidthMargin,
    envelopeNoiseMargin: settings.envelopeNoiseMargin,
    seasonal: settings.seasonal && stepMs <= 2 * HOUR_MS,
    relativeFloor: settings.relativeFloor,
  };
}
