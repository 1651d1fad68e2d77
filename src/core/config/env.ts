/**
 * Environment variables that override the file, each mapped to its dotted config path.
 * `number` values are parsed; a bad number becomes a config problem, not a crash.
 */
export const envBindings = [
  { env: 'PORT', path: 'port', type: 'number' },
  { env: 'HOST', path: 'host', type: 'string' },
  { env: 'LOG_LEVEL', path: 'log.level', type: 'string' },
  { env: 'DATABASE_PATH', path: 'database.path', type: 'string' },
  { env: 'REDIS_URL', path: 'redis.url', type: 'string' },
  { env: 'KUBECONFIG', path: 'kubeconfig', type: 'string' },
  { env: 'ANTHROPIC_API_KEY', path: 'anthropic.apiKey', type: 'string' },
  { env: 'ANTHROPIC_BASE_URL', path: 'anthropic.baseUrl', type: 'string' },
  { env: 'SLACK_BOT_TOKEN', path: 'slack.botToken', type: 'string' },
  { env: 'SLACK_SIGNING_SECRET', path: 'slack.signingSecret', type: 'string' },
  { env: 'SLACK_APP_TOKEN', path: 'slack.appToken', type: 'string' },
  { env: 'SLACK_API_URL', path: 'slack.apiUrl', type: 'string' },
  { env: 'DISCORD_TOKEN', path: 'discord.token', type: 'string' },
  { env: 'DISCORD_APPLICATION_ID', path: 'discord.applicationId', type: 'string' },
  { env: 'AI4K8S_SECRET_KEY', path: 'secretKey', type: 'string' },
] as const;

export interface ConfigProblem {
  /** Where: a dotted config path, an environment variable, or the file itself. */
  where: string;
  what: string;
  fix: string;
}

export function setPath(target: Record<string, unknown>, dotted: string, value: unknown): void {
  const keys = dotted.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) {
    const next = node[key];
    if (typeof next !== 'object' || next === null || Array.isArray(next)) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[keys[keys.length - 1] as string] = value;
}

/** Applies the environment to the raw file object; returns problems for values it cannot read. */
export function applyEnv(
  raw: Record<string, unknown>,
  env: NodeJS.ProcessEnv,
): { origins: Map<string, string>; problems: ConfigProblem[] } {
  const origins = new Map<string, string>();
  const problems: ConfigProblem[] = [];
  for (const binding of envBindings) {
    const text = env[binding.env];
    if (text === undefined || text === '') continue;
    origins.set(binding.path, binding.env);
    if (binding.type === 'number') {
      const n = Number(text);
      if (!Number.isInteger(n)) {
        problems.push({
          where: `${binding.env} (${binding.path})`,
          what: 'is not a whole number',
          fix: `set ${binding.env} to a number such as 3000, or unset it`,
        });
        continue;
      }
      setPath(raw, binding.path, n);
    } else {
      setPath(raw, binding.path, text);
    }
  }
  return { origins, problems };
}
