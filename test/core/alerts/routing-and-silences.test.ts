import { describe, expect, it } from 'vitest';
import type { Alert } from '../../../src/core/alerts/alert.js';
import { AlertRouter } from '../../../src/core/alerts/routing/alert-router.js';
import { matchesAll, parseMatchers } from '../../../src/core/alerts/silences/matcher.js';
import { UserError } from '../../../src/core/errors/user-error.js';

type Routed = Pick<Alert, 'subject' | 'severity' | 'reason' | 'source'>;
const alert = (over: Partial<Routed> & { namespace?: string; cluster?: string } = {}): Routed => ({
  subject: {
    cluster: over.cluster ?? 'prod',
    kind: 'Deployment',
    namespace: over.namespace ?? 'shop',
    name: 'web',
  },
  severity: over.severity ?? 'warning',
  reason: over.reason ?? 'CrashLoopBackOff',
  source: over.source ?? 'analyzer',
});

describe('alert routing by channel bindings', () => {
  const router = new AlertRouter({
    platforms: new Set(['slack']),
    bindings: [
      {
        platform: 'slack',
        channel: 'C-prod',
        cluster: 'prod',
        minSeverity: 'warning',
        alerts: true,
      },
      {
        platform: 'slack',
        channel: 'C-shop',
        namespaces: ['shop'],
        minSeverity: 'info',
        alerts: true,
      },
      {
        platform: 'slack',
        channel: 'C-oom',
        minSeverity: 'info',
        alertKinds: ['oomkilled', 'forecast'],
        alerts: true,
      },
      { platform: 'discord', channel: 'D-all', minSeverity: 'info', alerts: true },
      { platform: 'slack', channel: 'C-chat', minSeverity: 'info', alerts: false },
    ],
    fallback: [{ platform: 'cli', channel: 'log' }],
  });
  const cases: Array<[string, Routed, string[]]> = [
    ['cluster, namespace and severity', alert(), ['C-prod', 'C-shop']],
    ['another cluster', alert({ cluster: 'staging' }), ['C-shop']],
    ['info is below C-prod', alert({ severity: 'info' }), ['C-shop']],
    ['a node has no namespace', alert({ namespace: '' }), ['C-prod']],
    [
      'alert kinds by reason or source',
      alert({ reason: 'OOMKilled', namespace: 'web' }),
      ['C-prod', 'C-oom'],
    ],
    [
      'alert kinds by source',
      alert({ reason: 'MemoryLimit', source: 'forecast', namespace: 'web', severity: 'info' }),
      ['C-oom'],
    ],
  ];
  for (const [name, a, channels] of cases) {
    it(name, () => expect(router.routesFor(a).map((r) => r.channel)).toEqual(channels));
  }
  it('names bindings whose platform has no notifier, and falls back when nobody asked for alerts', () => {
    expect(router.unreachable().map((b) => b.channel)).toEqual(['D-all']);
    const quiet = new AlertRouter({
      platforms: new Set(['cli']),
      bindings: [],
      fallback: [{ platform: 'cli', channel: 'log' }],
    });
    expect(quiet.routesFor(alert())).toEqual([{ platform: 'cli', channel: 'log' }]);
  });
});

describe('silence matchers', () => {
  it('match every condition, with globs and negation', () => {
    const m = parseMatchers('ns=shop, reason=Crash*,cluster!=staging');
    expect(matchesAll(m, alert())).toBe(true);
    expect(matchesAll(m, alert({ cluster: 'staging' }))).toBe(false);
    expect(matchesAll(m, alert({ reason: 'OOMKilled' }))).toBe(false);
    expect(matchesAll(parseMatchers('name=w*b kind=deployment'), alert())).toBe(true);
  });
  it('explain what is wrong', () => {
    expect(() => parseMatchers('')).toThrow(UserError);
    expect(() => parseMatchers('shop')).toThrow(/"shop" is not a matcher condition/);
    expect(() => parseMatchers('team=payments')).toThrow(/"team" is not a field/);
  });
});
