import type { Logger } from '../log/logger.js';

export interface GracefulStopOptions {
  /** Stops the scheduler (running jobs finish; queued ones stay queued) and the rest. */
  stop: () => Promise<void>;
  logger?: Logger;
  signals?: NodeJS.Signals[];
  /** A second signal, or a stop that takes longer than this, exits at once. */
  timeoutMs?: number;
  exit?: (code: number) => void;
}

/**
 * SIGTERM (and SIGINT) finish in-flight jobs and exit 0. Kubernetes sends SIGTERM and waits
 * terminationGracePeriodSeconds (30 s) before SIGKILL, hence the default deadline under it.
 * Returns a function that removes the handlers.
 */
export function stopOnSignals(options: GracefulStopOptions): () => void {
  const signals = options.signals ?? ['SIGTERM', 'SIGINT'];
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let stopping = false;
  const handler = (signal: NodeJS.Signals) => {
    if (stopping) {
      options.logger?.warn({ signal }, 'second signal: exiting without waiting');
      exit(1);
      return;
    }
    stopping = true;
    options.logger?.info({ signal }, 'stopping: finishing running jobs');
    const timer = setTimeout(() => {
      options.logger?.error(
        { timeoutMs: options.timeoutMs ?? 25_000 },
        'stop took too long; exiting',
      );
      exit(1);
    }, options.timeoutMs ?? 25_000);
    timer.unref?.();
    options.stop().then(
      () => {
        clearTimeout(timer);
        exit(0);
      },
      (error: unknown) => {
        clearTimeout(timer);
        options.logger?.error({ err: error }, 'stop failed');
        exit(1);
      },
    );
  };
  for (const s of signals) process.on(s, handler);
  return () => {
    for (const s of signals) process.off(s, handler);
  };
}
