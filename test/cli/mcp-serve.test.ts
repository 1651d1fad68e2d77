// `ai4k8s token` and `ai4k8s serve` as a user runs them: separate processes, a real database file,
// the simulated cluster, a real MCP client with a token made on the command line.
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAi4k8s, spawnAi4k8s } from '../mcp/support/ai4k8s-command.js';
import { startSimWithConfig, type SimWithConfig } from '../mcp/support/sim-config.js';

let dir: string;
let env: SimWithConfig;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ai4k8s-cli-serve-'));
  env = await startSimWithConfig(dir);
});

afterAll(async () => {
  await env?.sim.stop();
  rmSync(dir, { recursive: true, force: true });
});

const ai4k8s = (...args: string[]) => runAi4k8s(['--config', env.configPath, ...args]);

// Each test starts `ai4k8s` processes; a loaded machine needs more than the default 30 s.
describe('ai4k8s token', { timeout: 90_000 }, () => {
  it('creates a token, prints it once on stdout, lists and revokes it', async () => {
    const created = await ai4k8s('token', 'create', '--name', 'ci-bot', '--role', 'operator');
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/^a4k_[A-Za-z0-9_-]{43}\n$/);
    expect(created.stderr).toMatch(/Created token "ci-bot" with role operator\. Copy it now/);

    const listed = await ai4k8s('token', 'list');
    expect(listed.stdout).toMatch(/^NAME\s+ROLE\s+CREATED\s+LAST USED\s+REVOKED\n/);
    expect(listed.stdout).toMatch(/ci-bot\s+operator\s+\d{4}-\d\d-\d\d \d\d:\d\d\s+-\s+no/);
    expect(listed.stdout).not.toContain(created.stdout.trim());

    const duplicate = await ai4k8s('token', 'create', '--name', 'ci-bot');
    expect(duplicate.code).toBe(1);
    expect(duplicate.stderr).toMatch(/a token named "ci-bot" already exists/);

    expect((await ai4k8s('token', 'revoke', 'ci-bot')).stdout).toBe('Revoked token "ci-bot".\n');
    const json = JSON.parse((await ai4k8s('token', 'list', '--json')).stdout) as {
      name: string;
      revoked: string;
    }[];
    expect(json.find((t) => t.name === 'ci-bot')?.revoked).toMatch(/^\d{4}-/);
    const again = await ai4k8s('token', 'revoke', 'ci-bot');
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already revoked/);
  });

  it.each([
    [['--name', 'x', '--role', 'root'], /Allowed choices are viewer, operator, admin/],
    [['--name', 'has space'], /not a usable token name/],
  ])('refuses bad input %j with exit code 2', async (args, message) => {
    const result = await ai4k8s('token', 'create', ...args);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stdout).toBe('');
  });
});

describe('ai4k8s serve', { timeout: 90_000 }, () => {
  let serve: ChildProcessWithoutNullStreams;
  let url: string;
  let stderr = '';

  beforeAll(async () => {
    serve = spawnAi4k8s(['--config', env.configPath, 'serve', '--port', '0']);
    serve.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const deadline = Date.now() + 30_000;
    while (!/serving on (http:\/\/\S+) /.test(stderr)) {
      if (Date.now() > deadline || serve.exitCode !== null)
        throw new Error(`serve did not start: ${stderr}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    url = /serving on (http:\/\/\S+) /.exec(stderr)![1]!;
  });

  afterAll(() => {
    if (serve.exitCode === null) serve.kill('SIGKILL');
  });

  it('tells how to connect', () => {
    expect(stderr).toContain(
      `MCP clients connect to ${url}/mcp with "Authorization: Bearer <token>"`,
    );
  });

  it('answers /healthz and /readyz', async () => {
    const health = await fetch(`${url}/healthz`);
    expect(await health.json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({
      status: 'ready',
      checks: { database: 'ok', clusters: 'ok' },
    });
  });

  it('serves MCP to a token made with `ai4k8s token create`, until it is revoked', async () => {
    const token = (await ai4k8s('token', 'create', '--name', 'desktop')).stdout.trim();
    const client = new Client({ name: 'cli-test', version: '1.0.0' });
    await client.connect(
      new StreamableHTTPClientTransport(new URL(`${url}/mcp`), {
        requestInit: { headers: { Authorization: `Bearer ${token}` } },
      }),
    );
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toContain('get_pods');
    await ai4k8s('token', 'revoke', 'desktop');
    await expect(client.listTools()).rejects.toThrow(/401|unknown or revoked/i);
    await client.close();
  });

  it('is not ready while the cluster is unreachable, and says which', async () => {
    await env.sim.stop();
    const res = await fetch(`${url}/readyz`);
    expect(res.status).toBe(503);
    const body = (await res.json()) as { status: string; reason: string };
    expect(body.status).toBe('not ready');
    expect(body.reason).toMatch(/^clusters: sim unreachable/);
  });

  it('exits 0 on SIGTERM and stops listening', async () => {
    const exited = new Promise<number | null>((resolve) => serve.on('close', resolve));
    serve.kill('SIGTERM');
    expect(await exited).toBe(0);
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
  });
});
