// Discrete-event core: timers run in due-time order with the simulation time set to their due
// time, and after each step the controllers reconcile until the cluster is quiet. Outcomes are
// therefore the same whatever step size advance() or the realtime ticker uses.
import { TimerQueue, type Timer } from './timer-queue.js';

const SETTLE_QUANTUM_MS = 100;

export interface Controller {
  name: string;
  /** Reconciles pending work; returns true when it changed something. */
  sync(): boolean;
}

export class Engine {
  private readonly timers = new TimerQueue();
  private readonly controllers: Controller[] = [];
  private running = false;

  constructor(public time: number) {}

  addController(controller: Controller): void {
    this.controllers.push(controller);
  }

  /** Runs `fn` at simulation time `at` (or now, if `at` has passed). */
  schedule(at: number, fn: () => void): Timer {
    return this.timers.push(Math.max(at, this.time), fn);
  }

  after(ms: number, fn: () => void): Timer {
    return this.schedule(this.time + ms, fn);
  }

  nextDue(): number | undefined {
    return this.timers.peek()?.at;
  }

  /** Processes every timer due up to `until`, at most `budget` of them; true when done. */
  runUntil(until: number, budget = Number.POSITIVE_INFINITY): boolean {
    if (this.running) return true;
    this.running = true;
    try {
      this.settle();
      let processed = 0;
      for (let t = this.timers.peek(); t && t.at <= until; t = this.timers.peek()) {
        if (processed >= budget) return false;
        // Timers within one quantum run back to back and the controllers reconcile once after
        // them, as real controllers batch work from their queues.
        const batchEnd = Math.min(until, t.at + SETTLE_QUANTUM_MS);
        for (let b = this.timers.peek(); b && b.at <= batchEnd; b = this.timers.peek()) {
          this.timers.pop();
          this.time = Math.max(this.time, b.at);
          b.run();
          processed++;
        }
        this.settle();
      }
      this.time = Math.max(this.time, until);
      this.settle();
      return true;
    } finally {
      this.running = false;
    }
  }

  /** Lets controllers converge (bounded, so a buggy loop cannot hang the server). */
  settle(): void {
    for (let round = 0; round < 50; round++) {
      let changed = false;
      for (const c of this.controllers) changed = c.sync() || changed;
      if (!changed) return;
    }
  }
}
