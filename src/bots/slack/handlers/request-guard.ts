import type { App } from '@slack/bolt';

/**
 * A global middleware that (1) drops an event Slack delivers twice (it retries when an ack is
 * late, and Socket Mode may redeliver), and (2) tracks listeners still running, so `stop()` can
 * let them finish.
 */
export function registerRequestGuard(
  app: App,
  options: { rememberEvents?: number } = {},
): { idle(timeoutMs: number): Promise<void> } {
  const limit = options.rememberEvents ?? 2000;
  const seen = new Set<string>();
  const running = new Set<Promise<void>>();
  app.use(async ({ body, next }) => {
    const eventId = (body as { event_id?: unknown }).event_id;
    if (typeof eventId === 'string') {
      if (seen.has(eventId)) return;
      seen.add(eventId);
      if (seen.size > limit) seen.delete(seen.values().next().value as string);
    }
    const work = next();
    running.add(work);
    try {
      await work;
    } finally {
      running.delete(work);
    }
  });
  return {
    async idle(timeoutMs) {
      if (running.size === 0) return;
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, timeoutMs);
      });
      await Promise.race([Promise.allSettled([...running]).then(() => undefined), timeout]);
      clearTimeout(timer);
    },
  };
}
