// Lists 10,000 pods from the simulated cluster: time per full list (typed JSON, and the
// server-side Table that `kubectl get pods -A` asks for) and the sim's memory. The sim runs in
// a child process so its RSS is its own. Run: npx tsx bench/sim-list.ts [pods]
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startSimCluster } from '../src/sim/index.js';

const ROUNDS = 5;

async function serve(pods: number): Promise<void> {
  const t0 = performance.now();
  const sim = await startSimCluster({ pods, log: () => {} });
  process.stdout.write(
    `${JSON.stringify({ url: sim.url, token: sim.token, startMs: performance.now() - t0 })}\n`,
  );
  process.stdin.resume();
  process.stdin.on('end', () => void sim.stop().then(() => process.exit(0)));
}

async function timeList(
  url: string,
  token: string,
  accept: string,
): Promise<{ ms: number[]; items: number; bytes: number }> {
  const ms: number[] = [];
  let items = 0;
  let bytes = 0;
  for (let i = 0; i < ROUNDS; i++) {
    const t0 = performance.now();
    const res = await fetch(`${url}/api/v1/pods`, {
      headers: { authorization: `Bearer ${token}`, accept },
    });
    const text = await res.text();
    ms.push(performance.now() - t0);
    const body = JSON.parse(text) as { items?: unknown[]; rows?: unknown[] };
    items = (body.items ?? body.rows ?? []).length;
    bytes = text.length;
  }
  return { ms, items, bytes };
}

const stats = (xs: number[]): string => {
  const sorted = [...xs].sort((a, b) => a - b);
  return `min ${sorted[0]?.toFixed(0)} ms, median ${sorted[Math.floor(sorted.length / 2)]?.toFixed(0)} ms, max ${sorted[sorted.length - 1]?.toFixed(0)} ms`;
};

function rssMiB(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmRSS:'));
  return Number(line?.replace(/\D+/g, '') ?? 0) / 1024;
}

async function main(): Promise<void> {
  const pods = Number(process.argv[2] ?? 10_000);
  const child = spawn(
    process.execPath,
    [...process.execArgv, fileURLToPath(import.meta.url), '--serve', String(pods)],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const first = await new Promise<string>((resolve, reject) => {
    let buf = '';
    child.stdout.on('data', (d: Buffer) => {
      buf += d.toString();
      if (buf.includes('\n')) resolve(buf.split('\n')[0] ?? '');
    });
    child.on('exit', (code) => reject(new Error(`sim exited with ${code}`)));
  });
  const { url, token, startMs } = JSON.parse(first) as {
    url: string;
    token: string;
    startMs: number;
  };
  const json = await timeList(url, token, 'application/json');
  const table = await timeList(
    url,
    token,
    'application/json;as=Table;v=v1;g=meta.k8s.io,application/json',
  );
  console.log(
    `pods: ${pods} generated, ${json.items} listed; sim start-up ${(startMs / 1000).toFixed(1)} s`,
  );
  console.log(
    `full list, JSON  (${(json.bytes / 2 ** 20).toFixed(1)} MiB): ${stats(json.ms)} (target < 500 ms)`,
  );
  console.log(`full list, Table (${(table.bytes / 2 ** 20).toFixed(1)} MiB): ${stats(table.ms)}`);
  console.log(`sim RSS: ${rssMiB(child.pid ?? 0).toFixed(0)} MiB (target < 400 MiB)`);
  child.stdin.end();
}

if (process.argv[2] === '--serve') await serve(Number(process.argv[3]));
else await main();
