import { join } from 'node:path';
import type { Finding } from '../../../src/core/alerts/alert.js';
import { AlertLifecycle } from '../../../src/core/alerts/lifecycle/alert-lifecycle.js';
import { AlertRouter, type ChannelBinding } from '../../../src/core/alerts/routing/alert-router.js';
import { SilenceRepo } from '../../../src/core/alerts/silences/silence-repo.js';
import { Silences } from '../../../src/core/alerts/silences/silences.js';
import {
  defaultMonitoringConfig,
  type MonitoringConfigInput,
} from '../../../src/core/monitor/config.js';
import type { Database } from '../../../src/core/store/database.js';
import { openStore } from '../../../src/core/store/open-store.js';

/** A clock tests move by hand. */
export class ManualClock {
  constructor(public ms = Date.parse('2025-03-01T10:00:00Z')) {}
  now = (): Date => new Date(this.ms);
  advance(ms: number): void {
    this.ms += ms;
  }
}

export interface AlertFixture {
  db: Database;
  clock: ManualClock;
  lifecycle: AlertLifecycle;
  silences: Silences;
  silenceRepo: SilenceRepo;
  outboxIds: number[];
}

/** A real SQLite store with the alert lifecycle, routing everything to `test:#ops`. */
export async function alertFixture(
  dir: string,
  options: {
    config?: MonitoringConfigInput;
    bindings?: ChannelBinding[];
    platforms?: string[];
  } = {},
): Promise<AlertFixture> {
  const db = await openStore(join(dir, 'alerts.db'));
  const clock = new ManualClock();
  const config = defaultMonitoringConfig(options.config);
  const silenceRepo = new SilenceRepo(db);
  const silences = new Silences(silenceRepo, clock.now);
  const outboxIds: number[] = [];
  const lifecycle = new AlertLifecycle({
    db,
    now: clock.now,
    settings: config.alerts,
    router: new AlertRouter({
      bindings: options.bindings ?? [],
      platforms: new Set(options.platforms ?? ['test']),
      fallback: [{ platform: 'test', channel: '#ops' }],
    }),
    silences,
    onNotifications: (ids) => outboxIds.push(...ids),
  });
  return { db, clock, lifecycle, silences, silenceRepo, outboxIds };
}

export function finding(overrides: Partial<Finding> & { name?: string } = {}): Finding {
  const { name, ...rest } = overrides;
  return {
    subject: { cluster: 'prod', kind: 'Deployment', namespace: 'shop', name: name ?? 'checkout' },
    reason: 'CrashLoopBackOff',
    severity: 'warning',
    summary: 'checkout-1 keeps crashing',
    facts: { restarts: '3' },
    ...rest,
  };
}
