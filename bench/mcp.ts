// MCP round-trip latency of get_pods over stdio and Streamable HTTP on a 2,000-pod simulated
// cluster, and the RSS of an idle `ai4k8s serve`. Targets: median under 30 ms; RSS under 150 MB.
// Run: npx tsx bench/mcp.ts   (BENCH_PODS=10000 BENCH_CALLS=100 to vary; BENCH_CLI=path/to/cli.js
// to start another build of the command)
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { openStore } from '../src/core/store/open-store.js';
import { ApiTokensRepo } from '../src/core/store/repos/api-tokens.js';
import { ai4k8sCommand, repoRoot } from '../test/mcp/support/ai4k8s-command.js';
import { startSimWithConfig } from '../test/mcp/support/sim-config.js';

const pods = Number(process.env.BENCH_PODS ?? 2000);
const calls = Number(process.env.BENCH_CALLS ?? 200);
const warmupCalls = 20;
const childEnv = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'warn' };

const dir = mkdtempSync(join(tmpdir(), 'ai4k8s-bench-mcp-'));
const env = await startSimWithConfig(dir, {}, { pods });
const { command, args: prefix } = process.env.BENCH_CLI
  ? { command: process.execPath, args: [process.env.BENCH_CLI] }
  : ai4k8sCommand();
console.log(
  `MCP benchmark: get_pods (all namespaces) on ${pods} simulated pods, ${calls} calls each`,
);
console.log(`ai4k8s started as: ${[command, ...prefix].join(' ').replace(repoRoot, '.')}`);

try {
  const stdio = new Client({ name: 'bench', version: '1' });
  await stdio.connect(
    new StdioClientTransport({
      command,
      args: [...prefix, '--config', env.configPath, 'mcp'],
      env: childEnv,
      cwd: repoRoot,
    }),
  );
  report('stdio', await measure(stdio));
  await stdio.close();

  const db = await openStore(env.config.database.path);
  const { token } = await new ApiTokensRepo(db).create('bench', 'viewer');
  await db.close();
  const serve = spawn(command, [...prefix, '--config', env.configPath, 'serve', '--port', '0'], {
    cwd: repoRoot,
    env: childEnv,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const url = await servingUrl(serve);
  await waitReady(url);
  const http = new Client({ name: 'bench', version: '1' });
  await http.connect(
    new StreamableHTTPClientTransport(new URL(`${url}/mcp`), {
      requestInit: { headers: { Authorization: `Bearer ${token}` } },
    }),
  );
  // Idle: one call made sure the informers listed every pod, then nothing for a few seconds.
  await http.callTool({ name: 'get_pods', arguments: {} });
  await new Promise((r) => setTimeout(r, 3000));
  const idleRss = rssMb(serve.pid!);
  report('http', await measure(http));
  await http.close();
  const afterRss = rssMb(serve.pid!);
  serve.kill('SIGTERM');
  await new Promise((r) => serve.once('close', r));

  console.log(`serve RSS idle (informers synced): ${idleRss.toFixed(1)} MB   (target < 150 MB)`);
  console.log(`serve RSS after ${calls + warmupCalls} HTTP calls: ${afterRss.toFixed(1)} MB`);
} finally {
  await env.sim.stop();
  rmSync(dir, { recursive: true, force: true });
}

async function measure(client: Client): Promise<{ times: number[]; chars: number }> {
  let chars = 0;
  for (let i = 0; i < warmupCalls; i++) await client.callTool({ name: 'get_pods', arguments: {} });
  const times: number[] = [];
  for (let i = 0; i < calls; i++) {
    const started = performance.now();
    const result = await client.callTool({ name: 'get_pods', arguments: {} });
    times.push(performance.now() - started);
    if (result.isError) throw new Error(`get_pods failed: ${JSON.stringify(result.content)}`);
    chars = JSON.stringify(result).length;
  }
  return { times, chars };
}

function report(transport: string, { times, chars }: { times: number[]; chars: number }): void {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  console.log(
    `${transport.padEnd(5)} round trip: median ${at(0.5).toFixed(1)} ms, p95 ${at(0.95).toFixed(1)} ms, ` +
      `p99 ${at(0.99).toFixed(1)} ms   (target median < 30 ms; answer ${(chars / 1024).toFixed(0)} KiB with structured data)`,
  );
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? NaN);
  return kb / 1024;
}

function servingUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => {
      stderr += d.toString();
      const match = /serving on (http:\/\/\S+) /.exec(stderr);
      if (match?.[1]) resolve(match[1]);
    });
    child.once('close', () => reject(new Error(`serve exited: ${stderr}`)));
  });
}

async function waitReady(url: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    const res = await fetch(`${url}/readyz`).catch(() => undefined);
    if (res?.ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('serve never became ready');
}
