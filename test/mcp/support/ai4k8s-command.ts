import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import type { ConfigInput } from '../../../src/core/config/schema.js';

export const repoRoot = join(import.meta.dirname, '..', '..', '..');
const distCli = join(repoRoot, 'dist', 'cli.js');

/**
 * How to start `ai4k8s`: the built dist/cli.js once it registers `mcp` (npm test builds first),
 * else the same commands from source through tsx.
 */
export function ai4k8sCommand(): { command: string; args: string[] } {
  if (existsSync(distCli) && readFileSync(distCli, 'utf8').includes('registerMcpCommand')) {
    return { command: process.execPath, args: [distCli] };
  }
  return {
    command: process.execPath,
    args: ['--import', 'tsx', join(import.meta.dirname, 'cli-entry.ts')],
  };
}

/** Spawns `ai4k8s ARGS` with a clean environment (no KUBECONFIG or PORT of the machine). */
export function spawnAi4k8s(
  args: string[],
  env: NodeJS.ProcessEnv = {},
): ChildProcessWithoutNullStreams {
  const { command, args: prefix } = ai4k8sCommand();
  return spawn(command, [...prefix, ...args], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, LOG_LEVEL: 'warn', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
}

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `ai4k8s ARGS` to completion. */
export function runAi4k8s(
  args: string[],
  env: NodeJS.ProcessEnv = {},
  timeoutMs = 30_000,
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawnAi4k8s(args, env);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end();
  });
}

/** Writes an ai4k8s.yaml into `dir` (created if needed) and returns its path. */
export function writeConfig(dir: string, config: ConfigInput): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'ai4k8s.yaml');
  writeFileSync(path, stringify(config));
  return path;
}
