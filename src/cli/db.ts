import type { Command } from 'commander';
import { openStore } from '../core/store/open-store.js';
import { configFromCommand, fail } from './context.js';

export function registerDbCommands(program: Command): void {
  const db = program.command('db').description('manage the SQLite database');
  db.command('migrate')
    .description('apply pending schema migrations (also done at every start)')
    .action(async (_opts, command: Command) => {
      const config = configFromCommand(command);
      try {
        const store = await openStore(config.database.path);
        const rows = await store.all<{ version: number; name: string }>(
          'SELECT version, name FROM schema_migrations ORDER BY version',
        );
        await store.close();
        process.stdout.write(
          `Database ${config.database.path} is at version ${rows.at(-1)?.version ?? 0}:\n` +
            rows.map((r) => `  ${r.version}  ${r.name}`).join('\n') +
            '\n',
        );
      } catch (error) {
        fail(`cannot migrate ${config.database.path}: ${(error as Error).message}`);
      }
    });
}
