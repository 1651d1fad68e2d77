import { describe, expect, it } from 'vitest';
import { predictiveSettings } from '../../../../src/core/monitor/predict/forecast-settings.js';
import {
  formatBytes,
  formatCores,
  formatEta,
} from '../../../../src/core/monitor/predict/format.js';
import {
  evaluateLimitCrossing,
  type LimitedTarget,
} from '../../../../src/core/monitor/predict/limit-crossing.js';
import {
  crossingSentence,
  predictiveFinding,
} from '../../../../src/core/monitor/predict/predictive-finding.js';
import { RunStreaks } from '../../../../src/core/monitor/predict/run-streaks.js';
import { currentTrend } from '../../../../src/core/monitor/predict/trend-onset.js';
import {
  forecastUsage,
  recentWindowMs,
} from '../../../../src/core/monitor/predict/usage-forecast.js';
import { historyOf } from '../../../../src/core/monitor/predict/usage-history.js';
import type { RollupPoint } from '../../../../src/core/monitor/series/series-store.js';
import { mulberry32 } from '../../../../src/core/monitor/synthetic.js';

const MiB = 2 ** 20;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const SLOT = 5 * MINUTE;
const NOW = Date.parse('2025-03-04T12:00:00Z');
const settings = predictiveSettings();

const target: LimitedTarget = {
  key: { cluster: 'c1', object: 'pod/shop/cart-7d9', metric: 'memory' },
  unit: 'bytes',
  label: 'shop/cart-7d9',
  pod: { namespace: 'shop', name: 'cart-7d9' },
  limit: {
    kind: 'container-memory',
    value: 512 * MiB,
    subject: { cluster: 'c1', kind: 'Deployment', namespace: 'shop', name: 'cart' },
  },
};

/** 5-minute rollups up to NOW of memory in Mi given as a function of hours before NOW. */
function memory(hours: number, mi: (hoursAgo: number) => number, seed = 1): RollupPoint[] {
  const random = mulberry32(seed);
  const n = Math.round((hours * HOUR) / SLOT);
  return Array.from({ length: n }, (_, i) => {
    const t = NOW - (n - i) * SLOT;
    const avg = mi((NOW - t) / HOUR) * MiB * (1 + 0.01 * (random() - 0.5));
    return { t, avg, max: avg * (1 + 0.005 * random()) };
  });
}

function evaluate(rollups: RollupPoint[], withForecast = true, s = settings) {
  const history = historyOf(rollups, 'bytes', NOW, recentWindowMs(s));
  if (withForecast) return forecastUsage(target, history, NOW, s)?.crossing;
  return evaluateLimitCrossing({ target, history, now: NOW, settings: s });
}

