import { SortedWindow } from './sorted-window.js';

const MIN_RESIDUALS = 20;
const MIN_MOVES = 10;
/** Consistency factors that turn a median / 90th percentile of |normal residual| into sigma. */
const MAD_TO_SIGMA = 1.4826;
const Q90_TO_SIGMA = 1 / 1.645;

/**
 * Robust noise scale of one model's residuals. Takes the larger of a MAD-based and a
 * 90th-percentile-based estimate, so heavy tails widen it, and keeps a second window of non-zero
 * residuals, so a long flat run (MAD 0) does not shrink it to nothing.
 */
export class ResidualScale {
  private readonly all: SortedWindow;
  private readonly nonZero: SortedWindow;

  constructor(capacity: number) {
    this.all = new SortedWindow(capacity);
    // A quarter is plenty for a floor, and saves memory across thousands of series.
    this.nonZero = new SortedWindow(Math.max(4 * MIN_MOVES, capacity >> 2));
  }

  /** Enough non-zero residuals seen to know the noise of a series that moves. */
  get hasMoved(): boolean {
    return this.nonZero.length >= MIN_MOVES;
  }

  get ready(): boolean {
    return this.all.length >= MIN_RESIDUALS;
  }

  push(absResidual: number): void {
    this.all.push(absResidual);
    if (absResidual > 0) this.nonZero.push(absResidual);
  }

  sigma(floor: number): number {
    const mad = MAD_TO_SIGMA * this.all.median();
    const tail = Q90_TO_SIGMA * this.all.quantile(0.9);
    // The typical size of a real move: a floor for series that are mostly still.
    const nonZero =
      this.nonZero.length > 0
        ? Math.max(this.nonZero.median(), Q90_TO_SIGMA * this.nonZero.quantile(0.9))
        : 0;
    return Math.max(mad || 0, tail || 0, nonZero, floor);
  }
}
