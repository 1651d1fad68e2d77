import { pino, type Logger } from 'pino';
import pretty from 'pino-pretty';
import { secretPaths } from '../config/schema.js';

export type { Logger } from 'pino';

export interface LoggerOptions {
  level?: string;
  /** Where logs go; stderr by default because stdout belongs to MCP stdio and JSON commands. */
  destination?: NodeJS.WritableStream & { fd?: number };
  pretty?: boolean;
}

/** Structured JSON logs on stderr; human-readable when stderr is a terminal. */
export function createLogger(options: LoggerOptions = {}): Logger {
  const destination = options.destination ?? process.stderr;
  const usePretty = options.pretty ?? Boolean((destination as { isTTY?: boolean }).isTTY);
  const base = {
    level: options.level ?? 'info',
    base: undefined,
    // Defence in depth: secrets should never reach a log call, but if a config object does, mask it.
    redact: {
      paths: [
        ...secretPaths.map((p) => `config.${p}`),
        '*.token',
        '*.apiKey',
        '*.password',
        'headers.authorization',
      ],
      censor: '<redacted>',
    },
  };
  if (usePretty) {
    return pino(
      base,
      pretty({ destination: 2, sync: true, colorize: true, ignore: 'pid,hostname' }),
    );
  }
  return pino(base, destination);
}
