// Slack slash-command round trip through the HTTP endpoint on a 2,000-pod sim: a signed
// `/k8s ...` request to its acknowledgement, and to the final answer at the response_url, for
// 1 and 50 concurrent users: back to back (each sends its next command as soon as its answer
// arrived: saturation), and paced (each user one command a second: 50 commands/s offered).
// Target: p99 under 100 ms to the final answer at 50 users.
//
// Three processes, as in production: the cluster (the sim), the bot (this process: serve's HTTP
// server with the Slack router, the agent, the registry), and Slack (the fake Web API and
// response_url receiver, plus the load generator), so neither the sim's controllers nor the load
// generator eat the bot's CPU.
// Run: npx tsx bench/slack.ts   (BENCH_PODS=2000 BENCH_ROUNDS=20 to change the load)
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const pods = Number(process.env.BENCH_PODS ?? 2000);
const rounds = Number(process.env.BENCH_ROUNDS ?? 20);
const role = process.argv.find((a) => a.startsWith('--role='))?.slice(7) ?? 'bot';

interface LoadRequest {
  url: string;
  users: number;
  perUser: number;
  commands: string[];
  /** 0: each user sends again as soon as answered (saturation); else one command per user per paceMs. */
  paceMs: number;
}
interface LoadResult {
  acks: number[];
  finals: number[];
  seconds: number;
}

/** Lines of JSON between the processes: stdout of the child, stdin to it. */
function lines(stream: NodeJS.ReadableStream): AsyncIterator<string> {
  return createInterface({ input: stream })[Symbol.asyncIterator]();
}

async function simRole(): Promise<void> {
  const { startSimCluster } = await import('../src/sim/index.js');
  const sim = await startSimCluster({ pods, log: () => undefined });
  process.stdout.write(`${JSON.stringify({ kubeconfig: sim.kubeconfig })}\n`);
  for await (const _ of createInterface({ input: process.stdin }));
  await sim.stop();
}

async function slackRole(): Promise<void> {
  const { sendSignedRequest, slashCommandRequest, startFakeSlack } =
    await import('../test/fakes/slack/index.js');
  const fake = await startFakeSlack();
  process.stdout.write(`${JSON.stringify({ apiUrl: fake.apiUrl })}\n`);
  const roundTrip = async (url: string, user: number, text: string): Promise<[number, number]> => {
    const responseUrl = fake.responseUrl('C_BENCH');
    const arrived = fake.responseArrived(responseUrl.split('/').pop() as string);
    const request = slashCommandRequest({
      text,
      userId: `U_${user}`,
      channelId: 'C_BENCH',
      responseUrl,
    });
    const started = performance.now();
    const response = await sendSignedRequest(url, request);
    const ack = performance.now() - started;
    if (response.status !== 200) throw new Error(`HTTP ${response.status}`);
    await response.arrayBuffer();
    await arrived;
    return [ack, performance.now() - started];
  };
  for await (const line of createInterface({ input: process.stdin })) {
    const load = JSON.parse(line) as LoadRequest;
    const result: LoadResult = { acks: [], finals: [], seconds: 0 };
    const started = performance.now();
    await Promise.all(
      Array.from({ length: load.users }, async (_, user) => {
        // Paced users start spread over one period, like people typing independently.
        const first = performance.now() + (load.paceMs * user) / load.users;
        for (let i = 0; i < load.perUser; i++) {
          const due = first + i * load.paceMs - performance.now();
          if (load.paceMs > 0 && due > 0) await new Promise((resolve) => setTimeout(resolve, due));
          const [ack, final] = await roundTrip(
            load.url,
            user,
            load.commands[(user * load.perUser + i) % load.commands.length] as string,
          );
          result.acks.push(ack);
          result.finals.push(final);
        }
      }),
    );
    result.seconds = (performance.now() - started) / 1000;
    process.stdout.write(
      `${JSON.stringify({ ...result, uploads: fake.callsTo('files.completeUploadExternal').length })}\n`,
    );
  }
  await fake.stop();
}

