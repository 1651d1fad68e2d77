// What the dashboard needs from the rest of AI4K8s, as small interfaces: the composition root
// passes the real services (and adapters from adapters/pipeline-views.ts for alerts and metrics).
import type { Agent } from '../core/agent/agent.js';
import type { Alert, AlertState } from '../core/alerts/alert.js';
import type { Silence } from '../core/alerts/silences/silence-repo.js';
import type { Config } from '../core/config/schema.js';
import type { Cluster } from '../core/kube/cluster.js';
import type { SeriesKey } from '../core/monitor/series/series-key.js';
import type { Database } from '../core/store/database.js';
import type { ApiTokensRepo } from '../core/store/repos/api-tokens.js';
import type { ToolRegistry } from '../core/tools/registry/tool-registry.js';

/** The core services (`buildServices()` in src/app fits). */
export interface DashboardServices {
  config: Config;
  db: Database;
  clusters: { names(): string[]; get(name?: string): Promise<Cluster> };
  /** Tool calls (pod logs) and the approval service (`tools.approvals`). */
  tools: Pick<ToolRegistry, 'invoke' | 'approvals'>;
  tokens: ApiTokensRepo;
}

/** The agent core: chat lines and approval decisions, the same as in Slack. */
export type DashboardAgent = Pick<Agent, 'handle' | 'decide' | 'aiEnabled'>;

/** Incidents of the alert pipeline. */
export interface AlertsView {
  /** Newest first. */
  list(filter: { state: AlertState; limit: number }): Promise<Alert[]>;
  get(id: number): Promise<Alert | undefined>;
  /** firing -> acknowledged; throws a UserError (not found, already acknowledged or resolved). */
  acknowledge(id: number, by: string): Promise<Alert>;
  /** Silences the alert's fingerprint (its repeats too) for `durationMs`. */
  silence(
    id: number,
    request: { by: string; durationMs: number; comment?: string },
  ): Promise<Silence>;
  /** The silence that covers the alert now, if any. */
  silencedBy(alert: Alert): Promise<Silence | undefined>;
}

export interface SeriesSample {
  t: number;
  v: number;
}

/** The metrics series store. */
export interface MetricsView {
  /** The clock the samples are on (the sim's in the demo). */
  now(): number;
  /** Objects with series in a cluster, as `pod/NS/NAME` or `node/NAME`. */
  objects(cluster: string, kind: 'pod' | 'node'): string[];
  /**
   * Samples between `from` and `to` (ms, inclusive), oldest first. `raw`: as collected (kept
   * hours); `auto`: raw when the range is that recent, else 5-minute averages.
   */
  read(
    key: SeriesKey,
    from: number,
    to: number,
    resolution?: 'raw' | 'auto',
  ): Promise<SeriesSample[]>;
}
