// The `ai4k8s` command with this subcommands, for tests while src/cli.ts does not yet
// register them (spawned through tsx). Mirrors src/cli.ts: global --config, exit 2 on usage errors.
import { Command, CommanderError } from 'commander';
import { registerApproveCommands } from '../../../src/cli/approve.js';
import { EXIT_USAGE } from '../../../src/cli/context.js';
import { registerMcpCommand } from '../../../src/cli/mcp.js';
import { registerServeCommand } from '../../../src/cli/serve.js';
import { registerTokenCommands } from '../../../src/cli/token.js';

const program = new Command('ai4k8s')
  .version('0.1.0')
  .option('-c, --config <file>', 'config file')
  .exitOverride();
registerMcpCommand(program);
registerServeCommand(program);
registerTokenCommands(program);
registerApproveCommands(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) process.exit(error.exitCode === 0 ? 0 : EXIT_USAGE);
  process.stderr.write(`ai4k8s: ${(error as Error).message}\n`);
  process.exit(1);
}
