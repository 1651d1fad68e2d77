import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KubectlProxy, type ProxyGrant } from '../../../src/core/kubectl/proxy.js';
import { MASK_BASE64 } from '../../../src/core/kubectl/redact-api-body.js';
import { leakedSecrets } from '../tools/registry/fixtures/planted.js';
import { plantedScenario } from '../tools/registry/harness.js';
import { useSimTestCluster } from '../../support/sim.js';

const sim = useSimTestCluster({ scenario: plantedScenario });
let proxy: KubectlProxy;
beforeAll(async () => {
  proxy = await KubectlProxy.start({ logger: sim().logger });
});
afterAll(async () => {
  await proxy.close();
});

async function call(grant: ProxyGrant | string, path: string, init: RequestInit = {}) {
  const base = typeof grant === 'string' ? grant : grant.server;
  const response = await fetch(`${base}${path}`, init);
  const text = await response.text();
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    text,
    json: () => JSON.parse(text),
  };
}

const secretPath = '/api/v1/namespaces/shop/secrets/db-credentials';

describe('KubectlProxy', () => {
  it('serves reads with Secret data masked (as base64, so kubectl can decode it)', async () => {
    const grant = proxy.grant(sim().cluster, 'read');
    const answer = await call(grant, secretPath);
    expect(answer.status).toBe(200);
    expect(answer.json().data).toEqual({ password: MASK_BASE64, username: MASK_BASE64 });
    expect(leakedSecrets(answer.text)).toEqual([]);
    const list = await call(grant, '/api/v1/secrets');
    expect(list.json().items.map((s: { data: unknown }) => s.data)).toContainEqual({
      password: MASK_BASE64,
      username: MASK_BASE64,
    });
    expect(leakedSecrets(list.text)).toEqual([]);
    grant.revoke();
  });

  it('masks secret-named env values in workloads and tokens in logs', async () => {
    const grant = proxy.grant(sim().cluster, 'read');
    const pods = await call(grant, '/api/v1/namespaces/shop/pods?labelSelector=app%3Dbilling');
    expect(pods.text).toContain('"name":"DB_PASSWORD","value":"<redacted>"');
    expect(leakedSecrets(pods.text)).toEqual([]);
    const name = pods.json().items[0].metadata.name as string;
    const logs = await call(grant, `/api/v1/namespaces/shop/pods/${name}/log`);
    expect(logs.status).toBe(200);
    expect(logs.text).toContain('connecting with Authorization: <redacted>');
    expect(leakedSecrets(logs.text)).toEqual([]);
    grant.revoke();
  });

  it('refuses every method but GET and HEAD for a read call, with a Kubernetes Status 403', async () => {
    const grant = proxy.grant(sim().cluster, 'read');
    for (const method of ['DELETE', 'POST', 'PUT', 'PATCH']) {
      const answer = await call(grant, secretPath, {
        method,
        headers: { 'content-type': 'application/merge-patch+json' },
        body: method === 'DELETE' ? undefined : '{}',
      });
      expect(answer.status).toBe(403);
      expect(answer.json()).toMatchObject({
        kind: 'Status',
        status: 'Failure',
        reason: 'Forbidden',
        code: 403,
        message: `AI4K8s refused this request: ${method} is not allowed for a read call`,
      });
    }
    expect(
      (await sim().cluster.core.readNamespacedSecret({ name: 'db-credentials', namespace: 'shop' }))
        .metadata?.name,
    ).toBe('db-credentials');
    grant.revoke();
  });

  it('lets a write call change the cluster', async () => {
    const { core } = sim().cluster;
    await core.createNamespacedConfigMap({
      namespace: 'shop',
      body: { metadata: { name: 'to-delete' }, data: { a: '1' } },
    });
    const grant = proxy.grant(sim().cluster, 'write');
    const answer = await call(grant, '/api/v1/namespaces/shop/configmaps/to-delete', {
      method: 'DELETE',
    });
    expect(answer.status).toBe(200);
    await expect(
      core.readNamespacedConfigMap({ name: 'to-delete', namespace: 'shop' }),
    ).rejects.toMatchObject({ code: 404 });
    grant.revoke();
  });

  it('needs a live token: none, a wrong one and a revoked one get 401', async () => {
    const grant = proxy.grant(sim().cluster, 'read');
    expect((await call(grant, secretPath)).status).toBe(200);
    grant.revoke();
    for (const base of [grant.server, proxy.url, `${proxy.url}/t/not-a-token`]) {
      const answer = await call(base, secretPath);
      expect(answer.status).toBe(401);
      expect(answer.json()).toMatchObject({ kind: 'Status', reason: 'Unauthorized' });
    }
  });

  it('refuses exec, attach, port-forward and proxy subresources and connection upgrades', async () => {
    const grant = proxy.grant(sim().cluster, 'write');
    for (const sub of ['exec?command=env', 'attach', 'portforward', 'proxy/']) {
      const answer = await call(grant, `/api/v1/namespaces/shop/pods/x/${sub}`);
      expect(answer.status).toBe(403);
    }
    const upgraded = await new Promise<number | undefined>((resolve, reject) => {
      const request = http.request(
        `${grant.server}/api/v1/namespaces/shop/pods/x/exec?command=env`,
        {
          headers: {
            connection: 'Upgrade',
            upgrade: 'websocket',
            'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==',
            'sec-websocket-version': '13',
          },
        },
      );
      request.on('response', (res) => resolve(res.statusCode));
      request.on('upgrade', () => resolve(101));
      request.on('error', reject);
      request.end();
    });
    expect(upgraded).toBe(403);
    grant.revoke();
  });

  it('asks the cluster for JSON even when the client prefers protobuf', async () => {
    const grant = proxy.grant(sim().cluster, 'read');
    const answer = await call(grant, secretPath, {
      headers: { accept: 'application/vnd.kubernetes.protobuf' },
    });
    expect(answer.status).toBe(200);
    expect(answer.type).toContain('application/json');
    expect(answer.json().data.password).toBe(MASK_BASE64);
    grant.revoke();
  });

  it('redacts a watch stream event by event', async () => {
    const { core } = sim().cluster;
    const grant = proxy.grant(sim().cluster, 'read');
    const list = await call(grant, '/api/v1/namespaces/shop/secrets');
    const resourceVersion = list.json().metadata.resourceVersion as string;
    const response = await fetch(
      `${grant.server}/api/v1/namespaces/shop/secrets?watch=true&timeoutSeconds=5&resourceVersion=${resourceVersion}`,
    );
    const reader = response.body!.getReader();
    await core.createNamespacedSecret({
      namespace: 'shop',
      body: { metadata: { name: 'watched' }, stringData: { token: 'PlantedPassw0rdQ7' } },
    });
    let seen = '';
    while (!seen.includes('"watched"')) {
      const { value, done } = await reader.read();
      if (done) break;
      seen += new TextDecoder().decode(value);
    }
    await reader.cancel();
    const event = JSON.parse(seen.split('\n').find((l) => l.includes('"watched"')) as string);
    expect(event).toMatchObject({
      type: 'ADDED',
      object: { metadata: { name: 'watched' }, data: { token: MASK_BASE64 } },
    });
    expect(leakedSecrets(seen)).toEqual([]);
    grant.revoke();
  });
});
