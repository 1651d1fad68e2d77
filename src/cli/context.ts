import { InvalidArgumentError, type Command } from 'commander';
import { formatProblems } from '../core/config/format-problems.js';
import { loadConfig } from '../core/config/load-config.js';
import type { Config } from '../core/config/schema.js';
import type { Database } from '../core/store/database.js';
import { openStore } from '../core/store/open-store.js';

/** Exit code for bad usage and bad configuration, as the issues ask. */
export const EXIT_USAGE = 2;

/** Loads the configuration named by the global `--config`; on problems prints them all and exits 2. */
export function configFromCommand(command: Command): Config {
  const file = command.optsWithGlobals<{ config?: string }>().config;
  const loaded = loadConfig({ file });
  if (!loaded.ok) {
    process.stderr.write(`${formatProblems(loaded.problems, loaded.file)}\n`);
    process.exit(EXIT_USAGE);
  }
  return loaded.config;
}

/** Prints a one-line error for the user and exits; never a stack trace. */
export function fail(message: string, code = 1): never {
  process.stderr.write(`ai4k8s: ${message}\n`);
  process.exit(code);
}

/** Commander argument parser for `--port`-style options. */
export function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new InvalidArgumentError('give a port number between 0 and 65535 (0 picks a free one).');
  }
  return port;
}

/** Opens the configured database for one command, closes it after; a failure to open is one line. */
export async function withDatabase(
  command: Command,
  work: (db: Database, config: Config) => Promise<void>,
): Promise<void> {
  const config = configFromCommand(command);
  let db: Database;
  try {
    db = await openStore(config.database.path);
  } catch (error) {
    fail(`cannot open the database ${config.database.path}: ${(error as Error).message}`);
  }
  try {
    await work(db, config);
  } finally {
    await db.close();
  }
}
