import type { Logger } from '../log/logger.js';
import type { SilenceRepo } from '../alerts/silences/silence-repo.js';
import type { Silences } from '../alerts/silences/silences.js';

/** The part of the sim's handle the warm-up drives (`SimHandle` fits). */
export interface WarmUpClock {
  now(): Date;
  advance(ms: number): Promise<void>;
}

/** A job run on the sim's clock during the warm-up, as the scheduler would run it. */
export interface WarmUpJob {
  name: string;
  everyMs: number;
  run(): Promise<unknown>;
}

export interface DemoWarmUpOptions {
  /** The sim, started `realtime: false` with its clock 24 h back and `faultsStartAt` at the end. */
  sim: WarmUpClock;
  /** One collection of every cluster (the pipeline's `collectOnce`), after each step. */
  collect(): Promise<void>;
  /** Other jobs on the sim's clock (`analyze` every 30 s, `forecast` every 10 min). */
  jobs?: WarmUpJob[];
  /** Where the warm-up silence goes: alerts raised while the past is replayed are not sent. */
  silences: { repo: Pick<SilenceRepo, 'create' | 'revoke'>; cache: Pick<Silences, 'refresh'> };
  /** Catch up to this time (default: the wall clock, read again until caught up). */
  until?: () => Date;
  /** Sim time per step: the collector's interval (default 30 s). */
  stepMs?: number;
  /** Called after each step, before collecting (lets watch events reach the informer cache). */
  settle?(): Promise<void>;
  logger?: Logger;
}

export interface DemoWarmUpResult {
  steps: number;
  from: number;
  to: number;
  /** The silence that covered the warm-up (revoked at its end). */
  silenceId: number;
}

const WHO = 'demo warm-up';

/**
 * Replays the demo's last day: advances the sim's clock from its start to now in collector-sized
 * steps, collecting after each and running the other jobs at their intervals, so charts and
 * forecasts have a day of history at once. Everything it raises is silenced by a matcher silence
 * (`cluster=*`) for the duration: incidents that opened and resolved in the replayed past are
 * never sent; the silence is lifted at the end, and the lifecycle's next `tick` announces the
 * incidents still open then, once, as they are now.
 */
export async function warmUpDemo(options: DemoWarmUpOptions): Promise<DemoWarmUpResult> {
  const { sim } = options;
  const until = options.until ?? (() => new Date());
  const stepMs = options.stepMs ?? 30_000;
  if (!(stepMs > 0)) throw new Error('stepMs must be positive');
  const from = sim.now().getTime();
  const silence = await options.silences.repo.create({
    matchers: [{ field: 'cluster', negate: false, value: '*' }],
    createdBy: WHO,
    createdAt: from,
    // On the sim's clock; revoked at the end, the expiry is only a safety net.
    expiresAt: Math.max(until().getTime(), from) + 3_600_000,
    comment: 'the demo replays its last 24 hours; alerts raised meanwhile are not sent',
  });
  await options.silences.cache.refresh();
  const lastRun = new Map<string, number>();
  let steps = 0;
  try {
    for (let now = from; now < until().getTime(); now = sim.now().getTime()) {
      await sim.advance(Math.min(stepMs, until().getTime() - now));
      steps++;
      await options.settle?.();
      await options.collect();
      const t = sim.now().getTime();
      for (const job of options.jobs ?? []) {
        if (t - (lastRun.get(job.name) ?? from) < job.everyMs) continue;
        lastRun.set(job.name, t);
        await job.run();
      }
      if (steps % 480 === 0)
        options.logger?.info({ simTime: new Date(t).toISOString() }, 'demo warm-up');
    }
  } finally {
    await options.silences.repo.revoke(silence.id, WHO, sim.now().getTime());
    await options.silences.cache.refresh();
  }
  return { steps, from, to: sim.now().getTime(), silenceId: silence.id };
}

/**
 * After the warm-up the sim's clock stands still (`realtime: false`); this moves it along with
 * the wall clock. Returns a function that stops it.
 */
export function followWallClock(
  sim: WarmUpClock,
  intervalMs = 1000,
  wallNow: () => number = Date.now,
): () => void {
  let busy = false;
  const timer = setInterval(() => {
    const behind = wallNow() - sim.now().getTime();
    if (busy || behind <= 0) return;
    busy = true;
    // The sim never refuses to move forward; a failure here only means the next tick retries.
    sim
      .advance(behind)
      .catch(() => undefined)
      .finally(() => {
        busy = false;
      });
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
