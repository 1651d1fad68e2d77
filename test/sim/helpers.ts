// Shared helpers for the simulator tests: a started sim, the real kubectl against it, and
// authenticated fetches of the plain-HTTP side.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSimCluster, type SimHandle, type SimOptions } from '../../src/sim/index.js';

export const KUBECTL = join(import.meta.dirname, '..', '..', '.tools', 'bin', 'kubectl');

export interface KubectlResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface SimFixture {
  sim: SimHandle;
  home: string;
  kubeconfigPath: string;
  kubectl(...args: string[]): Promise<KubectlResult>;
  api(
    path: string,
    init?: { method?: string; body?: unknown; headers?: Record<string, string> },
  ): Promise<{ status: number; json: Record<string, unknown>; text: string; headers: Headers }>;
}

export async function startFixture(opts: SimOptions = {}): Promise<SimFixture> {
  const home = mkdtempSync(join(tmpdir(), 'ai4k8s-sim-test-'));
  const sim = await startSimCluster({ log: () => {}, ...opts });
  const kubeconfigPath = join(home, 'kubeconfig');
  writeFileSync(kubeconfigPath, sim.kubeconfig, { mode: 0o600 });
  const kubectl = (...args: string[]): Promise<KubectlResult> =>
    new Promise((resolve, reject) => {
      const child = spawn(KUBECTL, args, {
        env: { PATH: process.env.PATH ?? '', HOME: home, KUBECONFIG: kubeconfigPath },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    });
  const api: SimFixture['api'] = async (path, init = {}) => {
    const res = await fetch(`${sim.url}${path}`, {
      method: init.method ?? 'GET',
      headers: {
        authorization: `Bearer ${sim.token}`,
        ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...init.headers,
      },
      body:
        init.body === undefined
          ? undefined
          : typeof init.body === 'string'
            ? init.body
            : JSON.stringify(init.body),
    });
    const text = await res.text();
    let json: Record<string, unknown> = {};
    try {
      json = JSON.parse(text) as Record<string, unknown>;
    } catch {
      // plain-text responses (logs, healthz)
    }
    return { status: res.status, json, text, headers: res.headers };
  };
  return { sim, home, kubeconfigPath, kubectl, api };
}

/** Polls until `check` returns a value (not undefined/false) or the deadline passes. */
export async function eventually<T>(
  check: () => Promise<T | undefined | false> | T | undefined | false,
  timeoutMs = 10_000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v !== undefined && v !== false) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** kubectl prints warnings as "Warning:" lines or klog W/E lines; a clean run has none. */
export function warnings(stderr: string): string[] {
  return stderr.split('\n').filter((l) => /^(Warning:|W\d{4}|E\d{4})/.test(l));
}
