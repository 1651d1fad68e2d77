// `ai4k8s user ...` from source (spawned through tsx) until src/cli.ts registers it; mirrors
// src/cli.ts: global --config, exit 2 on usage errors, one-line errors on stderr.
import { Command, CommanderError } from 'commander';
import { EXIT_USAGE } from '../../../src/cli/context.js';
import { registerUserCommands } from '../../../src/cli/user.js';

const program = new Command('ai4k8s').option('-c, --config <file>', 'config file').exitOverride();
registerUserCommands(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) process.exit(error.exitCode === 0 ? 0 : EXIT_USAGE);
  process.stderr.write(`ai4k8s: ${(error as Error).message}\n`);
  process.exit(1);
}
