import type { Alert } from '../alert.js';
import { matchesAll } from './matcher.js';
import type { Silence, SilenceRepo } from './silence-repo.js';

/** Active silences kept in memory (they are few) and re-read whenever one is added or revoked. */
export class Silences {
  private cache: Silence[] = [];
  private loadedAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly repo: SilenceRepo,
    private readonly now: () => Date,
  ) {}

  async refresh(): Promise<void> {
    const now = this.now().getTime();
    this.cache = await this.repo.active(now);
    this.loadedAt = now;
  }

  /** Re-reads at most once a minute, so silences made by another process (the CLI) are seen. */
  async refreshIfStale(): Promise<void> {
    const now = this.now().getTime();
    if (now - this.loadedAt > 60_000 || now < this.loadedAt) await this.refresh();
  }

  /** The silence that covers this alert now, if any (call `refreshIfStale` first). */
  covering(
    alert: Pick<Alert, 'fingerprint' | 'subject' | 'reason' | 'severity' | 'source'>,
  ): Silence | undefined {
    const now = this.now().getTime();
    return this.cache.find(
      (s) =>
        s.expiresAt > now &&
        (s.fingerprint !== undefined
          ? s.fingerprint === alert.fingerprint
          : s.matchers !== undefined && matchesAll(s.matchers, alert)),
    );
  }

  active(): Silence[] {
    const now = this.now().getTime();
    return this.cache.filter((s) => s.expiresAt > now);
  }
}
