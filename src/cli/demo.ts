import { InvalidArgumentError, type Command } from 'commander';
import { createLogger } from '../core/log/logger.js';
import { startDemo } from '../main.js';
import { configFromCommand, fail } from './context.js';

export function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new InvalidArgumentError('give a port number between 0 and 65535.');
  }
  return port;
}

export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description('run everything on a simulated cluster: no Kubernetes or tokens needed')
    .option('--sim-port <port>', 'port for the simulated cluster API (default: a free port)', parsePort)
    .action(async (opts: { simPort?: number }, command: Command) => {
      const config = configFromCommand(command);
      const logger = createLogger({ level: config.log.level });
      let app;
      try {
        app = await startDemo({ config, logger, simPort: opts.simPort });
      } catch (error) {
        fail(`the demo could not start: ${(error as Error).message}`);
      }
      process.stderr.write(`\nAI4K8s demo is running.\n${app.banner.join('\n')}\n\nPress Ctrl+C to stop.\n`);
      const stop = async () => {
        await app.stop();
        process.exit(0);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
