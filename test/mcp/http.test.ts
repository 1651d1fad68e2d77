// MCP over Streamable HTTP against the `serve` composition: bearer tokens mapped to roles, the
// DNS-rebinding guard, and the same registry on the simulated cluster.
import { request } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildServices, type Services } from '../../src/app/build-services.js';
import { startServe, type ServeHandle } from '../../src/app/start-serve.js';
import { createLogger } from '../../src/core/log/logger.js';
import type { ApiTokenRole } from '../../src/core/store/repos/api-tokens.js';
import { startSimWithConfig, type SimWithConfig } from './support/sim-config.js';
import { firstRow, textOf } from './support/tool-text.js';

let dir: string;
let env: SimWithConfig;
let services: Services;
let serve: ServeHandle;
const tokens: Partial<Record<ApiTokenRole, string>> = {};
const clients: Client[] = [];

const initialize = {
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: {
    protocolVersion: '2025-06-18',
    capabilities: {},
    clientInfo: { name: 'raw', version: '1' },
  },
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ai4k8s-mcp-http-'));
  env = await startSimWithConfig(dir, {
    mcp: { allowWrites: true, allowedOrigins: ['https://console.example.com'] },
  });
  services = await buildServices({ config: env.config, logger: createLogger({ level: 'silent' }) });
  serve = await startServe({ services, version: '0.1.0', port: 0, host: '127.0.0.1' });
  for (const role of ['viewer', 'operator', 'admin'] as const) {
    tokens[role] = (await services.tokens.create(`${role}-client`, role)).token;
  }
});

afterAll(async () => {
  await serve?.close();
  await env?.sim.stop();
  rmSync(dir, { recursive: true, force: true });
});

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
});

async function connectHttp(token: string): Promise<Client> {
  const transport = new StreamableHTTPClientTransport(new URL(serve.mcpUrl), {
    requestInit: { headers: { Authorization: `Bearer ${token}` } },
  });
  const client = new Client({ name: 'http-test', version: '1.0.0' });
  await client.connect(transport);
  clients.push(client);
  return client;
}

function postMcp(headers: Record<string, string>): Promise<Response> {
  return fetch(serve.mcpUrl, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      Accept: 'application/json, text/event-stream',
      ...headers,
    },
    body: JSON.stringify(initialize),
  });
}

describe('MCP over Streamable HTTP', () => {
  it.each([
    ['viewer', 8, false],
    ['operator', 9, false],
    ['admin', 10, true],
  ] as const)('a %s token sees %i tools', async (role, count, seesExec) => {
    const client = await connectHttp(tokens[role]!);
    const { tools } = await client.listTools();
    expect(tools).toHaveLength(count);
    expect(tools.some((t) => t.name === 'exec_into_pod')).toBe(seesExec);
  });

  it('answers read calls and records when the token was last used', async () => {
    const client = await connectHttp(tokens.viewer!);
    const pods = (await client.callTool({
      name: 'get_pods',
      arguments: { namespace: 'payments' },
    })) as CallToolResult;
    expect(firstRow(textOf(pods))).toMatch(/fraud-check.*CrashLoopBackOff/);
    const info = (await client.callTool({
      name: 'get_cluster_info',
      arguments: {},
    })) as CallToolResult;
    expect(info.isError).toBeFalsy();
    const listed = (await services.tokens.list()).find((t) => t.name === 'viewer-client');
    expect(listed?.lastUsedAt).toBeTypeOf('number');
  });

  it('runs a write after approval, for the token that asked', async () => {
    const client = await connectHttp(tokens.operator!);
    const args = { command: 'scale deploy frontend -n shop --replicas 5' };
    const asked = (await client.callTool({
      name: 'execute_kubectl',
      arguments: args,
    })) as CallToolResult;
    const { approvalId } = asked.structuredContent as { approvalId: string };
    expect(textOf(asked)).toMatch(/^Approval required/);
    const approval = await services.tools.approvals.get(approvalId);
    expect(approval?.requester).toBe('mcp-token:operator-client');
    await services.tools.approvals.decide(
      approvalId,
      { id: 'web:alice', role: 'admin', surface: 'web' },
      'approve',
    );

    const stranger = await connectHttp(tokens.admin!);
    const stolen = (await stranger.callTool({
      name: 'execute_kubectl',
      arguments: { ...args, approvalId },
    })) as CallToolResult;
    expect(stolen.isError).toBe(true);
    expect(textOf(stolen)).toMatch(/only by the requester/);

    const ran = (await client.callTool({
      name: 'execute_kubectl',
      arguments: { ...args, approvalId },
    })) as CallToolResult;
    expect(ran.isError).toBeFalsy();
    expect(textOf(ran)).toMatch(/deployment.apps\/frontend scaled/);
  });

  it('answers 401 with a JSON-RPC error and a Bearer challenge when the token is missing', async () => {
    const res = await postMcp({});
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer realm="ai4k8s"');
    const body = (await res.json()) as {
      jsonrpc: string;
      error: { code: number; message: string };
      id: null;
    };
    expect(body).toMatchObject({ jsonrpc: '2.0', id: null, error: { code: -32001 } });
    expect(body.error.message).toMatch(/ai4k8s token create/);
    await expect(connectHttp('')).rejects.toThrow(/401|Unauthorized|Authentication required/i);
  });

  it('answers 401 invalid_token for an unknown token', async () => {
    const res = await postMcp({ Authorization: 'Bearer a4k_not-a-real-token' });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/error="invalid_token"/);
  });

  it('refuses a token from the moment it is revoked', async () => {
    const { token } = await services.tokens.create('short-lived', 'viewer');
    const client = await connectHttp(token);
    expect((await client.listTools()).tools.length).toBeGreaterThan(0);
    expect(await services.tokens.revoke('short-lived')).toBe(true);
    await expect(client.listTools()).rejects.toThrow(/401|unknown or revoked/i);
    expect((await postMcp({ Authorization: `Bearer ${token}` })).status).toBe(401);
  });

  it('lets through no Origin, our own and allowed origins, and refuses a foreign one with 403', async () => {
    const auth = { Authorization: `Bearer ${tokens.viewer}` };
    expect((await postMcp(auth)).status).toBe(200);
    expect((await postMcp({ ...auth, Origin: `http://localhost:${serve.http.port}` })).status).toBe(
      200,
    );
    expect((await postMcp({ ...auth, Origin: 'https://console.example.com' })).status).toBe(200);
    const refused = await postMcp({ ...auth, Origin: 'http://evil.example' });
    expect(refused.status).toBe(403);
    const body = (await refused.json()) as { error: { message: string } };
    expect(body.error.message).toMatch(
      /Origin "http:\/\/evil.example" is not allowed.*mcp.allowedOrigins/,
    );
  });

  it('refuses a Host that is not this server (DNS rebinding)', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: serve.http.port,
          path: '/mcp',
          method: 'POST',
          headers: {
            Host: `rebound.example:${serve.http.port}`,
            Authorization: `Bearer ${tokens.viewer}`,
            'Content-Type': 'application/json',
            Accept: 'application/json, text/event-stream',
          },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end(JSON.stringify(initialize));
    });
    expect(status).toBe(403);
  });

  it('says GET is not served (stateless endpoint)', async () => {
    const res = await fetch(serve.mcpUrl, {
      headers: { Authorization: `Bearer ${tokens.viewer}` },
    });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('POST');
  });
});
