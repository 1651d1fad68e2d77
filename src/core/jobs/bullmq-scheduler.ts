import { Queue, Worker, type ConnectionOptions, type Job, type RedisOptions } from 'bullmq';
import type { Logger } from '../log/logger.js';
import type { JobQueue, QueueOptions, Scheduler } from './scheduler.js';

export interface BullmqSchedulerOptions {
  redisUrl: string;
  /** Key prefix in Redis; tests use their own so nothing is shared. */
  prefix?: string;
  logger?: Logger;
  /** Worker lock settings (tests shorten them to provoke stalled jobs). */
  lockDurationMs?: number;
  stalledIntervalMs?: number;
  maxStalledCount?: number;
  /** Lets a test make a worker lose its lock on purpose (BullMQ `skipLockRenewal`). */
  skipLockRenewal?: boolean;
  /** How often the job schedulers are checked and recreated if Redis lost them (default 30 s). */
  scheduleCheckMs?: number;
  /** How long `stop` waits for running jobs before it drops the connections (default 30 s). */
  closeTimeoutMs?: number;
}

interface QueueDef {
  name: string;
  handler: (data: unknown) => Promise<void>;
  options: QueueOptions;
  queue?: Queue;
  worker?: Worker;
}

const PERIODIC_QUEUE = 'periodic';

/**
 * BullMQ on Redis: `every` becomes a job scheduler on one `periodic` queue (so schedules survive
 * restarts and run once across processes), `queue` a queue with retries and custom back-off.
 */
export class BullmqScheduler implements Scheduler {
  readonly kind = 'bullmq';
  private readonly periodics = new Map<
    string,
    { everyMs: number; handler: () => Promise<void>; running: boolean }
  >();
  private readonly queues = new Map<string, QueueDef>();
  private readonly workers: Worker[] = [];
  private readonly bullQueues: Queue[] = [];
  private started = false;
  private periodicQueue?: Queue;
  private checkTimer?: NodeJS.Timeout;

  constructor(private readonly options: BullmqSchedulerOptions) {}

  every(name: string, everyMs: number, handler: () => Promise<void>): void {
    this.periodics.set(name, { everyMs, handler, running: false });
  }

