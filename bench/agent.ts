// The agent core's own time on a 2,000-pod simulated cluster.
// Run: npx tsx bench/agent.ts [pods]   (default 2000)
// Targets: a direct command answered in under 10 ms (median, excluding the chat platform);
// the agent's own overhead per LLM step, excluding the model's latency, under 20 ms.
import Anthropic from '@anthropic-ai/sdk';
import { KubeConfig } from '@kubernetes/client-node';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent } from '../src/core/agent/agent.js';
import type { StepTiming } from '../src/core/agent/llm/llm-loop.js';
import { configSchema } from '../src/core/config/schema.js';
import { ClusterRegistry } from '../src/core/kube/cluster-registry.js';
import { ProcessKubectlRunner } from '../src/core/kubectl/runner.js';
import { createLogger } from '../src/core/log/logger.js';
import { openStore } from '../src/core/store/open-store.js';
import { allTools } from '../src/core/tools/index.js';
import { createToolRegistry } from '../src/core/tools/registry/create-tool-registry.js';
import { startSimCluster } from '../src/sim/index.js';
import { reply, startFakeAnthropic, text, toolUse } from '../test/fakes/anthropic/index.js';

const pods = Number(process.argv[2] ?? 2000);
const logger = createLogger({ level: 'silent' });

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}
function p95(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))] as number;
}
const ms = (n: number) => `${n.toFixed(2)} ms`;

const dir = mkdtempSync(join(tmpdir(), 'ai4k8s-bench-agent-'));
const sim = await startSimCluster({ pods, log: () => undefined });
sim.injectFault({ type: 'crashloop', namespace: 'team-001', deployment: 'svc-2', runFor: '1s' });
sim.injectFault({ type: 'unready', namespace: 'team-002', deployment: 'svc-5' });
const clusters = new ClusterRegistry({
  sources: [
    {
      name: 'sim',
      loadKubeConfig: () => {
        const k = new KubeConfig();
        k.loadFromString(sim.kubeconfig);
        return k;
      },
    },
  ],
  logger,
  readyTimeoutMs: 120_000,
});
await clusters.get('sim');
const config = configSchema.parse({
  database: { path: join(dir, 'ai4k8s.db') },
  anthropic: { model: 'claude-sonnet-5-5', tokensPerUserPerDay: 100_000_000 },
});
const db = await openStore(config.database.path);
const kubectl = new ProcessKubectlRunner({ logger, timeoutSeconds: 30, maxOutputBytes: 1_000_000 });
const registry = createToolRegistry({
  db,
  tools: allTools,
  clusters,
  logger,
  config,
  services: { kubectl },
});
const base = { config, tools: registry, approvals: registry.approvals, clusters, db, logger };
const user = { platform: 'slack' as const, channelId: 'C1', userId: 'U1', userName: 'bench' };

console.log(
  `AI4K8s agent benchmark: ${pods} pods on the simulated cluster, Node ${process.version}`,
);

// 1. Direct commands: Agent.handle from the chat line to the CoreMessage (parse, role, cluster,
//    registry call with validation, redaction and budget, audit rows in SQLite).
const offline = new Agent(base);
for (const line of [
  'whoami',
  'pods --problems',
  'pods -n team-001',
  'deployments --problems',
  'logs team-001/svc-2 --previous --tail 20',
]) {
  for (let i = 0; i < 20; i++) await offline.handle({ ...user, text: line });
  const times: number[] = [];
  for (let i = 0; i < 200; i++) {
    const t0 = performance.now();
    await offline.handle({ ...user, text: line });
    times.push(performance.now() - t0);
  }
  console.log(
    `direct command  ${line.padEnd(42)} median ${ms(median(times))}  p95 ${ms(p95(times))}`,
  );
}

// 2. LLM steps against the local fake Messages API (real SDK, SSE streaming): the time of each
//    step outside the model call, with and without the tool call it made.
const fake = await startFakeAnthropic();
const steps: StepTiming[] = [];
const llm = new Agent({
  ...base,
  anthropic: new Anthropic({ apiKey: 'sk-bench', baseURL: fake.url, maxRetries: 0 }),
  onLlmStep: (t) => steps.push(t),
});
const questions = 60;
const perQuestion: { total: number; model: number; tools: number; steps: number }[] = [];
for (let i = 0; i < questions + 10; i++) {
  fake.enqueue(
    reply(toolUse('get_pods', { problemsOnly: true })),
    reply(toolUse('get_deployments', { problemsOnly: true })),
    reply(text('svc-2 crash-loops.')),
  );
  steps.length = 0;
  const t0 = performance.now();
  await llm.handle({ ...user, threadId: `T${i % 5}`, text: 'what is broken?' });
  const total = performance.now() - t0;
  if (i >= 10) {
    perQuestion.push({
      total,
      model: steps.reduce((s, t) => s + t.modelMs, 0),
      tools: steps.reduce((s, t) => s + t.toolMs, 0),
      steps: steps.length,
    });
  }
}
const ownPerStep = perQuestion.map((q) => (q.total - q.model - q.tools) / q.steps);
const withToolsPerStep = perQuestion.map((q) => (q.total - q.model) / q.steps);
const modelPerStep = perQuestion.map((q) => q.model / q.steps);
console.log(
  `llm step        agent's own overhead (excl. model and tools)   median ${ms(median(ownPerStep))}  p95 ${ms(p95(ownPerStep))}`,
);
console.log(
  `llm step        overhead incl. registry tool calls (excl. model) median ${ms(median(withToolsPerStep))}  p95 ${ms(p95(withToolsPerStep))}`,
);
console.log(
  `llm step        model call via SDK + loopback fake (for reference) median ${ms(median(modelPerStep))}`,
);

await fake.stop();
clusters.stop();
await kubectl.close();
await db.close();
await sim.stop();
rmSync(dir, { recursive: true, force: true });
