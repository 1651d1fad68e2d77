// Latency and answer size of `get_pods` on the simulated cluster, through the tool's `run` with a
// real informer cache. Run: npx tsx bench/get-pods.ts [pods...]  (default 2000 10000); for a
// steadier heap figure: node --expose-gc --import tsx bench/get-pods.ts
// Targets: median under 20 ms at 2,000 pods; the default answer under 2,000 tokens while naming
// every unhealthy pod.
import { KubeConfig } from '@kubernetes/client-node';
import { ClusterRegistry } from '../src/core/kube/cluster-registry.js';
import { createLogger } from '../src/core/log/logger.js';
import { estimateTokens } from '../src/core/tools/render/budget.js';
import { summarizePod } from '../src/core/tools/render/pod-status.js';
import { getPods } from '../src/core/tools/read/get-pods.js';
import type { ToolContext } from '../src/core/tools/types.js';
import { startSimCluster, type FaultSpec } from '../src/sim/index.js';

const sizes = process.argv
  .slice(2)
  .map(Number)
  .filter((n) => n > 0);
const logger = createLogger({ level: 'silent' });

// A handful of broken workloads, as a real cluster has on a bad day: [fault, namespace, replicas].
const faults: [Omit<FaultSpec, 'namespace' | 'deployment'>, string, number][] = [
  [{ type: 'crashloop', runFor: '1s' }, 'team-002', 10],
  [{ type: 'crashloop', runFor: '1s' }, 'team-003', 3],
  [{ type: 'oomkill', after: '2s' }, 'team-002', 4],
  [{ type: 'imagepull', image: 'ghcr.io/acme/events:9.9.9-typo' }, 'team-001', 5],
  [{ type: 'pending' }, 'team-004', 3],
  [{ type: 'unready' }, 'team-003', 8],
];

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

async function bench(pods: number): Promise<void> {
  const sim = await startSimCluster({ pods, log: () => undefined });
  gc();
  const heapBefore = process.memoryUsage().heapUsed;
  const registry = new ClusterRegistry({
    sources: [{ name: 'sim', loadKubeConfig: () => fromString(sim.kubeconfig) }],
    logger,
    readyTimeoutMs: 120_000,
  });
  const t0 = performance.now();
  const cluster = await registry.get('sim');
  const readyMs = performance.now() - t0;
  gc();
  const cacheMb = (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20;

  for (const [fault, namespace, replicas] of faults) {
    const deployment = cluster.cache
      .list('deployments', namespace)
      .find((d) => d.spec?.replicas === replicas);
    sim.injectFault({ ...fault, namespace, deployment: deployment?.metadata?.name } as FaultSpec);
  }
  const unhealthy = (): string[] =>
    cluster.cache
      .list('pods')
      .map((p) => summarizePod(p, Date.now()))
      .filter((s) => s.severity > 0)
      .map((s) => s.name);
  const deadline = Date.now() + 20_000;
  while (
    Date.now() < deadline &&
    !cluster.cache
      .list('pods')
      .some((p) => summarizePod(p, Date.now()).status === 'CrashLoopBackOff')
  ) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }

  const ctx: ToolContext = {
    cluster,
    budgetTokens: 2000,
    signal: new AbortController().signal,
    logger,
    services: {},
  };
  const input = getPods.input.parse({});
  for (let i = 0; i < 20; i++) await getPods.run(input, ctx);
  const runs = pods >= 10_000 ? 100 : 300;
  const times: number[] = [];
  let text = '';
  let broken: string[] = [];
  for (let i = 0; i < runs; i++) {
    if (i === runs - 1) broken = unhealthy();
    const start = performance.now();
    const result = await getPods.run(input, ctx);
    times.push(performance.now() - start);
    text = result.text;
  }
  times.sort((a, b) => a - b);
  const named = broken.filter((name) => text.includes(name)).length;

  console.log(
    [
      `get_pods on ${pods.toLocaleString('en-US')} pods (${cluster.cache.list('pods').length} in cache):`,
      `  cache ready in ${readyMs.toFixed(0)} ms, cache heap ~${cacheMb.toFixed(0)} MB`,
      `  latency over ${runs} runs: median ${percentile(times, 50).toFixed(2)} ms, p99 ${percentile(times, 99).toFixed(2)} ms`,
      `  default answer: ${estimateTokens(text)} tokens (${text.length} chars), unhealthy pods named: ${named}/${broken.length}`,
    ].join('\n'),
  );
  registry.stop();
  await sim.stop();
}

function fromString(text: string): KubeConfig {
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromString(text);
  return kubeConfig;
}

for (const pods of sizes.length > 0 ? sizes : [2000, 10_000]) await bench(pods);
