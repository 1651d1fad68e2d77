/**
 * Where the pipeline's work runs. With Redis, BullMQ (durable schedules, retries that survive a
 * restart); without it, an in-process implementation with the same behaviour for one process.
 */
export interface Scheduler {
  readonly kind: 'bullmq' | 'in-process';
  /** Runs `handler` every `everyMs`; a run still going when the next is due makes that one skip. */
  every(name: string, everyMs: number, handler: () => Promise<void>): void;
  /** A queue of jobs with retries and back-off. Define queues and schedules before `start`. */
  queue<T>(name: string, handler: (data: T) => Promise<void>, options: QueueOptions): JobQueue<T>;
  start(): Promise<void>;
  /** Takes no new jobs and waits for running ones to finish (SIGTERM). */
  stop(): Promise<void>;
}

export interface QueueOptions {
  /** Runs per job, the first included. */
  attempts: number;
  /** Delay before retry after `attempt` failed runs (1, 2, ...). */
  backoffMs: (attempt: number) => number;
  /** A delay the failure itself asks for (a 429's Retry-After), overriding the back-off. */
  retryDelayOf?: (error: unknown) => number | undefined;
  /** Jobs run at once. */
  concurrency?: number;
}

export interface JobQueue<T> {
  /** Adds a job; a job with the same id still waiting, delayed or running is not added twice. */
  add(jobId: string, data: T): Promise<void>;
}
