// The simulation clock: follows wall time (realtime) or stands still, and jumps forward on advance.

export class SimClock {
  private offset: number;
  private frozenAt: number;

  constructor(
    start: number,
    private readonly realtime: boolean,
    private readonly wallNow: () => number = Date.now,
  ) {
    this.offset = start - wallNow();
    this.frozenAt = start;
  }

  now(): number {
    return this.realtime ? this.wallNow() + this.offset : this.frozenAt;
  }

  isRealtime(): boolean {
    return this.realtime;
  }

  /** Moves the clock forward by `ms` (never backwards). */
  shift(ms: number): void {
    if (ms < 0) throw new Error('the sim clock only moves forward');
    this.offset += ms;
    this.frozenAt += ms;
  }
}
