import type { Logger } from '../log/logger.js';
import type { JobQueue, QueueOptions, Scheduler } from './scheduler.js';

interface Periodic {
  name: string;
  everyMs: number;
  handler: () => Promise<void>;
  timer?: NodeJS.Timeout;
  running?: Promise<void>;
}

interface QueuedJob {
  id: string;
  data: unknown;
  attempt: number;
  timer?: NodeJS.Timeout;
}

/**
 * The scheduler without Redis (the embedded default): timers and an in-memory queue. Jobs that
 * have not started when the process stops are simply dropped: their state lives in SQLite (the
 * outbox), and the sweeper enqueues them again on the next start.
 */
export class InProcessScheduler implements Scheduler {
  readonly kind = 'in-process';
  private readonly periodics: Periodic[] = [];
  private readonly queues = new Map<string, InProcessQueue>();
  private started = false;
  private stopping = false;

  constructor(private readonly options: { logger?: Logger } = {}) {}

  every(name: string, everyMs: number, handler: () => Promise<void>): void {
    this.periodics.push({ name, everyMs, handler });
  }

  queue<T>(name: string, handler: (data: T) => Promise<void>, options: QueueOptions): JobQueue<T> {
    const queue = new InProcessQueue(
      name,
      handler as (data: unknown) => Promise<void>,
      options,
      this.options.logger,
    );
    this.queues.set(name, queue);
    return queue as JobQueue<T>;
  }

  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    for (const p of this.periodics) this.arm(p, p.everyMs);
    for (const q of this.queues.values()) q.start();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    for (const p of this.periodics) clearTimeout(p.timer);
    await Promise.all([
      ...this.periodics.map((p) => p.running ?? Promise.resolve()),
      ...[...this.queues.values()].map((q) => q.stop()),
    ]);
  }

  private arm(p: Periodic, delay: number): void {
    if (this.stopping) return;
    p.timer = setTimeout(() => {
      const started = Date.now();
      p.running = p
        .handler()
        .catch((error: unknown) =>
          this.options.logger?.error({ err: error, job: p.name }, 'scheduled job failed'),
        )
        .finally(() => {
          p.running = undefined;
          // The next run keeps the period, but never starts before this one ended.
          this.arm(p, Math.max(0, p.everyMs - (Date.now() - started)));
        });
    }, delay);
    p.timer.unref?.();
  }
}

class InProcessQueue implements JobQueue<unknown> {
  private readonly known = new Map<string, QueuedJob>();
  private readonly ready: QueuedJob[] = [];
  private readonly running = new Set<Promise<void>>();
  private active = false;
  private stopped = false;

  constructor(
    private readonly name: string,
    private readonly handler: (data: unknown) => Promise<void>,
    private readonly options: QueueOptions,
    private readonly logger?: Logger,
  ) {}

  async add(jobId: string, data: unknown): Promise<void> {
    if (this.stopped || this.known.has(jobId)) return;
    const job: QueuedJob = { id: jobId, data, attempt: 0 };
    this.known.set(jobId, job);
    this.ready.push(job);
    this.pump();
  }

  start(): void {
    this.active = true;
    this.pump();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.active = false;
    for (const job of this.known.values()) clearTimeout(job.timer);
    await Promise.all([...this.running]);
  }

  private pump(): void {
    const concurrency = this.options.concurrency ?? 4;
    while (this.active && this.running.size < concurrency && this.ready.length > 0) {
      const job = this.ready.shift() as QueuedJob;
      const run = this.run(job).finally(() => {
        this.running.delete(run);
        this.pump();
      });
      this.running.add(run);
    }
  }

  private async run(job: QueuedJob): Promise<void> {
    job.attempt += 1;
    try {
      await this.handler(job.data);
      this.known.delete(job.id);
    } catch (error) {
      if (job.attempt >= this.options.attempts || this.stopped) {
        this.known.delete(job.id);
        this.logger?.error(
          { err: error, queue: this.name, job: job.id, attempts: job.attempt },
          'job failed for good',
        );
        return;
      }
      const delay = this.options.retryDelayOf?.(error) ?? this.options.backoffMs(job.attempt);
      job.timer = setTimeout(() => {
        job.timer = undefined;
        this.ready.push(job);
        this.pump();
      }, delay);
      job.timer.unref?.();
    }
  }
}
