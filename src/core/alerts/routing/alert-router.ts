import type { Config } from '../../config/schema.js';
import { severityRank, type Alert, type AlertSeverity } from '../alert.js';
import type { AlertChannel } from '../notifier.js';

export type ChannelBinding = Config['roles']['channels'][number];

export interface AlertRouterOptions {
  /** `roles.channels` from the config; only bindings with `alerts: true` receive alerts. */
  bindings: ChannelBinding[];
  /** Platforms that have a notifier; bindings for other platforms are ignored. */
  platforms: ReadonlySet<string>;
  /** Where alerts go when no binding asks for them (the demo's terminal log). */
  fallback?: AlertChannel[];
}

/** Decides which channels hear about an alert, from the channel bindings in the config. */
export class AlertRouter {
  private readonly bindings: ChannelBinding[];

  constructor(private readonly options: AlertRouterOptions) {
    this.bindings = options.bindings.filter((b) => b.alerts && options.platforms.has(b.platform));
  }

  /** Bindings that asked for alerts but whose platform has no notifier (worth a warning at start). */
  unreachable(): ChannelBinding[] {
    return this.options.bindings.filter((b) => b.alerts && !this.options.platforms.has(b.platform));
  }

  routesFor(alert: Pick<Alert, 'subject' | 'severity' | 'reason' | 'source'>): AlertChannel[] {
    if (this.bindings.length === 0) return [...(this.options.fallback ?? [])];
    const routes: AlertChannel[] = [];
    const seen = new Set<string>();
    for (const b of this.bindings) {
      if (!matches(b, alert)) continue;
      const id = `${b.platform}\u0000${b.channel}`;
      if (seen.has(id)) continue;
      seen.add(id);
      routes.push({ platform: b.platform, channel: b.channel });
    }
    return routes;
  }
}

function matches(
  b: ChannelBinding,
  alert: Pick<Alert, 'subject' | 'severity' | 'reason' | 'source'>,
): boolean {
  if (b.cluster !== undefined && b.cluster !== alert.subject.cluster) return false;
  // A channel limited to namespaces does not hear about nodes or other cluster-wide objects.
  if (b.namespaces !== undefined && !b.namespaces.includes(alert.subject.namespace)) return false;
  if (severityRank(alert.severity) < severityRank(b.minSeverity as AlertSeverity)) return false;
  if (b.alertKinds !== undefined) {
    const wanted = b.alertKinds.map((k) => k.toLowerCase());
    if (
      !wanted.includes(alert.reason.toLowerCase()) &&
      !wanted.includes(alert.source.toLowerCase())
    )
      return false;
  }
  return true;
}
