import { Option, type Command } from 'commander';
import {
  apiTokenNamePattern,
  ApiTokensRepo,
  type ApiTokenRecord,
  type ApiTokenRole,
} from '../core/store/repos/api-tokens.js';
import { EXIT_USAGE, fail, withDatabase } from './context.js';

/** `ai4k8s token create|list|revoke`: bearer tokens for MCP over HTTP. */
export function registerTokenCommands(program: Command): void {
  const token = program
    .command('token')
    .description('manage bearer tokens for MCP clients over HTTP (/mcp)');

  token
    .command('create')
    .description('create a token and print it once (only its hash is stored)')
    .requiredOption('--name <name>', 'a name for who uses it, e.g. claude-desktop or ci-bot')
    .addOption(
      new Option('--role <role>', 'what the token may do')
        .choices(['viewer', 'operator', 'admin'])
        .default('viewer'),
    )
    .action(async (opts: { name: string; role: ApiTokenRole }, command: Command) => {
      if (!apiTokenNamePattern.test(opts.name)) {
        fail(
          `"${opts.name}" is not a usable token name: use letters, digits, ., _ and - (up to 64).`,
          EXIT_USAGE,
        );
      }
      await withTokens(command, async (tokens) => {
        if (await tokens.findByName(opts.name)) {
          fail(
            `a token named "${opts.name}" already exists (revoked tokens keep their name); choose another name.`,
          );
        }
        const { token: secret } = await tokens.create(opts.name, opts.role);
        // The token alone on stdout, so `TOKEN=$(ai4k8s token create ...)` works; advice on stderr.
        process.stdout.write(`${secret}\n`);
        process.stderr.write(
          `Created token "${opts.name}" with role ${opts.role}. Copy it now: it is not shown again.\n` +
            `Clients send it as "Authorization: Bearer <token>" to /mcp of \`ai4k8s serve\`.\n`,
        );
      });
    });

  token
    .command('list')
    .description('list tokens: name, role, created, last used, revoked')
    .option('--json', 'print JSON instead of a table')
    .action(async (opts: { json?: boolean }, command: Command) => {
      await withTokens(command, async (tokens) => {
        const list = await tokens.list();
        process.stdout.write(
          opts.json ? `${JSON.stringify(list.map(toJson), null, 2)}\n` : renderTable(list),
        );
      });
    });

  token
    .command('revoke')
    .description('revoke a token by name; clients using it are refused from then on')
    .argument('<name>', 'the token name shown by `ai4k8s token list`')
    .action(async (name: string, _opts, command: Command) => {
      await withTokens(command, async (tokens) => {
        if (await tokens.revoke(name)) {
          process.stdout.write(`Revoked token "${name}".\n`);
          return;
        }
        const existing = await tokens.findByName(name);
        fail(
          existing
            ? `token "${name}" was already revoked.`
            : `there is no token named "${name}"; \`ai4k8s token list\` shows the names.`,
        );
      });
    });
}

function withTokens(
  command: Command,
  work: (tokens: ApiTokensRepo) => Promise<void>,
): Promise<void> {
  return withDatabase(command, (db) => work(new ApiTokensRepo(db)));
}

function toJson(record: ApiTokenRecord) {
  const iso = (ms?: number) => (ms === undefined ? null : new Date(ms).toISOString());
  return {
    name: record.name,
    role: record.role,
    created: iso(record.createdAt),
    lastUsed: iso(record.lastUsedAt),
    revoked: iso(record.revokedAt),
  };
}

function renderTable(list: ApiTokenRecord[]): string {
  if (list.length === 0)
    return 'No tokens yet. Create one with `ai4k8s token create --name NAME --role viewer`.\n';
  const rows = list.map((r) => {
    const j = toJson(r);
    const short = (iso: string | null) => (iso === null ? '-' : iso.slice(0, 16).replace('T', ' '));
    return [
      j.name,
      j.role,
      short(j.created),
      short(j.lastUsed),
      j.revoked === null ? 'no' : short(j.revoked),
    ];
  });
  const header = ['NAME', 'ROLE', 'CREATED', 'LAST USED', 'REVOKED'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return `${[header, ...rows].map(line).join('\n')}\n`;
}
