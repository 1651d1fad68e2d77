// `ai4k8s mcp` as an MCP client starts it: a real SDK client over the child's stdin/stdout, the
// real registry inside it, the simulated cluster behind it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  ai4k8sCommand,
  repoRoot,
  runAi4k8s,
  spawnAi4k8s,
  writeConfig,
} from './support/ai4k8s-command.js';
import { startSimWithConfig, type SimWithConfig } from './support/sim-config.js';
import { firstRow, textOf } from './support/tool-text.js';

let dir: string;
let env: SimWithConfig;
const clients: Client[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ai4k8s-mcp-stdio-'));
  env = await startSimWithConfig(dir);
});

afterAll(async () => {
  await env?.sim.stop();
  rmSync(dir, { recursive: true, force: true });
});

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
});

async function connectStdio(configPath: string, extraArgs: string[] = []): Promise<Client> {
  const { command, args } = ai4k8sCommand();
  const transport = new StdioClientTransport({
    command,
    args: [...args, '--config', configPath, 'mcp', ...extraArgs],
    cwd: repoRoot,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' },
    stderr: 'pipe',
  });
  const client = new Client({ name: 'stdio-test', version: '1.0.0' });
  await client.connect(transport);
  clients.push(client);
  return client;
}

// Each test starts `ai4k8s` processes; a loaded machine needs more than the default 30 s.
describe('ai4k8s mcp (stdio)', { timeout: 90_000 }, () => {
  it('lists the viewer tools and answers get_pods with the crash loop first', async () => {
    const client = await connectStdio(env.configPath);
    expect(client.getServerVersion()?.name).toBe('ai4k8s');
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toContain('execute_kubectl');
    expect(tools.map((t) => t.name)).not.toContain('exec_into_pod');
    const result = (await client.callTool({
      name: 'get_pods',
      arguments: { namespace: 'payments' },
    })) as CallToolResult;
    expect(result.isError).toBeFalsy();
    expect(firstRow(textOf(result))).toMatch(/fraud-check.*CrashLoopBackOff/);
    const unknown = (await client.callTool({
      name: 'get_secrets',
      arguments: {},
    })) as CallToolResult;
    expect(unknown.isError).toBe(true);
    expect(textOf(unknown)).toMatch(/There is no tool "get_secrets"/);
  });

  it('writes nothing but JSON-RPC on stdout, and exits when the client closes stdin', async () => {
    const child = spawnAi4k8s(['--config', env.configPath, 'mcp'], { LOG_LEVEL: 'debug' });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    const send = (message: object) => child.stdin.write(`${JSON.stringify(message)}\n`);
    send({
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: {
        protocolVersion: '2025-06-18',
        capabilities: {},
        clientInfo: { name: 'raw', version: '1' },
      },
    });
    send({ jsonrpc: '2.0', method: 'notifications/initialized' });
    send({
      jsonrpc: '2.0',
      id: 2,
      method: 'tools/call',
      params: { name: 'get_pods', arguments: { namespace: 'shop' } },
    });
    const deadline = Date.now() + 25_000;
    while (!stdout.includes('"id":2') && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    child.stdin.end();
    expect(await exited).toBe(0);

    const lines = stdout.split('\n').filter((l) => l.length > 0);
    expect(lines.length).toBeGreaterThanOrEqual(2);
    for (const line of lines) expect(JSON.parse(line)).toMatchObject({ jsonrpc: '2.0' });
    const answer = lines
      .map((l) => JSON.parse(l) as { id?: number; result?: CallToolResult })
      .find((m) => m.id === 2);
    expect(textOf(answer!.result!)).toMatch(/frontend/);
    // The logs went to stderr (debug level was asked for).
    expect(stderr).toMatch(/MCP server on stdio ready/);
  });

  it('refuses an unknown --cluster with a one-line error and exit code 2', async () => {
    const result = await runAi4k8s(['--config', env.configPath, 'mcp', '--cluster', 'prod']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^ai4k8s: there is no cluster named "prod"; clusters: sim\.$/m);
    expect(result.stdout).toBe('');
  });

  it('with writes on, parks a write until `ai4k8s approve ID`, then runs it once', async () => {
    const configPath = writeConfig(join(dir, 'operator'), {
      log: { level: 'warn' },
      database: { path: env.config.database.path },
      clusters: [{ name: 'sim', kubeconfig: join(dir, 'sim.kubeconfig') }],
      mcp: { stdioRole: 'operator', allowWrites: true },
    });
    const client = await connectStdio(configPath, ['--cluster', 'sim']);
    const args = { command: 'scale deploy cart -n shop --replicas 3' };
    const asked = (await client.callTool({
      name: 'execute_kubectl',
      arguments: args,
    })) as CallToolResult;
    expect(asked.isError).toBeFalsy();
    const approvalId = (asked.structuredContent as { approvalId: string }).approvalId;
    expect(textOf(asked)).toContain(`ai4k8s approve ${approvalId}`);

    const approved = await runAi4k8s(['--config', configPath, 'approve', approvalId]);
    expect(approved.stderr).toBe('');
    expect(approved.stdout).toMatch(new RegExp(`^Approved ${approvalId}`));
    expect(approved.code).toBe(0);

    const ran = (await client.callTool({
      name: 'execute_kubectl',
      arguments: { ...args, approvalId },
    })) as CallToolResult;
    expect(ran.isError).toBeFalsy();
    expect(textOf(ran)).toMatch(/deployment.apps\/cart scaled/);
    const again = (await client.callTool({
      name: 'execute_kubectl',
      arguments: { ...args, approvalId },
    })) as CallToolResult;
    expect(again.isError).toBe(true);
    expect(textOf(again)).toMatch(/already been used/);
  });
});
