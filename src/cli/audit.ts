import { InvalidArgumentError, type Command } from 'commander';
import { parseDurationSeconds } from '../core/agent/commands/duration.js';
import type { Config } from '../core/config/schema.js';
import { isUserError } from '../core/errors/user-error.js';
import { renderTable } from '../core/messages/render-plain-text.js';
import type { Database } from '../core/store/database.js';
import { openStore } from '../core/store/open-store.js';
import { AuditRepo, type AuditRecord } from '../core/store/repos/audit.js';
import { configFromCommand, fail } from './context.js';

export interface AuditCommandDeps {
  /** Opens the database; by default the configured SQLite file. */
  openDatabase?: (config: Config) => Promise<Database>;
  /** The clock `--since` counts back from. */
  now?: () => number;
}

interface AuditOptions {
  user?: string;
  since?: number;
  limit: number;
  json?: boolean;
}

/** `ai4k8s audit [--user U] [--since 1h]`: tool calls, chat commands and approval decisions, oldest first. */
export function registerAuditCommand(program: Command, deps: AuditCommandDeps = {}): void {
  program
    .command('audit')
    .description('print the audit log: tool calls, chat commands and approval decisions')
    .option('--user <id>', 'only this actor: `slack:U123`, or the bare id `U123`')
    .option('--since <duration>', 'only the last 30m, 1h, 2d, ...', parseSince)
    .option('--limit <n>', 'at most this many rows (newest kept)', parseLimit, 200)
    .option('--json', 'one JSON object per line instead of a table')
    .action(async (opts: AuditOptions, command: Command) => {
      const config = configFromCommand(command);
      const db = await (deps.openDatabase ?? ((c: Config) => openStore(c.database.path)))(
        config,
      ).catch((error: Error) =>
        fail(`cannot open the database ${config.database.path}: ${error.message}`),
      );
      try {
        const now = (deps.now ?? Date.now)();
        const rows = await readAudit(new AuditRepo(db), opts, now);
        process.stdout.write(
          opts.json
            ? rows.map((r) => JSON.stringify(r)).join('\n') + (rows.length ? '\n' : '')
            : `${formatAudit(rows)}\n`,
        );
      } finally {
        await db.close();
      }
    });
}

export async function readAudit(
  repo: AuditRepo,
  opts: AuditOptions,
  now: number,
): Promise<AuditRecord[]> {
  const since = opts.since === undefined ? undefined : now - opts.since * 1000;
  const wanted = opts.user?.trim();
  // `--user U123` matches `slack:U123` and `discord:U123`: people know their id, not our prefix.
  const exact = wanted?.includes(':');
  const rows = await repo.list({
    since,
    limit: wanted && !exact ? 10_000 : opts.limit,
    ...(exact ? { actor: wanted } : {}),
  });
  const mine =
    wanted && !exact
      ? rows.filter((r) => r.actor.slice(r.actor.indexOf(':') + 1) === wanted)
      : rows;
  return mine.slice(0, opts.limit).reverse();
}

export function formatAudit(rows: AuditRecord[]): string {
  if (rows.length === 0) return 'No audit entries match.';
  return renderTable({
    type: 'table',
    columns: [
      'TIME (UTC)',
      'ACTOR',
      'ROLE',
      'SURFACE',
      'ACTION',
      'TOOL',
      'CLUSTER',
      'OUTCOME',
      'MS',
      'DETAIL',
    ],
    rows: rows.map((r) => [
      new Date(r.at).toISOString().replace('T', ' ').slice(0, 19),
      r.actor,
      r.role ?? '',
      r.surface,
      r.action,
      r.tool ?? '',
      r.cluster ?? '',
      r.outcome,
      r.durationMs === undefined ? '' : String(r.durationMs),
      shorten(detailOf(r), 100),
    ]),
  });
}

function detailOf(r: AuditRecord): string {
  const args =
    r.args === undefined
      ? ''
      : typeof (r.args as { text?: unknown }).text === 'string'
        ? (r.args as { text: string }).text
        : JSON.stringify(r.args);
  return [args, r.detail].filter(Boolean).join(' | ');
}

function shorten(text: string, max: number): string {
  const one = text.replace(/\s+/g, ' ');
  return one.length <= max ? one : `${one.slice(0, max - 1)}…`;
}

function parseSince(value: string): number {
  try {
    return parseDurationSeconds(value, 'duration');
  } catch (error) {
    throw new InvalidArgumentError(
      isUserError(error) ? error.toText() : 'write it like 30m, 1h or 2d.',
    );
  }
}

function parseLimit(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 10_000)
    throw new InvalidArgumentError('give a whole number from 1 to 10000.');
  return n;
}
