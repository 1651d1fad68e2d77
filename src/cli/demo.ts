import type { Command } from 'commander';
import { configFromCommand, fail, parsePort } from './context.js';

export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description('run everything on a simulated cluster: no Kubernetes or tokens needed')
    .option(
      '--sim-port <port>',
      'port for the simulated cluster API (default: a free port)',
      parsePort,
    )
    .action(async (opts: { simPort?: number }, command: Command) => {
      const config = configFromCommand(command);
      // Loaded on use, so commands such as `mcp` start without the demo's dependencies.
      const { createLogger } = await import('../core/log/logger.js');
      const { startDemo } = await import('../main.js');
      const logger = createLogger({ level: config.log.level });
      let app;
      try {
        app = await startDemo({ config, logger, simPort: opts.simPort });
      } catch (error) {
        fail(`the demo could not start: ${(error as Error).message}`);
      }
      process.stderr.write(
        `\nAI4K8s demo is running.\n${app.banner.join('\n')}\n\nPress Ctrl+C to stop.\n`,
      );
      const stop = async () => {
        await app.close();
        process.exit(0);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
