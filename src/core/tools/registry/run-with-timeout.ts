import { UserError } from '../../errors/user-error.js';

export interface RunWithTimeoutOptions<T> {
  timeoutMs: number;
  /** Names the work in the timeout message. */
  what: string;
  /** The caller's own cancellation, if any. */
  signal?: AbortSignal;
  work: (signal: AbortSignal) => Promise<T>;
}

/**
 * Gives the work a signal that fires at the deadline or on cancellation, and stops waiting for it
 * then, even if the work ignores the signal.
 */
export async function runWithTimeout<T>(options: RunWithTimeoutOptions<T>): Promise<T> {
  const controller = new AbortController();
  const limit =
    options.timeoutMs >= 1000
      ? `${Math.round(options.timeoutMs / 1000)} s`
      : `${options.timeoutMs} ms`;
  let timer: NodeJS.Timeout | undefined;
  const stopped = new Promise<never>((_, reject) => {
    const fail = (error: UserError) => {
      controller.abort(error);
      reject(error);
    };
    timer = setTimeout(
      () =>
        fail(
          new UserError(
            'unavailable',
            `${options.what} did not finish within ${limit}.`,
            'Narrow the request or try again.',
          ),
        ),
      options.timeoutMs,
    );
    const cancel = () => fail(new UserError('unavailable', `${options.what} was cancelled.`));
    if (options.signal?.aborted) cancel();
    else options.signal?.addEventListener('abort', cancel, { once: true });
  });
  // The losing side of the race must not become an unhandled rejection.
  stopped.catch(() => undefined);
  try {
    return await Promise.race([options.work(controller.signal), stopped]);
  } finally {
    clearTimeout(timer);
  }
}