describe('limit crossings', () => {
  it('measures a leak from where it began, not over the whole window', () => {
    // Flat at 250 Mi for two days, then +80 Mi/h for the last hour: 512 Mi in 2 h 16 m.
    const rollups = memory(48, (ago) => (ago > 1 ? 250 : 250 + 80 * (1 - ago)));
    const truth = ((512 - 330) / 80) * HOUR;
    const c = evaluate(rollups);
    expect(c?.method).toBe('trend');
    expect(Math.abs((c?.etaMs ?? 0) - truth) / truth).toBeLessThan(0.2);
    expect(c?.raise).toBe(true);
    expect(
      currentTrend(rollups.slice(-36).map((r) => ({ t: r.t, v: r.max }))).points.length,
    ).toBeLessThan(16);
  });

  it('ignores growth while use is low against the limit or barely above idle', () => {
    // Growing, but at 150 Mi of 512.
    expect(evaluate(memory(24, (ago) => 150 - 10 * ago))).toBeUndefined();
    // At 90 % for two days, up 20 Mi in the last 90 minutes: under 5 % of the limit above where
    // it rests, so not yet worth waking anyone (the trend alone would say 2.4 h).
    const creep = memory(48, (ago) => (ago > 1.5 ? 460 : 460 + (20 * (1.5 - ago)) / 1.5));
    expect(evaluate(creep)).toBeUndefined();
    expect(evaluate(creep, true, { ...settings, minRiseOverIdle: 0 })?.raise).toBe(true);
  });

  it('lets a daily-seasonal forecast veto a rise that is only the daily cycle', () => {
    // 330 Mi +- 110 Mi a day, peaking at 440 Mi: now on the way up, 3 h before the peak.
    const daily = (ago: number) => 330 + 110 * Math.cos((2 * Math.PI * (ago + 3)) / 24);
    const rollups = memory(72, daily);
    expect(evaluate(rollups, false)?.raise).toBe(true);
    expect(evaluate(rollups)).toBeUndefined();
  });

  it('looks only at what came after a restart', () => {
    // Grew to 500 Mi and was OOM-killed 10 minutes ago; back at 200 Mi.
    const rollups = memory(24, (ago) =>
      ago < 10 / 60 ? 200 : ago < 3 ? 500 - 60 * (ago - 10 / 60) : 330,
    );
    expect(evaluate(rollups)).toBeUndefined();
  });

  it('writes the alert sentence and facts', () => {
    const c = evaluate(memory(48, (ago) => (ago > 1 ? 250 : 250 + 80 * (1 - ago))));
    if (!c) throw new Error('no crossing');
    const rounded = {
      ...c,
      etaMs: 2 * HOUR + 10 * MINUTE,
      lowerMs: 100 * MINUTE,
      upperMs: 170 * MINUTE,
    };
    expect(crossingSentence(rounded)).toBe(
      'memory of shop/cart-7d9 reaches its 512 Mi limit in about 2 h 10 m (likely between 1 h 40 m and 2 h 50 m)',
    );
    expect(crossingSentence({ ...rounded, upperMs: Number.POSITIVE_INFINITY })).toMatch(
      /\(likely not before 1 h 40 m\)$/,
    );
    const other = {
      ...rounded,
      etaMs: 3 * HOUR,
      target: { ...target, label: 'shop/cart-8x1', pod: { namespace: 'shop', name: 'cart-8x1' } },
    };
    const finding = predictiveFinding([other, rounded], 6 * HOUR, {
      forecast: 'now 330 Mi, in 6 h 810 Mi (700 Mi to 900 Mi)',
    });
    expect(finding).toMatchObject({
      subject: { kind: 'Deployment', namespace: 'shop', name: 'cart' },
      reason: 'PredictedOOM',
      severity: 'warning',
      summary: crossingSentence(rounded),
    });
    expect(finding.facts).toMatchObject({
      pod: 'shop/cart-7d9',
      limit: '512 Mi',
      'reached in': 'about 2 h 10 m',
      also: 'shop/cart-8x1 in 3 h',
      forecast: 'now 330 Mi, in 6 h 810 Mi (700 Mi to 900 Mi)',
    });
  });
});

describe('consecutive runs', () => {
  it('counts runs in a row, once per run, and a run without the prediction breaks the streak', () => {
    const streaks = new RunStreaks(5 * MINUTE);
    expect(streaks.update('c1', ['a'], 0).get('a')).toBe(1);
    // The same run again (a job re-run after a stall) does not count twice.
    expect(streaks.update('c1', ['a'], 2 * MINUTE).get('a')).toBe(1);
    expect(streaks.update('c1', ['a', 'b'], 10 * MINUTE).get('a')).toBe(2);
    expect(streaks.update('c1', ['b'], 20 * MINUTE).get('b')).toBe(2);
    expect(streaks.update('c1', ['a', 'b'], 30 * MINUTE).get('a')).toBe(1);
    // Scopes (clusters) are counted apart.
    expect(streaks.update('c2', ['a'], 30 * MINUTE).get('a')).toBe(1);
  });
});

describe('formatting', () => {
  it('rounds times as an estimate deserves and writes units as kubectl users read them', () => {
    expect(formatEta(2 * HOUR + 11 * MINUTE)).toBe('2 h 10 m');
    expect(formatEta(45.4 * MINUTE)).toBe('45 m');
    expect(formatEta(3 * HOUR - MINUTE)).toBe('3 h');
    expect(formatEta(27 * HOUR)).toBe('1 d 3 h');
    expect(formatBytes(512 * MiB)).toBe('512 Mi');
    expect(formatBytes(1.5 * 2 ** 30)).toBe('1.5 Gi');
    expect(formatCores(0.25)).toBe('250m');
    expect(formatCores(3.5)).toBe('3.5 cores');
  });
});
