// A real MCP SDK client against our MCP server over the SDK's in-memory transport, with the real
// tool registry on the simulated cluster: what each role sees, every read tool, errors, approvals.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildServices, type Services } from '../../src/app/build-services.js';
import { createLogger } from '../../src/core/log/logger.js';
import type { Role } from '../../src/core/policy/roles.js';
import type { Caller } from '../../src/core/tools/types.js';
import { createMcpServer } from '../../src/mcp/index.js';
import { startSimWithConfig, type SimWithConfig } from './support/sim-config.js';
import { firstRow, textOf } from './support/tool-text.js';

const readTools = [
  'get_cluster_info',
  'get_pods',
  'get_services',
  'get_deployments',
  'get_pod_logs',
  'execute_kubectl',
  'get_docker_containers',
  'get_pod_top',
];

let dir: string;
let env: SimWithConfig;
let services: Services;
const clients: Client[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ai4k8s-mcp-'));
  env = await startSimWithConfig(dir, {}, { deadCluster: true });
  services = await buildServices({ config: env.config, logger: createLogger({ level: 'silent' }) });
});

afterAll(async () => {
  await services?.close();
  await env?.sim.stop();
  rmSync(dir, { recursive: true, force: true });
});

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
});

function callerWith(role: Role, name: string = role): Caller {
  return { id: `mcp-token:${name}`, name, role, surface: 'mcp' };
}

async function connect(caller: Caller, allowWrites = false): Promise<Client> {
  const server = createMcpServer({
    invoker: services.tools,
    caller,
    allowWrites,
    logger: services.logger,
    version: '0.1.0',
  });
  const [serverSide, clientSide] = InMemoryTransport.createLinkedPair();
  await server.connect(serverSide);
  const client = new Client({ name: 'test-client', version: '1.0.0' });
  await client.connect(clientSide);
  clients.push(client);
  return client;
}

async function call(
  client: Client,
  name: string,
  args: Record<string, unknown> = {},
): Promise<CallToolResult> {
  return (await client.callTool({ name, arguments: args })) as CallToolResult;
}

describe('tool listing', () => {
  it.each([
    ['viewer', false, readTools],
    ['operator', false, readTools],
    ['admin', false, readTools],
    ['viewer', true, readTools],
    ['operator', true, [...readTools, 'run_container_in_pod']],
    ['admin', true, [...readTools, 'exec_into_pod', 'run_container_in_pod']],
  ] as const)(
    'a %s with writes %s sees the tools it could use',
    async (role, allowWrites, expected) => {
      const client = await connect(callerWith(role), allowWrites);
      const { tools } = await client.listTools();
      expect(tools.map((t) => t.name).sort()).toEqual([...expected].sort());
    },
  );

  it('describes each tool with annotations and a JSON Schema of its input', async () => {
    const client = await connect(callerWith('viewer'));
    const { tools } = await client.listTools();
    const getPods = tools.find((t) => t.name === 'get_pods')!;
    expect(getPods.annotations).toMatchObject({
      readOnlyHint: true,
      destructiveHint: false,
      openWorldHint: false,
    });
    expect(getPods.inputSchema.type).toBe('object');
    expect(getPods.inputSchema).not.toHaveProperty('$schema');
    expect(Object.keys(getPods.inputSchema.properties ?? {})).toEqual(
      expect.arrayContaining([
        'namespace',
        'labelSelector',
        'problemsOnly',
        'limit',
        'continue',
        'cluster',
        'budgetTokens',
      ]),
    );
    const kubectl = tools.find((t) => t.name === 'execute_kubectl')!;
    expect(kubectl.annotations?.readOnlyHint).toBe(false);
    expect(kubectl.inputSchema.required).toEqual(['command']);
    // With writes off no approval can ever be asked for, so the field is not offered.
    expect(kubectl.inputSchema.properties).not.toHaveProperty('approvalId');
  });

  it('offers approvalId on write and exec tools only when writes are on', async () => {
    const client = await connect(callerWith('admin'), true);
    const { tools } = await client.listTools();
    const withApproval = tools
      .filter((t) => 'approvalId' in (t.inputSchema.properties ?? {}))
      .map((t) => t.name);
    expect(withApproval.sort()).toEqual([
      'exec_into_pod',
      'execute_kubectl',
      'run_container_in_pod',
    ]);
    const run = tools.find((t) => t.name === 'run_container_in_pod')!;
    expect(run.annotations).toMatchObject({ readOnlyHint: false });
  });
});

