import type { Finding } from '../../alerts/alert.js';
import { formatEta, formatSpan, formatUsage } from './format.js';
import type { LimitCrossing } from './limit-crossing.js';
import { predictiveReasons } from './usage-targets.js';

export const FORECAST_SOURCE = 'forecast';

/** Extra lines for an alert: the forecast sentence and a right-sizing hint, when known. */
export interface FindingExtras {
  forecast?: string;
  recommendation?: string;
}

/**
 * The finding for one incident: the soonest crossing among the crossings that share its
 * fingerprint (replicas of one workload), the others listed in the facts. Facts `pod`,
 * `container` and `node` name the series, so the chart can be drawn again from the store.
 */
export function predictiveFinding(
  crossings: LimitCrossing[],
  horizonMs: number,
  extras: FindingExtras = {},
): Finding {
  const sorted = [...crossings].sort((a, b) => a.etaMs - b.etaMs);
  const first = sorted[0] as LimitCrossing;
  const { target } = first;
  const unit = target.unit;
  const facts: Record<string, string> = {};
  if (target.pod) facts.pod = `${target.pod.namespace}/${target.pod.name}`;
  if (target.pod?.container) facts.container = target.pod.container;
  if (target.node) facts.node = target.node;
  facts.now = `${formatUsage(first.current, unit)} (${Math.round((100 * first.current) / target.limit.value)} % of ${limitWord(first)})`;
  facts[limitWord(first)] = formatUsage(target.limit.value, unit);
  facts['reached in'] = `about ${formatEta(first.etaMs)}`;
  facts.likely = likelyRange(first);
  if (first.confidence !== undefined)
    facts[`chance within ${formatSpan(horizonMs)}`] = `${Math.round(first.confidence * 100)} %`;
  if (Number.isFinite(first.growthPerHour))
    facts.growth = `${formatUsage(first.growthPerHour, unit)}/h`;
  if (sorted.length > 1) {
    facts['also'] = sorted
      .slice(1, 6)
      .map((c) => `${c.target.label} in ${formatEta(c.etaMs)}`)
      .join('; ');
  }
  if (extras.forecast) facts.forecast = extras.forecast;
  if (extras.recommendation) facts['right-size'] = extras.recommendation;
  return {
    subject: target.limit.subject,
    reason: predictiveReasons[target.limit.kind],
    severity: 'warning',
    summary: crossingSentence(first),
    facts,
  };
}

/**
 * "memory of shop/cart-7d9 reaches its 512 Mi limit in about 2 h 10 m (likely between
 * 1 h 40 m and 2 h 50 m)".
 */
export function crossingSentence(c: LimitCrossing): string {
  const unit = c.target.unit;
  const what = `${unit === 'bytes' ? 'memory' : 'CPU'} of ${c.target.label}`;
  const limit = `${formatUsage(c.target.limit.value, unit)} ${limitWord(c)}`;
  const when = c.etaMs < 60_000 ? 'within a minute' : `in about ${formatEta(c.etaMs)}`;
  return `${what} reaches its ${limit} ${when} (${likelyRange(c)})`;
}

function likelyRange(c: LimitCrossing): string {
  if (!Number.isFinite(c.upperMs)) return `likely not before ${formatEta(c.lowerMs)}`;
  if (formatEta(c.lowerMs) === formatEta(c.upperMs)) return `likely in ${formatEta(c.etaMs)}`;
  return `likely between ${formatEta(c.lowerMs)} and ${formatEta(c.upperMs)}`;
}

function limitWord(c: LimitCrossing): string {
  return c.target.limit.kind === 'container-memory' ? 'limit' : 'allocatable';
}
