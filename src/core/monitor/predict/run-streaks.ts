/**
 * How many forecast runs in a row predicted each incident. A run closer than `minSpacingMs` to
 * the previous counted one (the same job run again after a stall) does not count twice, so a
 * re-run can never turn one prediction into two.
 */
export class RunStreaks {
  private readonly streaks = new Map<string, { count: number; at: number }>();

  constructor(private readonly minSpacingMs: number) {}

  /** Records this run's predictions for a scope; returns each predicted fingerprint's streak. */
  update(scope: string, predicted: Iterable<string>, now: number): Map<string, number> {
    const seen = new Set(predicted);
    const out = new Map<string, number>();
    for (const fp of seen) {
      const key = `${scope}\u0000${fp}`;
      const s = this.streaks.get(key);
      if (!s) {
        this.streaks.set(key, { count: 1, at: now });
      } else if (now - s.at >= this.minSpacingMs) {
        s.count += 1;
        s.at = now;
      }
      out.set(fp, this.streaks.get(key)?.count ?? 1);
    }
    const prefix = `${scope}\u0000`;
    for (const [key, s] of this.streaks) {
      // A run without the prediction breaks the streak (unless it is a re-run of the same run).
      if (
        key.startsWith(prefix) &&
        !seen.has(key.slice(prefix.length)) &&
        now - s.at >= this.minSpacingMs
      ) {
        this.streaks.delete(key);
      }
    }
    return out;
  }
}
