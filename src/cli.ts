#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { registerApproveCommands } from './cli/approve.js';
import { registerAuditCommand } from './cli/audit.js';
import { registerChatCommand } from './cli/chat.js';
import { registerConfigCommands } from './cli/config.js';
import { EXIT_USAGE } from './cli/context.js';
import { registerDbCommands } from './cli/db.js';
import { registerDemoCommand } from './cli/demo.js';
import { registerDetectCommand } from './cli/detect.js';
import { registerForecastCommand } from './cli/forecast.js';
import { registerMcpCommand } from './cli/mcp.js';
import { registerServeCommand } from './cli/serve.js';
import { registerSimCommand } from './cli/sim.js';
import { registerTokenCommands } from './cli/token.js';
import { registerUserCommands } from './cli/user.js';

const program = new Command('ai4k8s')
  .description(
    'Chat-ops for Kubernetes: Slack, Discord, MCP and a dashboard over one safe tool registry',
  )
  .version('0.1.0')
  .option('-c, --config <file>', 'config file (default: ./ai4k8s.yaml when present)')
  .showSuggestionAfterError(true)
  .configureOutput({
    // Commander's own errors become one line on stderr; we add no stack trace.
    writeErr: (text) => process.stderr.write(text.startsWith('error:') ? `ai4k8s: ${text}` : text),
  })
  .exitOverride();

registerDemoCommand(program);
registerServeCommand(program);
registerMcpCommand(program);
registerChatCommand(program);
registerApproveCommands(program);
registerAuditCommand(program);
registerTokenCommands(program);
registerUserCommands(program);
registerDetectCommand(program);
registerForecastCommand(program);
registerSimCommand(program);
registerConfigCommands(program);
registerDbCommands(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    // --help and --version exit 0; every usage problem exits 2.
    process.exit(error.exitCode === 0 ? 0 : EXIT_USAGE);
  }
  process.stderr.write(`ai4k8s: ${(error as Error).message}\n`);
  process.exit(1);
}
