import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../../core/log/logger.js';

/**
 * Bolt, the Web API client and the Socket Mode client log through this, into our pino logger on
 * stderr. Levels are pino's; Bolt's `setLevel` calls are ignored so the config decides.
 */
export function boltLogger(logger: Logger): BoltLogger {
  const log = logger.child({ component: 'slack-sdk' });
  const write =
    (level: 'debug' | 'info' | 'warn' | 'error') =>
    (...msg: unknown[]) => {
      if (!log.isLevelEnabled(level)) return;
      const error = msg.find((m): m is Error => m instanceof Error);
      const text = msg
        .map((m) =>
          m instanceof Error ? m.message : typeof m === 'string' ? m : JSON.stringify(m),
        )
        .join(' ');
      if (error) log[level]({ err: error }, text);
      else log[level](text);
    };
  return {
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    setLevel: () => undefined,
    getLevel: () => {
      if (log.isLevelEnabled('debug')) return LogLevel.DEBUG;
      if (log.isLevelEnabled('info')) return LogLevel.INFO;
      if (log.isLevelEnabled('warn')) return LogLevel.WARN;
      return LogLevel.ERROR;
    },
    setName: () => undefined,
  };
}
