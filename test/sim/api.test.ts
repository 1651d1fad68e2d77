// The raw HTTP API: auth, discovery, Status errors, selectors, tables, patches.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixture, type SimFixture } from './helpers.js';

let f: SimFixture;

beforeAll(async () => {
  f = await startFixture({ scenario: 'healthy', realtime: false });
});

afterAll(async () => {
  await f?.sim.stop();
});

const status = (code: number, reason: string, message?: string | RegExp) =>
  expect.objectContaining({
    kind: 'Status',
    apiVersion: 'v1',
    status: 'Failure',
    code,
    reason,
    ...(message
      ? { message: typeof message === 'string' ? message : expect.stringMatching(message) }
      : {}),
  });

describe('auth and discovery', () => {
  it('answers 401 with a Status body without the bearer token; health and version are public', async () => {
    const res = await fetch(`${f.sim.url}/api/v1/pods`);
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual(status(401, 'Unauthorized', 'Unauthorized'));
    const wrong = await fetch(`${f.sim.url}/api/v1/pods`, {
      headers: { authorization: 'Bearer nope' },
    });
    expect(wrong.status).toBe(401);
    expect(await (await fetch(`${f.sim.url}/readyz`)).text()).toBe('ok');
    expect(await (await fetch(`${f.sim.url}/version`)).json()).toMatchObject({
      major: '1',
      minor: '35',
      gitVersion: 'v1.35.0',
    });
  });

  it('serves legacy and aggregated discovery, with the subresources kubectl looks for', async () => {
    const core = await f.api('/api/v1');
    const names = (core.json.resources as Array<{ name: string }>).map((r) => r.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'pods',
        'pods/log',
        'pods/exec',
        'pods/eviction',
        'events',
        'nodes',
        'services',
        'configmaps',
        'secrets',
        'namespaces',
      ]),
    );
    const apps = await f.api('/apis/apps/v1');
    expect((apps.json.resources as Array<{ name: string }>).map((r) => r.name)).toEqual(
      expect.arrayContaining([
        'deployments',
        'deployments/scale',
        'deployments/status',
        'replicasets',
        'statefulsets',
        'daemonsets',
      ]),
    );
    expect((await f.api('/apis/discovery.k8s.io/v1')).status).toBe(200);
    expect((await f.api('/apis/metrics.k8s.io/v1beta1')).json.resources).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'pods', kind: 'PodMetrics' })]),
    );
    const agg = await f.api('/apis', {
      headers: {
        accept:
          'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json',
      },
    });
    expect(agg.headers.get('content-type')).toBe(
      'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList',
    );
    expect(
      (agg.json.items as Array<{ metadata: { name: string } }>).map((i) => i.metadata.name),
    ).toEqual(['apps', 'discovery.k8s.io', 'metrics.k8s.io']);
    const openapi = await f.api('/openapi/v3');
    expect(Object.keys(openapi.json.paths as object)).toEqual(
      expect.arrayContaining(['api/v1', 'apis/apps/v1']),
    );
    expect((await f.api('/openapi/v2')).status).toBe(404);
  });
});

