import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { Option, type Command } from 'commander';
import {
  normalizeUsername,
  UsersRepo,
  type WebRole,
  type WebUser,
} from '../core/store/repos/users.js';
import { generatePassword, hashPassword, passwordProblem } from '../web/auth/passwords.js';
import { EXIT_USAGE, fail, withDatabase } from './context.js';

/** `ai4k8s user add|passwd|list|remove`: dashboard accounts, on the server (no dashboard needed). */
export function registerUserCommands(program: Command): void {
  const user = program
    .command('user')
    .description('manage dashboard users (scrypt-hashed passwords)');
  const passwordHelp =
    'the password is read from stdin (a hidden prompt on a terminal, else the first line), or made up with --generate';

  user
    .command('add')
    .description(`add a dashboard user; ${passwordHelp}`)
    .argument('<name>', 'username: letters, digits, ., _ and - (stored in lower case)')
    .addOption(
      new Option('--role <role>', 'what the user may do')
        .choices(['viewer', 'operator', 'admin'])
        .default('viewer'),
    )
    .option('--generate', 'generate a password and print it once on stdout')
    .action(
      async (nameText: string, opts: { role: WebRole; generate?: boolean }, command: Command) => {
        const name = usernameOrExit(nameText);
        await withUsers(command, async (users) => {
          if (await users.get(name))
            fail(
              `a user named "${name}" exists already; change their password with \`ai4k8s user passwd ${name}\`.`,
            );
          const password = await newPassword(opts.generate === true);
          if (!(await users.create(name, opts.role, await hashPassword(password))))
            fail(`a user named "${name}" exists already.`);
          process.stderr.write(`Added dashboard user "${name}" with the ${opts.role} role.\n`);
        });
      },
    );

  user
    .command('passwd')
    .description(`set a user's password and end their sessions; ${passwordHelp}`)
    .argument('<name>', 'the username shown by `ai4k8s user list`')
    .option('--generate', 'generate a password and print it once on stdout')
    .action(async (nameText: string, opts: { generate?: boolean }, command: Command) => {
      const name = usernameOrExit(nameText);
      await withUsers(command, async (users) => {
        if (!(await users.get(name)))
          fail(`there is no user named "${name}"; \`ai4k8s user list\` shows them.`);
        const password = await newPassword(opts.generate === true);
        await users.setPassword(name, await hashPassword(password));
        process.stderr.write(`Set a new password for "${name}"; their sessions have ended.\n`);
      });
    });

  user
    .command('list')
    .description('list dashboard users: name, role, created, last sign-in')
    .option('--json', 'print JSON instead of a table')
    .action(async (opts: { json?: boolean }, command: Command) => {
      await withUsers(command, async (users) => {
        const list = await users.list();
        process.stdout.write(
          opts.json ? `${JSON.stringify(list.map(toJson), null, 2)}\n` : renderTable(list),
        );
      });
    });

  user
    .command('remove')
    .description('remove a dashboard user; their sessions end at once')
    .argument('<name>', 'the username shown by `ai4k8s user list`')
    .action(async (nameText: string, _opts, command: Command) => {
      const name = usernameOrExit(nameText);
      await withUsers(command, async (users) => {
        if (!(await users.remove(name)))
          fail(`there is no user named "${name}"; \`ai4k8s user list\` shows them.`);
        process.stdout.write(`Removed dashboard user "${name}".\n`);
        if ((await users.countAdmins()) === 0 && (await users.count()) > 0) {
          process.stderr.write(
            'No admin is left: make one with `ai4k8s user add NAME --role admin`.\n',
          );
        }
      });
    });
}

function usernameOrExit(text: string): string {
  const name = normalizeUsername(text);
  if (!name)
    fail(
      `"${text}" is not a usable username: use letters, digits, ., _ and - (up to 64), starting with a letter or digit.`,
      EXIT_USAGE,
    );
  return name;
}

async function newPassword(generate: boolean): Promise<string> {
  if (generate) {
    const password = generatePassword();
    // The password alone on stdout (like `token create`), so scripts can capture it.
    process.stdout.write(`${password}\n`);
    process.stderr.write('Generated a password (printed above, not shown again).\n');
    return password;
  }
  const password = process.stdin.isTTY ? await promptTwice() : await firstLineOfStdin();
  const problem = passwordProblem(password);
  if (problem) fail(`that password is not usable. ${problem}`, EXIT_USAGE);
  return password;
}

async function promptTwice(): Promise<string> {
  const first = await hiddenPrompt('Password: ');
  const second = await hiddenPrompt('Password again: ');
  if (first !== second) fail('the two passwords differ; nothing was changed.', EXIT_USAGE);
  return first;
}

/** Reads one line from the terminal without echoing it. */
function hiddenPrompt(prompt: string): Promise<string> {
  process.stderr.write(prompt);
  const silent = new Writable({ write: (_chunk, _encoding, done) => done() });
  const rl = createInterface({ input: process.stdin, output: silent, terminal: true });
  return new Promise((resolve) => {
    rl.question('', (answer) => {
      rl.close();
      process.stderr.write('\n');
      resolve(answer);
    });
  });
}

async function firstLineOfStdin(): Promise<string> {
  let text = '';
  for await (const chunk of process.stdin) {
    text += String(chunk);
    if (text.includes('\n') || text.length > 4096) break;
  }
  const line = text.split(/\r?\n/)[0] ?? '';
  if (line === '')
    fail('no password given: pipe it on stdin (one line), or use --generate.', EXIT_USAGE);
  return line;
}

function withUsers(command: Command, work: (users: UsersRepo) => Promise<void>): Promise<void> {
  return withDatabase(command, (db) => work(new UsersRepo(db)));
}

function toJson(user: WebUser) {
  const iso = (ms?: number) => (ms === undefined ? null : new Date(ms).toISOString());
  return {
    name: user.username,
    role: user.role,
    created: iso(user.createdAt),
    lastLogin: iso(user.lastLoginAt),
  };
}

function renderTable(list: WebUser[]): string {
  if (list.length === 0)
    return 'No dashboard users yet. Add one with `ai4k8s user add NAME --role admin`.\n';
  const short = (iso: string | null) => (iso === null ? '-' : iso.slice(0, 16).replace('T', ' '));
  const rows = list.map((u) => {
    const j = toJson(u);
    return [j.name, j.role, short(j.created), short(j.lastLogin)];
  });
  const header = ['NAME', 'ROLE', 'CREATED', 'LAST SIGN-IN'];
  const widths = header.map((h, i) =>
    Math.max(h.length, ...rows.map((r) => (r[i] as string).length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] as number))
      .join('  ')
      .trimEnd();
  return `${[header, ...rows].map(line).join('\n')}\n`;
}
