import type { Logger } from '../log/logger.js';
import { BullmqScheduler } from './bullmq-scheduler.js';
import { InProcessScheduler } from './in-process-scheduler.js';
import type { Scheduler } from './scheduler.js';

/** BullMQ when a Redis URL is configured (REDIS_URL), else the in-process scheduler. */
export function createScheduler(options: {
  redisUrl?: string;
  logger?: Logger;
  prefix?: string;
}): Scheduler {
  if (options.redisUrl) {
    return new BullmqScheduler({
      redisUrl: options.redisUrl,
      ...(options.logger && { logger: options.logger }),
      ...(options.prefix && { prefix: options.prefix }),
    });
  }
  return new InProcessScheduler(options.logger ? { logger: options.logger } : {});
}
