// The real registry over real parts: the simulated cluster over HTTP (two cluster names, "sim" and
// "staging", on the same sim so a call can be replayed against "another" cluster), a SQLite file
// in a temp dir, the real kubectl behind the redacting proxy, and every tool.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppsV1Api, CoreV1Api } from '@kubernetes/client-node';
import { afterAll, beforeAll } from 'vitest';
import { configSchema } from '../../../../src/core/config/schema.js';
import { ClusterRegistry } from '../../../../src/core/kube/cluster-registry.js';
import { upstreamKubeConfig } from '../../../../src/core/kubectl/upstream-kubeconfig.js';
import { ProcessKubectlRunner } from '../../../../src/core/kubectl/runner.js';
import { createLogger } from '../../../../src/core/log/logger.js';
import type { Database } from '../../../../src/core/store/database.js';
import { openStore } from '../../../../src/core/store/open-store.js';
import { ApprovalsRepo } from '../../../../src/core/store/repos/approvals.js';
import { AuditRepo } from '../../../../src/core/store/repos/audit.js';
import { allTools } from '../../../../src/core/tools/index.js';
import {
  ToolRegistry,
  type InvokeOutcome,
} from '../../../../src/core/tools/registry/tool-registry.js';
import type { Caller, ToolCall } from '../../../../src/core/tools/types.js';
import { startSimCluster, type SimHandle } from '../../../../src/sim/index.js';
import { kubeConfigFromString } from '../../../support/sim.js';

export const plantedScenario = join(import.meta.dirname, 'fixtures', 'planted-secrets.yaml');

export const callers = {
  viewer: { id: 'slack:vera', name: 'Vera', role: 'viewer', surface: 'slack' },
  operator: { id: 'slack:otto', name: 'Otto', role: 'operator', surface: 'slack' },
  operator2: { id: 'web:olga', name: 'Olga', role: 'operator', surface: 'web' },
  admin: { id: 'mcp-token:ci', role: 'admin', surface: 'mcp' },
  admin2: { id: 'cli:root', role: 'admin', surface: 'cli' },
} satisfies Record<string, Caller>;

export interface RegistryHarness {
  sim: SimHandle;
  registry: ToolRegistry;
  db: Database;
  audit: AuditRepo;
  core: CoreV1Api;
  apps: AppsV1Api;
  /** Moves the registry's clock (approval expiry) without touching the sim's. */
  clock: { offsetMs: number };
  invoke(
    caller: Caller,
    tool: string,
    args: Record<string, unknown>,
    extra?: Partial<ToolCall>,
  ): Promise<InvokeOutcome>;
  /** Requests, has `approver` approve, and runs the call again with the approval id. */
  approvedInvoke(
    requester: Caller,
    approver: Caller,
    tool: string,
    args: Record<string, unknown>,
  ): Promise<{ first: InvokeOutcome; outcome: InvokeOutcome; approvalId: string }>;
  stop(): Promise<void>;
}

export interface HarnessOptions {
  scenario?: string;
  allowSelf?: boolean;
}

export async function startRegistryHarness(options: HarnessOptions = {}): Promise<RegistryHarness> {
  const sim = await startSimCluster({
    scenario: options.scenario ?? plantedScenario,
    log: () => undefined,
  });
  const dir = mkdtempSync(join(tmpdir(), 'ai4k8s-registry-'));
  const db = await openStore(join(dir, 'ai4k8s.db'));
  const logger = createLogger({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  const clusters = new ClusterRegistry({
    sources: ['sim', 'staging'].map((name) => ({
      name,
      loadKubeConfig: () => kubeConfigFromString(sim.kubeconfig),
    })),
    logger,
  });
  const config = configSchema.parse({ approvals: { allowSelf: options.allowSelf ?? false } });
  const kubectl = new ProcessKubectlRunner({ logger, ...config.kubectl });
  const clock = { offsetMs: 0 };
  const audit = new AuditRepo(db);
  const registry = new ToolRegistry({
    tools: allTools,
    clusters,
    approvals: new ApprovalsRepo(db),
    audit,
    logger,
    config,
    services: { kubectl },
    now: () => Date.now() + clock.offsetMs,
  });
  const kubeConfig = upstreamKubeConfig(kubeConfigFromString(sim.kubeconfig));
  const invoke: RegistryHarness['invoke'] = (caller, tool, args, extra = {}) =>
    registry.invoke({ tool, args, ...extra }, caller);
  return {
    sim,
    registry,
    db,
    audit,
    core: kubeConfig.makeApiClient(CoreV1Api),
    apps: kubeConfig.makeApiClient(AppsV1Api),
    clock,
    invoke,
    async approvedInvoke(requester, approver, tool, args) {
      const first = await invoke(requester, tool, args);
      if (first.status !== 'approval_required') {
        throw new Error(`expected an approval request, got ${JSON.stringify(first)}`);
      }
      await registry.approvals.decide(first.approval.id, approver, 'approve');
      const outcome = await invoke(requester, tool, args, { approvalId: first.approval.id });
      return { first, outcome, approvalId: first.approval.id };
    },
    async stop() {
      clusters.stop();
      await kubectl.close();
      await sim.stop();
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** One harness for the test file. */
export function useRegistryHarness(options: HarnessOptions = {}): () => RegistryHarness {
  let harness: RegistryHarness | undefined;
  beforeAll(async () => {
    harness = await startRegistryHarness(options);
  }, 60_000);
  afterAll(async () => {
    await harness?.stop();
  });
  return () => {
    if (!harness) throw new Error('the registry harness is not started yet');
    return harness;
  };
}

/** The text of an ok outcome; fails loudly with the outcome otherwise. */
export function okText(outcome: InvokeOutcome): string {
  if (outcome.status !== 'ok') throw new Error(`expected ok, got ${JSON.stringify(outcome)}`);
  return outcome.result.text;
}