describe('Status errors', () => {
  it('404 for a missing object, 409 for a duplicate, 422 for an invalid one, 400 for a malformed body', async () => {
    expect((await f.api('/api/v1/namespaces/shop/pods/nope')).json).toEqual(
      status(404, 'NotFound', 'pods "nope" not found'),
    );
    expect((await f.api('/apis/apps/v1/namespaces/shop/deployments/nope')).json).toEqual(
      status(404, 'NotFound', 'deployments.apps "nope" not found'),
    );
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'dup' }, data: { a: '1' } };
    expect(
      (await f.api('/api/v1/namespaces/shop/configmaps', { method: 'POST', body: cm })).status,
    ).toBe(201);
    expect(
      (await f.api('/api/v1/namespaces/shop/configmaps', { method: 'POST', body: cm })).json,
    ).toEqual(status(409, 'AlreadyExists', 'configmaps "dup" already exists'));
    const invalid = await f.api('/api/v1/namespaces/shop/pods', {
      method: 'POST',
      body: {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'bad' },
        spec: { containers: [{ name: 'app' }] },
      },
    });
    expect(invalid.json).toEqual(
      status(422, 'Invalid', 'Pod "bad" is invalid: spec.containers[0].image: Required value'),
    );
    expect((invalid.json.details as { causes: unknown[] }).causes).toEqual([
      {
        reason: 'FieldValueRequired',
        message: 'Required value',
        field: 'spec.containers[0].image',
      },
    ]);
    expect(
      (await f.api('/api/v1/namespaces/shop/configmaps', { method: 'POST', body: '{"kind":' }))
        .json,
    ).toEqual(status(400, 'BadRequest', /json parse error/));
    expect(
      (await f.api('/api/v1/namespaces/nowhere/configmaps', { method: 'POST', body: cm })).json,
    ).toEqual(status(404, 'NotFound', 'namespaces "nowhere" not found'));
  });

  it('409 Conflict for an update from a stale resourceVersion', async () => {
    const cm = (await f.api('/api/v1/namespaces/shop/configmaps/dup')).json as {
      metadata: { resourceVersion: string };
    };
    const stale = { ...cm, metadata: { ...cm.metadata, resourceVersion: '1' }, data: { a: '2' } };
    expect(
      (await f.api('/api/v1/namespaces/shop/configmaps/dup', { method: 'PUT', body: stale })).json,
    ).toEqual(status(409, 'Conflict', /the object has been modified/));
    const fresh = { ...cm, data: { a: '3' } };
    const updated = await f.api('/api/v1/namespaces/shop/configmaps/dup', {
      method: 'PUT',
      body: fresh,
    });
    expect(updated.status).toBe(200);
    expect(
      Number((updated.json.metadata as { resourceVersion: string }).resourceVersion),
    ).toBeGreaterThan(Number(cm.metadata.resourceVersion));
  });

  it('400 for an unknown field selector and a bad label selector', async () => {
    expect((await f.api('/api/v1/pods?fieldSelector=spec.colour%3Dred')).json).toEqual(
      status(400, 'BadRequest', 'field label not supported: spec.colour'),
    );
    expect((await f.api('/api/v1/pods?labelSelector=a%20in%20b')).status).toBe(400);
  });
});

