import type { MonitoringConfig } from '../config.js';

/** The analyzers' thresholds in milliseconds. */
export interface AnalyzerSettings {
  crashLoopMinRestarts: number;
  crashLoopClearMs: number;
  pendingMs: number;
  unavailableMs: number;
  restartBurstCount: number;
  restartBurstWindowMs: number;
  evidenceLogLines: number;
  evidenceEvents: number;
}

export function analyzerSettings(config: MonitoringConfig['analyzers']): AnalyzerSettings {
  return {
    crashLoopMinRestarts: config.crashLoopMinRestarts,
    crashLoopClearMs: config.crashLoopClearMinutes * 60_000,
    pendingMs: config.pendingMinutes * 60_000,
    unavailableMs: config.unavailableMinutes * 60_000,
    restartBurstCount: config.restartBurstCount,
    restartBurstWindowMs: config.restartBurstWindowMinutes * 60_000,
    evidenceLogLines: config.evidenceLogLines,
    evidenceEvents: config.evidenceEvents,
  };
}
