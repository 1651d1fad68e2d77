import type { Command } from 'commander';
import type { Services } from '../app/build-services.js';
import { isUserError } from '../core/errors/user-error.js';
import { configFromCommand, EXIT_USAGE, fail } from './context.js';

/** `ai4k8s mcp`: the tools for one MCP client (Claude Desktop, an IDE) over stdin/stdout. */
export function registerMcpCommand(program: Command): void {
  program
    .command('mcp')
    .description(
      'serve the Kubernetes tools to an MCP client over stdio (stdout carries only the protocol)',
    )
    .option('--cluster <name>', 'cluster for calls that name none (default: the first configured)')
    .action(async (opts: { cluster?: string }, command: Command) => {
      // A stray console.log from any library would corrupt the protocol stream: send it to stderr.
      console.log = console.error;
      console.info = console.error;
      const config = configFromCommand(command);
      // Loaded here, not at the top, so other commands do not pay for the cluster and MCP stacks.
      const [{ buildServices }, { createLogger }, { serveMcpStdio }] = await Promise.all([
        import('../app/build-services.js'),
        import('../core/log/logger.js'),
        import('../mcp/index.js'),
      ]);
      const logger = createLogger({ level: config.log.level });
      const services = await buildServices({ config, logger }).catch((error: unknown) =>
        fail(`the MCP server could not start: ${describeStartupError(error)}`),
      );
      if (opts.cluster !== undefined && !services.clusters.names().includes(opts.cluster)) {
        await services.close();
        fail(
          `there is no cluster named "${opts.cluster}"; clusters: ${services.clusters.names().join(', ')}.`,
          EXIT_USAGE,
        );
      }
      services.warmUp();
      const stdio = await serveMcpStdio({
        invoker: services.tools,
        caller: {
          id: 'mcp-stdio',
          name: 'MCP stdio client',
          role: config.mcp.stdioRole,
          surface: 'mcp',
        },
        allowWrites: config.mcp.allowWrites,
        defaultCluster: opts.cluster,
        logger: logger.child({ component: 'mcp-stdio' }),
        version: program.version() ?? '0.0.0',
      });
      logger.info(
        { role: config.mcp.stdioRole, allowWrites: config.mcp.allowWrites },
        'MCP server on stdio ready',
      );
      const stop = () => void stdio.close();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      await stdio.closed;
      await shutdown(services);
    });
}

async function shutdown(services: Services): Promise<never> {
  await services
    .close()
    .catch((error: unknown) => services.logger.warn({ err: error }, 'unclean shutdown'));
  process.exit(0);
}

export function describeStartupError(error: unknown): string {
  return isUserError(error) ? error.toText() : (error as Error).message;
}
