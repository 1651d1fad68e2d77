import type { Command } from 'commander';
import { formatProblems } from '../core/config/format-problems.js';
import { loadConfig } from '../core/config/load-config.js';
import { EXIT_USAGE } from './context.js';

export function registerConfigCommands(program: Command): void {
  const config = program.command('config').description('inspect the configuration');
  config
    .command('check')
    .description('validate the config file and environment; list every problem at once')
    .action((_opts, command: Command) => {
      const file = command.optsWithGlobals<{ config?: string }>().config;
      const loaded = loadConfig({ file });
      if (!loaded.ok) {
        process.stderr.write(`${formatProblems(loaded.problems, loaded.file)}\n`);
        process.exit(EXIT_USAGE);
      }
      const c = loaded.config;
      const set = (v: unknown) => (v ? 'set' : 'not set');
      process.stdout.write(
        [
          `Configuration is valid${loaded.file ? ` (${loaded.file})` : ' (no config file; defaults and environment)'}.`,
          `  port: ${c.port}`,
          `  database: ${c.database.path}`,
          `  redis: ${c.redis.url ? 'configured' : 'not set (in-process scheduler)'}`,
          `  clusters: ${c.clusters.length > 0 ? c.clusters.map((x) => x.name).join(', ') : 'current kubeconfig context'}`,
          `  anthropic api key: ${set(c.anthropic.apiKey)}`,
          `  slack: bot token ${set(c.slack.botToken)}, signing secret ${set(c.slack.signingSecret)}, app token ${set(c.slack.appToken)}`,
          `  discord: token ${set(c.discord.token)}`,
          `  secret key: ${c.secretKey ? 'set' : 'generated next to the database'}`,
          '',
        ].join('\n'),
      );
    });
}