describe('read calls', () => {
  it('get_pods lists the crash-looping pod first, with structured data', async () => {
    const client = await connect(callerWith('viewer'));
    const result = await call(client, 'get_pods', { namespace: 'payments' });
    expect(result.isError).toBeFalsy();
    expect(firstRow(textOf(result))).toMatch(/fraud-check-\S+\s.*CrashLoopBackOff/);
    expect(result.structuredContent).toBeTypeOf('object');
    expect(JSON.stringify(result.structuredContent)).toContain('fraud-check');
  });

  it.each([
    ['get_cluster_info', {}, /node/i],
    ['get_services', { namespace: 'shop' }, /frontend/],
    ['get_deployments', { namespace: 'payments' }, /ledger/],
    ['get_pod_logs', { pod: 'frontend', namespace: 'shop', tailLines: 5 }, /listening|GET/],
    ['execute_kubectl', { command: 'get deploy -n shop' }, /frontend/],
    ['get_docker_containers', { namespace: 'shop' }, /ghcr.io\/acme\/shop-frontend/],
    ['get_pod_top', { target: 'nodes' }, /worker/],
  ])('%s answers with text and structured content', async (tool, args, expected) => {
    const client = await connect(callerWith('viewer'));
    const result = await call(client, tool, args);
    expect(textOf(result)).toMatch(expected);
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toBeTypeOf('object');
    expect(Array.isArray(result.structuredContent)).toBe(false);
  });

  it('takes budgetTokens as a call argument, not as tool input', async () => {
    const client = await connect(callerWith('viewer'));
    const small = await call(client, 'get_pods', { budgetTokens: 200 });
    expect(small.isError).toBeFalsy();
    expect(textOf(small).length).toBeLessThanOrEqual(200 * 4 + 400);
  });
});

describe('errors are results that say what to do', () => {
  it.each([
    [
      'an unknown tool',
      'delete_everything',
      {},
      /There is no tool "delete_everything".*Available tools: get_cluster_info/,
    ],
    ['bad arguments', 'get_pods', { limit: 'lots' }, /Invalid arguments for get_pods: `limit`/],
    ['a bad call argument', 'get_pods', { budgetTokens: 'big' }, /`budgetTokens`/],
    ['an unknown cluster', 'get_pods', { cluster: 'prod' }, /No cluster named "prod".*sim/],
    ['a cluster that cannot be reached', 'get_pods', { cluster: 'gone' }, /gone/],
    [
      'a refused kubectl command',
      'execute_kubectl',
      { command: 'get pods --kubeconfig /etc/passwd' },
      /refused/,
    ],
  ])('%s', async (_label, tool, args, message) => {
    const client = await connect(callerWith('viewer'));
    const result = await call(client, tool, args);
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(message);
    expect(textOf(result)).not.toMatch(/\n\s+at /);
  });

  it('refuses a write while writes are off, without asking for an approval', async () => {
    const client = await connect(callerWith('admin'));
    const pendingBefore = (await services.tools.approvals.listPending()).length;
    const result = await call(client, 'execute_kubectl', {
      command: 'scale deploy cart -n shop --replicas 5',
    });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(
      /write and exec calls are turned off over MCP.*mcp.allowWrites: true/,
    );
    expect((await services.tools.approvals.listPending()).length).toBe(pendingBefore);
    const hidden = await call(client, 'run_container_in_pod', {
      image: 'busybox',
      command: ['true'],
    });
    expect(hidden.isError).toBe(true);
    expect(textOf(hidden)).toMatch(/turned off over MCP/);
  });

  it('a viewer cannot ask for a write even when writes are on', async () => {
    const client = await connect(callerWith('viewer'), true);
    const result = await call(client, 'execute_kubectl', {
      command: 'scale deploy cart -n shop --replicas 5',
    });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/Your role \(viewer\) may not make write calls/);
  });
});

describe('the approval round trip', () => {
  it('parks a write, runs it once after a human approves, and never again', async () => {
    const operator = callerWith('operator', 'ops-bot');
    const client = await connect(operator, true);
    const args = { command: 'scale deploy catalog -n shop --replicas 4' };

    const asked = await call(client, 'execute_kubectl', args);
    expect(asked.isError).toBeFalsy();
    const text = textOf(asked);
    expect(text).toMatch(/^Approval required: execute_kubectl on cluster sim is a write call/);
    expect(text).toMatch(/dashboard.*chat.*`ai4k8s approve apr_/);
    const approvalId = (asked.structuredContent as { approvalId: string }).approvalId;
    expect(text).toContain(`"approvalId": "${approvalId}"`);
    expect(asked.structuredContent).toMatchObject({
      status: 'approval_required',
      risk: 'write',
      requiredRole: 'operator',
    });

    const early = await call(client, 'execute_kubectl', { ...args, approvalId });
    expect(early.isError).toBe(true);
    expect(textOf(early)).toMatch(/still waiting for a decision/);

    await services.tools.approvals.decide(approvalId, callerWith('admin', 'alice'), 'approve');
    const other = await call(client, 'execute_kubectl', {
      command: 'scale deploy catalog -n shop --replicas 9',
      approvalId,
    });
    expect(other.isError).toBe(true);
    expect(textOf(other)).toMatch(/approved for a different call/);

    const ran = await call(client, 'execute_kubectl', { ...args, approvalId });
    expect(ran.isError).toBeFalsy();
    expect(textOf(ran)).toMatch(/scaled/);
    const cluster = await services.clusters.get('sim');
    const deployment = await cluster.apps.readNamespacedDeployment({
      name: 'catalog',
      namespace: 'shop',
    });
    expect(deployment.spec?.replicas).toBe(4);

    const again = await call(client, 'execute_kubectl', { ...args, approvalId });
    expect(again.isError).toBe(true);
    expect(textOf(again)).toMatch(/already been used/);
  });
});
