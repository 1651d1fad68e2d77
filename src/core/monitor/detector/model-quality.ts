/**
 * Which baselines predict about as well as the best one, judged on the same points: a running
 * mean of clipped absolute residuals per baseline, restarted when a new baseline becomes
 * available, so one that arrived during a calm spell does not look better than it is. Until the
 * restarted means have enough points, the earlier means rank the older baselines and the
 * newcomer takes part (with a minimum over baselines, more is only more cautious).
 */
export class ModelQuality<M extends string> {
  private readonly mean = new Map<M, number>();
  private samples = 0;
  private previous = new Map<M, number>();

  constructor(
    private readonly alpha: number,
    private readonly minSamples: number,
    private readonly ratio: number,
  ) {}

  /** Records one learning point's clipped absolute residuals of the baselines that have one. */
  update(absResiduals: ReadonlyMap<M, number>): void {
    for (const model of absResiduals.keys()) {
      if (!this.mean.has(model)) {
        this.restart();
        break;
      }
    }
    this.samples++;
    const a = Math.max(this.alpha, 1 / this.samples);
    for (const [model, r] of absResiduals) {
      this.mean.set(model, (1 - a) * (this.mean.get(model) ?? r) + a * r);
    }
  }

  /**
   * The baselines of `available` that take part in the score: those within `ratio` of the best,
   * and at least the `atLeast` best of them.
   */
  good(available: readonly M[], atLeast: number): M[] {
    const settled = this.samples >= this.minSamples && available.every((m) => this.mean.has(m));
    const means = settled ? this.mean : this.previous;
    const ranked = available.filter((m) => means.has(m));
    ranked.sort((a, b) => (means.get(a) as number) - (means.get(b) as number));
    const best = means.get(ranked[0] as M) as number;
    const good = ranked.filter(
      (m, i) => i < atLeast || (means.get(m) as number) <= this.ratio * best,
    );
    return [...good, ...available.filter((m) => !means.has(m))];
  }

  private restart(): void {
    if (this.samples >= this.minSamples) this.previous = new Map(this.mean);
    this.mean.clear();
    this.samples = 0;
  }
}
