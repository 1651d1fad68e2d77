import type { Command } from 'commander';
import { configFromCommand, fail, parsePort } from './context.js';
import { describeStartupError } from './mcp.js';

/** `ai4k8s serve`: the long-running HTTP process (health, readiness, MCP; later Slack and the dashboard). */
export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('run the HTTP server: /healthz, /readyz and MCP over Streamable HTTP at /mcp')
    .option(
      '--port <port>',
      'port to listen on (default: `port` of the config, or PORT, or 3000)',
      parsePort,
    )
    .option('--host <host>', 'address to listen on (default: `host` of the config, 127.0.0.1)')
    .action(async (opts: { port?: number; host?: string }, command: Command) => {
      const config = configFromCommand(command);
      // Loaded here, not at the top, so other commands do not pay for the server stack.
      const [{ buildServices }, { startApp }, { createLogger }] = await Promise.all([
        import('../app/build-services.js'),
        import('../main.js'),
        import('../core/log/logger.js'),
      ]);
      const logger = createLogger({ level: config.log.level });
      const services = await buildServices({ config, logger }).catch((error: unknown) =>
        fail(`the server could not start: ${describeStartupError(error)}`),
      );
      const app = await startApp({ services, ...opts }).catch(async (error: unknown) => {
        await services.close();
        return fail(`the server could not start: ${describeStartupError(error)}`);
      });
      process.stderr.write(
        `AI4K8s is serving on ${app.serve.http.url} (Ctrl+C or SIGTERM stops it).\n${app.banner.join('\n')}\n` +
          'Create an MCP token with `ai4k8s token create --name NAME --role viewer`.\n',
      );
      let stopping = false;
      const stop = (signal: string) => {
        // A second signal means "now": skip waiting for in-flight requests.
        if (stopping) process.exit(1);
        stopping = true;
        logger.info({ signal }, 'shutting down');
        app.close().then(
          () => process.exit(0),
          (error: unknown) => {
            logger.error({ err: error }, 'unclean shutdown');
            process.exit(1);
          },
        );
      };
      process.on('SIGTERM', () => stop('SIGTERM'));
      process.on('SIGINT', () => stop('SIGINT'));
    });
}
