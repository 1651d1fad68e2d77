// Starts the simulated cluster in-process and connects a real ClusterRegistry to it (client-node
// informers over HTTP, no mocks), so a test can call tools with a ToolContext or drive the sim.
import { KubeConfig } from '@kubernetes/client-node';
import { afterAll, beforeAll } from 'vitest';
import { ClusterRegistry } from '../../src/core/kube/cluster-registry.js';
import type { Cluster } from '../../src/core/kube/cluster.js';
import { createLogger, type Logger } from '../../src/core/log/logger.js';
import type { ToolContext, ToolDefinition, ToolResult } from '../../src/core/tools/types.js';
import {
  startSimCluster,
  type FaultSpec,
  type SimHandle,
  type SimOptions,
} from '../../src/sim/index.js';

export interface SimTestCluster {
  sim: SimHandle;
  /** A registry with this one cluster, named `name` (default "sim"). */
  registry: ClusterRegistry;
  /** The connected cluster: its cache has listed everything. */
  cluster: Cluster;
  logger: Logger;
  /** A ToolContext on `cluster` (budget 2,000 tokens unless overridden). */
  ctx(overrides?: Partial<ToolContext>): ToolContext;
  /** Parses `args` with the tool's schema and runs it, as the registry would. */
  run(
    tool: ToolDefinition,
    args?: Record<string, unknown>,
    overrides?: Partial<ToolContext>,
  ): Promise<ToolResult>;
  /** POST to the sim's control API (`watches/close`, `compact`, `faults`, `clock`). */
  control(path: string, body?: unknown): Promise<unknown>;
  /** Injects a fault and waits until the cache shows `until` (e.g. a pod in CrashLoopBackOff). */
  fault(
    spec: FaultSpec,
    until?: (cluster: Cluster) => boolean,
    timeoutMs?: number,
  ): Promise<string>;
  stop(): Promise<void>;
}

export interface StartSimTestOptions extends SimOptions {
  name?: string;
}

export async function startSimTestCluster(
  options: StartSimTestOptions = {},
): Promise<SimTestCluster> {
  const { name = 'sim', ...simOptions } = options;
  const sim = await startSimCluster({ log: () => undefined, ...simOptions });
  const logger = createLogger({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  const registry = new ClusterRegistry({
    sources: [{ name, loadKubeConfig: () => kubeConfigFromString(sim.kubeconfig) }],
    logger,
    cache: { backoff: { initialMs: 100, maxMs: 1000 } },
  });
  const cluster = await registry.get(name);
  const ctx = (overrides: Partial<ToolContext> = {}): ToolContext => ({
    cluster,
    budgetTokens: 2000,
    signal: AbortSignal.timeout(20_000),
    logger,
    services: {},
    ...overrides,
  });
  const control = async (path: string, body?: unknown): Promise<unknown> => {
    const response = await fetch(`${sim.url}/sim/v1/${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${sim.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body ?? {}),
    });
    const json: unknown = await response.json();
    if (!response.ok)
      throw new Error(`sim control ${path}: ${response.status} ${JSON.stringify(json)}`);
    return json;
  };
  return {
    sim,
    registry,
    cluster,
    logger,
    ctx,
    run: async (tool, args = {}, overrides) => tool.run(tool.input.parse(args), ctx(overrides)),
    control,
    fault: async (spec, until, timeoutMs = 15_000) => {
      const id = sim.injectFault(spec);
      if (until) await waitFor(() => until(cluster), timeoutMs, `fault ${JSON.stringify(spec)}`);
      return id;
    },
    stop: async () => {
      registry.stop();
      await sim.stop();
    },
  };
}

/** Starts one sim cluster for the test file (beforeAll) and stops it afterwards. */
export function useSimTestCluster(options: StartSimTestOptions = {}): () => SimTestCluster {
  let handle: SimTestCluster | undefined;
  beforeAll(async () => {
    handle = await startSimTestCluster(options);
  });
  afterAll(async () => {
    await handle?.stop();
  });
  return () => {
    if (!handle) throw new Error('the sim cluster is not started yet (use it inside a test)');
    return handle;
  };
}

export function kubeConfigFromString(text: string): KubeConfig {
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromString(text);
  return kubeConfig;
}

/** Polls `check` every 50 ms until it holds; throws naming `what` after `timeoutMs`. */
export async function waitFor(
  check: () => boolean | Promise<boolean>,
  timeoutMs: number,
  what: string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
