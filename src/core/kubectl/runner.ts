import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Cluster } from '../kube/cluster.js';
import type { Logger } from '../log/logger.js';
import type { Risk } from '../policy/roles.js';
import type { KubectlRunner } from '../tools/types.js';
import { findKubectl } from './find-kubectl.js';
import { proxyKubeconfig } from './proxy-kubeconfig.js';
import { KubectlProxy } from './proxy.js';

export interface ProcessKubectlRunnerOptions {
  logger: Logger;
  /** `kubectl.path` from the config; see `findKubectl` for the fallbacks. */
  path?: string;
  timeoutSeconds: number;
  maxOutputBytes: number;
}

export interface KubectlRunResult {
  stdout: string;
  stderr: string;
  exitCode: number;
  truncated: boolean;
}

/**
 * Runs the real kubectl binary with an argument array (never a shell), a timeout, an output cap
 * and a scrubbed environment whose only kubeconfig points at the redacting proxy.
 */
export class ProcessKubectlRunner implements KubectlRunner {
  readonly binary: string;
  private proxy?: Promise<KubectlProxy>;

  constructor(private readonly options: ProcessKubectlRunnerOptions) {
    this.binary = findKubectl(options.path);
  }

  async run(
    cluster: Cluster,
    argv: string[],
    risk: Risk,
    signal: AbortSignal,
  ): Promise<KubectlRunResult> {
    const proxy = await this.startProxy();
    const grant = proxy.grant(cluster, risk);
    const home = await mkdtemp(join(tmpdir(), 'ai4k8s-kubectl-'));
    try {
      const kubeconfig = join(home, 'kubeconfig');
      const namespace = cluster.kubeConfig.getContextObject(
        cluster.kubeConfig.getCurrentContext(),
      )?.namespace;
      await writeFile(kubeconfig, proxyKubeconfig({ server: grant.server, namespace }), {
        mode: 0o600,
      });
      // Only what kubectl needs: no cloud credentials, no KUBECONFIG of ours, no proxy settings.
      const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, KUBECONFIG: kubeconfig };
      const result = await this.spawnKubectl(argv, env, home, signal);
      // kubectl quotes the server URL in connection errors; the token in it is dead now, but unsightly.
      const hide = (text: string) =>
        text.split(grant.server).join(`${proxy.url}/t/<one-time-token>`);
      return { ...result, stdout: hide(result.stdout), stderr: hide(result.stderr) };
    } finally {
      grant.revoke();
      await rm(home, { recursive: true, force: true });
    }
  }

  async close(): Promise<void> {
    const proxy = this.proxy;
    this.proxy = undefined;
    if (proxy) await (await proxy).close();
  }

  private startProxy(): Promise<KubectlProxy> {
    this.proxy ??= KubectlProxy.start({ logger: this.options.logger });
    return this.proxy;
  }

  private spawnKubectl(
    argv: string[],
    env: NodeJS.ProcessEnv,
    cwd: string,
    signal: AbortSignal,
  ): Promise<KubectlRunResult> {
    const { maxOutputBytes, timeoutSeconds } = this.options;
    return new Promise((resolve, reject) => {
      const child = spawn(this.binary, argv, {
        env,
        cwd,
        stdio: ['ignore', 'pipe', 'pipe'],
        shell: false,
      });
      const stdout = new CappedText(maxOutputBytes);
      const stderr = new CappedText(64 * 1024);
      let killedFor: string | undefined;
      const kill = (why: string) => {
        killedFor ??= why;
        child.kill('SIGKILL');
      };
      const timer = setTimeout(
        () => kill(`timed out after ${timeoutSeconds} s`),
        timeoutSeconds * 1000,
      );
      const onAbort = () => kill('cancelled');
      signal.addEventListener('abort', onAbort, { once: true });
      child.stdout.on('data', (chunk: Buffer) => {
        if (!stdout.add(chunk)) kill('output cap reached');
      });
      child.stderr.on('data', (chunk: Buffer) => stderr.add(chunk));
      child.on('error', (error: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        reject(
          error.code === 'ENOENT'
            ? new Error(
                `kubectl not found at "${this.binary}"; run \`npm run setup\` or set kubectl.path`,
                {
                  cause: error,
                },
              )
            : error,
        );
      });
      child.on('close', (code) => {
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        const truncated = stdout.truncated;
        const note =
          killedFor && killedFor !== 'output cap reached' ? `\nkubectl stopped: ${killedFor}` : '';
        resolve({
          stdout: stdout.text(),
          stderr: stderr.text() + note,
          exitCode: code ?? (truncated ? 0 : 124),
          truncated,
        });
      });
    });
  }
}

/** Collects output up to a byte limit; reports when the limit is hit so the process can be stopped. */
class CappedText {
  private readonly chunks: Buffer[] = [];
  private size = 0;
  truncated = false;

  constructor(private readonly limit: number) {}

  add(chunk: Buffer): boolean {
    if (this.truncated) return false;
    const room = this.limit - this.size;
    if (chunk.length > room) {
      this.chunks.push(chunk.subarray(0, room));
      this.size = this.limit;
      this.truncated = true;
      return false;
    }
    this.chunks.push(chunk);
    this.size += chunk.length;
    return true;
  }

  text(): string {
    return Buffer.concat(this.chunks).toString('utf8');
  }
}