  queue<T>(name: string, handler: (data: T) => Promise<void>, options: QueueOptions): JobQueue<T> {
    const def: QueueDef = { name, handler: handler as (data: unknown) => Promise<void>, options };
    this.queues.set(name, def);
    return {
      add: async (jobId, data) => {
        const queue = def.queue ?? this.openQueue(def);
        // Removed when done, so a later add with the same id (the sweeper) is a new job again.
        await queue.add(name, data, {
          jobId,
          attempts: options.attempts,
          backoff: { type: 'custom' },
          removeOnComplete: true,
          removeOnFail: true,
        });
      },
    };
  }

  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    for (const def of this.queues.values()) {
      await (def.queue ?? this.openQueue(def)).waitUntilReady();
      def.worker = this.openWorker(def.name, (job) => def.handler(job.data), def.options);
    }
    if (this.periodics.size > 0) {
      const periodic = new Queue(PERIODIC_QUEUE, {
        connection: this.connection(true),
        prefix: this.prefix,
      });
      this.bullQueues.push(periodic);
      this.periodicQueue = periodic;
      await periodic.waitUntilReady();
      await this.ensureSchedules();
      // Schedules live in Redis: a Redis that restarts empty loses them, so they are checked again.
      (await periodic.client).on('ready', () => void this.ensureSchedules().catch(() => undefined));
      this.checkTimer = setInterval(
        () => void this.ensureSchedules().catch(() => undefined),
        this.options.scheduleCheckMs ?? 30_000,
      );
      this.checkTimer.unref?.();
      this.openWorker(PERIODIC_QUEUE, (job) => this.runPeriodic(job.name), {
        attempts: 1,
        backoffMs: () => 0,
        concurrency: this.periodics.size,
      });
    }
  }

  /** Creates the job schedulers Redis does not have (all of them at first start). */
  async ensureSchedules(): Promise<void> {
    const queue = this.periodicQueue;
    if (!queue) return;
    for (const [name, p] of this.periodics) {
      if (await queue.getJobScheduler(name)) continue;
      await queue.upsertJobScheduler(
        name,
        { every: p.everyMs },
        { name, data: {}, opts: { removeOnComplete: true, removeOnFail: 50 } },
      );
    }
  }

  async stop(): Promise<void> {
    clearInterval(this.checkTimer);
    // close() lets running jobs finish; jobs it could not start stay in Redis for the next start.
    // BullMQ's close can hang on a connection caught mid-reconnect, so it gets a deadline.
    const timeout = this.options.closeTimeoutMs ?? 30_000;
    await Promise.allSettled(
      this.workers.map(async (w) => {
        if (!(await within(w.close(), timeout))) {
          this.options.logger?.warn(
            { queue: w.name },
            'job worker did not close in time; dropping its connections',
          );
          await within(w.disconnect(), 1000);
        }
      }),
    );
    await Promise.allSettled(this.bullQueues.map((q) => within(q.close(), 5000)));
  }

  private get prefix(): string {
    return this.options.prefix ?? 'ai4k8s';
  }

  private async runPeriodic(name: string): Promise<void> {
    const p = this.periodics.get(name);
    if (!p || p.running) return;
    p.running = true;
    try {
      await p.handler();
    } catch (error) {
      this.options.logger?.error({ err: error, job: name }, 'scheduled job failed');
    } finally {
      p.running = false;
    }
  }

  private openQueue(def: QueueDef): Queue {
    def.queue = new Queue(def.name, { connection: this.connection(true), prefix: this.prefix });
    this.bullQueues.push(def.queue);
    return def.queue;
  }

  private openWorker(
    name: string,
    processor: (job: Job) => Promise<void>,
    options: QueueOptions,
  ): Worker {
    const worker = new Worker(name, processor, {
      connection: this.connection(),
      prefix: this.prefix,
      concurrency: options.concurrency ?? 4,
      ...(this.options.lockDurationMs !== undefined && {
        lockDuration: this.options.lockDurationMs,
      }),
      ...(this.options.stalledIntervalMs !== undefined && {
        stalledInterval: this.options.stalledIntervalMs,
      }),
      ...(this.options.maxStalledCount !== undefined && {
        maxStalledCount: this.options.maxStalledCount,
      }),
      ...(this.options.skipLockRenewal !== undefined && {
        skipLockRenewal: this.options.skipLockRenewal,
      }),
      settings: {
        backoffStrategy: (attemptsMade: number, _type?: string, error?: Error) =>
          options.retryDelayOf?.(error) ?? options.backoffMs(attemptsMade),
      },
    });
    worker.on('error', (error) =>
      this.options.logger?.warn({ err: error, queue: name }, 'job worker error'),
    );
    worker.on('failed', (job, error) => {
      if (job && job.attemptsMade >= (job.opts.attempts ?? 1)) {
        this.options.logger?.error({ err: error, queue: name, job: job.id }, 'job failed for good');
      }
    });
    this.workers.push(worker);
    return worker;
  }

  /** Workers block on Redis and retry forever; queues fail fast (the outbox and sweeper keep the work). */
  private connection(forQueue = false): ConnectionOptions {
    const base = redisOptionsOf(this.options.redisUrl);
    return forQueue
      ? { ...base, enableOfflineQueue: false }
      : { ...base, maxRetriesPerRequest: null };
  }
}

/** True when `promise` settled within `ms`. */
async function within(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const settled = promise.then(
    () => true,
    () => true,
  );
  const late = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([settled, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** `redis://[user:password@]host[:port][/db]` (or `rediss://` for TLS) as connection options. */
export function redisOptionsOf(url: string): RedisOptions {
  const u = new URL(url);
  if (u.protocol !== 'redis:' && u.protocol !== 'rediss:') {
    throw new Error(`REDIS_URL must start with redis:// or rediss:// (got "${u.protocol}")`);
  }
  const db = u.pathname.replace(/^\//, '');
  return {
    host: u.hostname || '127.0.0.1',
    port: u.port ? Number(u.port) : 6379,
    ...(u.username && { username: decodeURIComponent(u.username) }),
    ...(u.password && { password: decodeURIComponent(u.password) }),
    ...(db && { db: Number(db) }),
    ...(u.protocol === 'rediss:' && { tls: {} }),
  };
}
