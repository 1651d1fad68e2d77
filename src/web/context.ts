import type { Logger } from '../core/log/logger.js';
import type { AuditRepo } from '../core/store/repos/audit.js';
import type { UsersRepo } from '../core/store/repos/users.js';
import type { Viewer } from './auth/viewer.js';
import type { TopConsumersReader } from './data/top-consumers.js';
import type { Flash } from './html/layout.js';
import type { AlertsView, DashboardAgent, DashboardServices, MetricsView } from './ports.js';

/** What the page modules share; built once by createDashboard. */
export interface DashboardContext {
  services: DashboardServices;
  agent: DashboardAgent;
  alerts?: AlertsView;
  metrics?: MetricsView;
  audit: AuditRepo;
  users: UsersRepo;
  flashes: FlashStore;
  topConsumers: TopConsumersReader;
  logger: Logger;
  now: () => number;
}

const flashTtlMs = 5 * 60_000;

/** Messages for the page after a redirect (POST-redirect-GET), kept per session in memory. */
export class FlashStore {
  private readonly bySession = new Map<string, { at: number; items: Flash[] }>();

  constructor(private readonly now: () => number) {}

  add(viewer: Viewer, flash: Flash): void {
    const key = viewer.session.idHash;
    const entry = this.bySession.get(key) ?? { at: this.now(), items: [] };
    entry.items = [...entry.items, flash].slice(-5);
    entry.at = this.now();
    this.bySession.set(key, entry);
    this.prune();
  }

  take(viewer: Viewer): Flash[] {
    const key = viewer.session.idHash;
    const entry = this.bySession.get(key);
    this.bySession.delete(key);
    return entry && this.now() - entry.at < flashTtlMs ? entry.items : [];
  }

  private prune(): void {
    if (this.bySession.size < 1000) return;
    const now = this.now();
    for (const [key, entry] of this.bySession)
      if (now - entry.at >= flashTtlMs) this.bySession.delete(key);
  }
}
