import type { Command } from 'commander';
import { withDatabase } from './context.js';

export function registerDbCommands(program: Command): void {
  const db = program.command('db').description('manage the SQLite database');
  db.command('migrate')
    .description('apply pending schema migrations (also done at every start)')
    .action((_opts, command: Command) =>
      // Opening the store applies pending migrations; then say where the schema stands.
      withDatabase(command, async (store, config) => {
        const rows = await store.all<{ version: number; name: string }>(
          'SELECT version, name FROM schema_migrations ORDER BY version',
        );
        process.stdout.write(
          `Database ${config.database.path} is at version ${rows.at(-1)?.version ?? 0}:\n` +
            rows.map((r) => `  ${r.version}  ${r.name}`).join('\n') +
            '\n',
        );
      }),
    );
}