describe('reads', () => {
  it('filters by field selectors on pods and events', async () => {
    const pods = (
      await f.api('/api/v1/pods?fieldSelector=status.phase%3DRunning,metadata.namespace%3Dshop')
    ).json.items as Array<{ metadata: { namespace: string } }>;
    expect(pods.length).toBe(6);
    const node = (pods[0] as unknown as { spec: { nodeName: string } }).spec.nodeName;
    const onNode = (await f.api(`/api/v1/pods?fieldSelector=spec.nodeName%3D${node}`)).json
      .items as Array<{ spec: { nodeName: string } }>;
    expect(onNode.every((p) => p.spec.nodeName === node)).toBe(true);
  });

  it('prints server-side Tables with PartialObjectMetadata rows', async () => {
    const t = await f.api('/api/v1/namespaces/shop/pods', {
      headers: { accept: 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json' },
    });
    expect(t.json.kind).toBe('Table');
    expect((t.json.columnDefinitions as Array<{ name: string }>).map((c) => c.name)).toEqual([
      'Name',
      'Ready',
      'Status',
      'Restarts',
      'Age',
      'IP',
      'Node',
      'Nominated Node',
      'Readiness Gates',
    ]);
    const row = (
      t.json.rows as Array<{
        cells: unknown[];
        object: { kind: string; metadata: { namespace: string } };
      }>
    )[0];
    expect(row?.cells.slice(1, 4)).toEqual(['1/1', 'Running', '0']);
    expect(row?.object).toMatchObject({
      kind: 'PartialObjectMetadata',
      metadata: { namespace: 'shop' },
    });
    const nodes = await f.api('/api/v1/nodes', {
      headers: { accept: 'application/json;as=Table;v=v1;g=meta.k8s.io' },
    });
    expect(
      (nodes.json.rows as Array<{ cells: unknown[] }>).map((r) => r.cells.slice(0, 3)),
    ).toEqual([
      ['control-plane', 'Ready', 'control-plane'],
      ['worker-1', 'Ready', '<none>'],
      ['worker-2', 'Ready', '<none>'],
    ]);
  });
});

describe('writes', () => {
  it('merge and strategic merge patches change labels, images and replicas', async () => {
    const merge = await f.api('/apis/apps/v1/namespaces/shop/deployments/web', {
      method: 'PATCH',
      headers: { 'content-type': 'application/merge-patch+json' },
      body: { metadata: { labels: { tier: 'front' } }, spec: { replicas: 3 } },
    });
    expect(merge.status).toBe(200);
    expect(merge.json).toMatchObject({
      metadata: { labels: { tier: 'front', app: 'web' }, generation: 2 },
      spec: { replicas: 3 },
    });
    const smp = await f.api('/apis/apps/v1/namespaces/shop/deployments/web', {
      method: 'PATCH',
      headers: { 'content-type': 'application/strategic-merge-patch+json' },
      body: {
        spec: {
          template: { spec: { containers: [{ name: 'web', image: 'ghcr.io/acme/web:3.9.0' }] } },
        },
      },
    });
    const containers = (
      smp.json.spec as {
        template: {
          spec: { containers: Array<{ name: string; image: string; ports?: unknown[] }> };
        };
      }
    ).template.spec.containers;
    expect(containers).toHaveLength(1);
    expect(containers[0]).toMatchObject({
      name: 'web',
      image: 'ghcr.io/acme/web:3.9.0',
      ports: [{ containerPort: 8080 }],
    });
    const bad = await f.api('/apis/apps/v1/namespaces/shop/deployments/web', {
      method: 'PATCH',
      headers: { 'content-type': 'text/plain' },
      body: 'x',
    });
    expect(bad.json).toEqual(status(415, 'UnsupportedMediaType'));
  });

  it('the scale subresource reads and writes replicas', async () => {
    const scale = await f.api('/apis/apps/v1/namespaces/shop/deployments/api/scale');
    expect(scale.json).toMatchObject({
      kind: 'Scale',
      apiVersion: 'autoscaling/v1',
      spec: { replicas: 3 },
      status: { selector: 'app=api' },
    });
    const put = await f.api('/apis/apps/v1/namespaces/shop/deployments/api/scale', {
      method: 'PUT',
      body: { ...scale.json, spec: { replicas: 5 } },
    });
    expect(put.json).toMatchObject({ spec: { replicas: 5 } });
    const neg = await f.api('/apis/apps/v1/namespaces/shop/deployments/api/scale', {
      method: 'PATCH',
      headers: { 'content-type': 'application/merge-patch+json' },
      body: { spec: { replicas: -1 } },
    });
    expect(neg.json).toEqual(
      status(
        422,
        'Invalid',
        /spec.replicas: Invalid value: -1: must be greater than or equal to 0/,
      ),
    );
  });

  it('deleting a deployment removes its replica sets and pods', async () => {
    await f.api('/apis/apps/v1/namespaces/shop/deployments/worker', { method: 'DELETE' });
    await f.sim.advance(5000);
    expect(
      (await f.api('/apis/apps/v1/namespaces/shop/replicasets?labelSelector=app%3Dworker')).json
        .items,
    ).toEqual([]);
    expect(
      (await f.api('/api/v1/namespaces/shop/pods?labelSelector=app%3Dworker')).json.items,
    ).toEqual([]);
  });
});