function child(name: string): { proc: ChildProcess; out: AsyncIterator<string> } {
  const proc = spawn(
    process.execPath,
    [...process.execArgv, fileURLToPath(import.meta.url), `--role=${name}`],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  return { proc, out: lines(proc.stdout as NodeJS.ReadableStream) };
}

async function next<T>(out: AsyncIterator<string>): Promise<T> {
  const { value, done } = await out.next();
  if (done) throw new Error('a benchmark process ended early');
  return JSON.parse(value) as T;
}

function pct(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

async function botRole(): Promise<void> {
  const { createSlackBot } = await import('../src/bots/slack/index.js');
  const { Agent } = await import('../src/core/agent/agent.js');
  const { configSchema } = await import('../src/core/config/schema.js');
  const { ClusterRegistry } = await import('../src/core/kube/cluster-registry.js');
  const { createLogger } = await import('../src/core/log/logger.js');
  const { openStore } = await import('../src/core/store/open-store.js');
  const { allTools } = await import('../src/core/tools/index.js');
  const { createToolRegistry } = await import('../src/core/tools/registry/create-tool-registry.js');
  const { startHttpServer } = await import('../src/server/http-server.js');
  const { kubeConfigFromString } = await import('../test/support/sim.js');
  const { fakeSigningSecret, fakeTokens } = await import('../test/fakes/slack/index.js');

  const sim = child('sim');
  const slack = child('slack');
  const { kubeconfig } = await next<{ kubeconfig: string }>(sim.out);
  const { apiUrl } = await next<{ apiUrl: string }>(slack.out);
  const logger = createLogger({ level: 'silent' });
  const dir = mkdtempSync(join(tmpdir(), 'ai4k8s-bench-slack-'));
  const clusters = new ClusterRegistry({
    sources: [{ name: 'sim', loadKubeConfig: () => kubeConfigFromString(kubeconfig) }],
    logger,
  });
  const cluster = await clusters.get('sim');
  const config = configSchema.parse({
    database: { path: join(dir, 'bench.db') },
    slack: { botToken: fakeTokens.bot, signingSecret: fakeSigningSecret, apiUrl },
    roles: { defaultRole: 'viewer' },
  });
  const db = await openStore(config.database.path);
  const registry = createToolRegistry({
    db,
    tools: allTools,
    clusters,
    logger,
    config,
    services: {},
  });
  const agent = new Agent({
    config,
    tools: registry,
    approvals: registry.approvals,
    clusters,
    db,
    logger,
  });
  const bot = createSlackBot({ config, agent, logger });
  const http = await startHttpServer({ host: '127.0.0.1', port: 0, logger, probes: [] });
  http.mount('/slack/events', bot.router!);
  await bot.start();
  const url = `${http.url}/slack/events`;
  const namespaces = [
    ...new Set(cluster.cache.list('pods').map((p) => p.metadata?.namespace as string)),
  ].filter((n) => !n.startsWith('kube-'));
  const load = async (users: number, perUser: number, commands: string[], paceMs = 0) => {
    const cpu = process.cpuUsage();
    slack.proc.stdin?.write(
      `${JSON.stringify({ url, users, perUser, commands, paceMs } satisfies LoadRequest)}\n`,
    );
    const result = await next<LoadResult & { uploads: number }>(slack.out);
    const used = process.cpuUsage(cpu);
    return { ...result, botCpuMs: (used.user + used.system) / 1000 / result.finals.length };
  };

  const commandSets: Array<[string, string[]]> = [
    ['pods -n NS (250 pods -> file)', namespaces.map((n) => `pods -n ${n}`)],
    ['pods -n NS --problems', namespaces.map((n) => `pods -n ${n} --problems`)],
    ['deployments -n NS', namespaces.map((n) => `deployments -n ${n}`)],
  ];
  await load(4, 10, commandSets[0]?.[1] ?? []); // warm-up: JIT, connection pools, SQLite pages
  const fmt = (ms: number) => `${ms.toFixed(1)} ms`.padStart(9);
  console.log(
    `Slack slash-command round trip, HTTP mode, ${pods}-pod sim (${namespaces.length} namespaces); sim, bot and Slack in separate processes`,
  );
  console.log(
    'command                          users  load        requests   ack p50   ack p99  final p50  final p99   req/s  bot CPU/req',
  );
  let uploads = 0;
  const runs: Array<[number, number, string]> = [
    [1, 0, 'back-to-back'],
    [50, 0, 'back-to-back'],
    [50, 1000, '1/s each'],
  ];
  for (const [label, commands] of commandSets) {
    for (const [users, paceMs, loadLabel] of runs) {
      const r = await load(users, users === 1 ? rounds * 5 : rounds, commands, paceMs);
      uploads = r.uploads;
      console.log(
        `${label.padEnd(32)} ${String(users).padStart(5)}  ${loadLabel.padEnd(12)} ${String(r.finals.length).padStart(7)} ${fmt(pct(r.acks, 50))} ${fmt(pct(r.acks, 99))}  ${fmt(pct(r.finals, 50))} ${fmt(pct(r.finals, 99))} ${(r.finals.length / r.seconds).toFixed(0).padStart(7)} ${fmt(r.botCpuMs)}`,
      );
    }
  }
  console.log(
    `(${uploads} long answers were uploaded as files after their response_url post, which is the "final" time)`,
  );
  sim.proc.stdin?.end();
  slack.proc.stdin?.end();
  await bot.stop();
  await http.close();
  clusters.stop();
  await db.close();
  rmSync(dir, { recursive: true, force: true });
}

if (role === 'sim') await simRole();
else if (role === 'slack') await slackRole();
else await botRole();
