// @kubernetes/client-node 1.x against the simulator: list, watch, log, exec, metrics, and an
// informer that recovers from a closed watch and from 410 Expired.
import { Writable } from 'node:stream';
import {
  AppsV1Api,
  CoreV1Api,
  Exec,
  KubeConfig,
  Log,
  Metrics,
  Watch,
  makeInformer,
  type V1Pod,
  type V1Status,
} from '@kubernetes/client-node';
import { WebSocket } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startFixture, type SimFixture } from './helpers.js';

let f: SimFixture;
let kc: KubeConfig;

beforeAll(async () => {
  f = await startFixture({ scenario: 'demo' });
  kc = new KubeConfig();
  kc.loadFromString(f.sim.kubeconfig);
});

afterAll(async () => {
  await f?.sim.stop();
});

function collect(): { stream: Writable; text: () => string } {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer, _enc, cb) {
      text += chunk.toString();
      cb();
    },
  });
  return { stream, text: () => text };
}

describe('client-node against the simulator', () => {
  it('lists pods in all namespaces and with a label selector', async () => {
    const core = kc.makeApiClient(CoreV1Api);
    const all = await core.listPodForAllNamespaces();
    expect(all.items.length).toBeGreaterThan(24);
    expect(all.metadata?.resourceVersion).toMatch(/^\d+$/);
    const frontend = await core.listNamespacedPod({
      namespace: 'shop',
      labelSelector: 'app=frontend',
    });
    expect(frontend.items.map((p) => p.metadata?.labels?.['app.kubernetes.io/name'])).toEqual([
      'frontend',
      'frontend',
      'frontend',
    ]);
    for (const p of frontend.items) {
      expect(p.metadata?.labels?.['pod-template-hash']).toMatch(/^[a-z0-9]{10}$/);
      expect(p.status?.phase).toBe('Running');
    }
    const apps = kc.makeApiClient(AppsV1Api);
    const dep = await apps.readNamespacedDeployment({ name: 'ledger', namespace: 'payments' });
    expect(dep.status?.readyReplicas).toBe(2);
    expect(dep.status?.unavailableReplicas).toBe(1);
  });

  it('pages through a list with limit/continue', async () => {
    const core = kc.makeApiClient(CoreV1Api);
    const first = await core.listPodForAllNamespaces({ limit: 10 });
    expect(first.items).toHaveLength(10);
    expect(first.metadata?._continue).toBeTruthy();
    const rest = await core.listPodForAllNamespaces({ _continue: first.metadata?._continue });
    const all = await core.listPodForAllNamespaces();
    expect([...first.items, ...rest.items].map((p) => p.metadata?.name)).toEqual(
      all.items.map((p) => p.metadata?.name),
    );
  });

  it('watches pods: a scale-up is seen as ADDED then MODIFIED to Running', async () => {
    const core = kc.makeApiClient(CoreV1Api);
    const list = await core.listNamespacedPod({
      namespace: 'monitoring',
      labelSelector: 'app=grafana',
    });
    const seen: Array<{ type: string; name: string; phase: string }> = [];
    const watch = new Watch(kc);
    const req = await watch.watch(
      '/api/v1/namespaces/monitoring/pods',
      { labelSelector: 'app=grafana', resourceVersion: list.metadata?.resourceVersion },
      (type: string, obj: V1Pod) =>
        seen.push({ type, name: obj.metadata?.name ?? '', phase: obj.status?.phase ?? '' }),
      () => {},
    );
    await kc.makeApiClient(AppsV1Api).patchNamespacedDeploymentScale({
      name: 'grafana',
      namespace: 'monitoring',
      body: [{ op: 'replace', path: '/spec/replicas', value: 2 }],
    });
    const added = await eventually(() => seen.find((e) => e.type === 'ADDED'), 10_000, 'ADDED');
    await eventually(
      () =>
        seen.find((e) => e.type === 'MODIFIED' && e.name === added.name && e.phase === 'Running'),
      10_000,
      'Running',
    );
    req.abort();
  });

  it('reads logs with tailLines and previous', async () => {
    const log = new Log(kc);
    const pods = await kc
      .makeApiClient(CoreV1Api)
      .listNamespacedPod({ namespace: 'payments', labelSelector: 'app=fraud-check' });
    const name = pods.items[0]?.metadata?.name ?? '';
    const out = collect();
    await log.log('payments', name, 'fraud-check', out.stream, { previous: true, tailLines: 2 });
    await eventually(() => out.text().split('\n').filter(Boolean).length === 2, 5000, 'two lines');
    expect(out.text()).toContain('password authentication failed');
  });

  it('execs over WebSocket and reports the exit code on channel 3', async () => {
    const exec = new Exec(kc);
    const run = async (command: string[]): Promise<{ out: string; status: V1Status }> => {
      const out = collect();
      const err = collect();
      let status: V1Status | undefined;
      await exec.exec(
        'shop',
        'redis-0',
        'redis',
        command,
        out.stream,
        err.stream,
        null,
        false,
        (s) => (status = s),
      );
      const done = await eventually(() => status, 5000, 'exec status');
      return { out: out.text(), status: done };
    };
    const ok = await run(['hostname']);
    expect(ok.out).toBe('redis-0\n');
    expect(ok.status.status).toBe('Success');
    const failed = await run(['sh', '-c', 'exit 7']);
    expect(failed.status).toMatchObject({
      status: 'Failure',
      reason: 'NonZeroExitCode',
      details: { causes: [{ reason: 'ExitCode', message: '7' }] },
    });
  });

  it('also speaks v4.channel.k8s.io to clients that offer only that', async () => {
    const ws = new WebSocket(
      `${f.sim.url.replace('http', 'ws')}/api/v1/namespaces/shop/pods/redis-0/exec?command=sh&command=-c&command=echo%20v4%3B%20exit%205&stdout=true&stderr=true`,
      ['v4.channel.k8s.io'],
      {
        headers: { authorization: `Bearer ${f.sim.token}` },
      },
    );
    const frames: Buffer[] = [];
    ws.on('message', (d: Buffer) => frames.push(d));
    await new Promise((resolve) => ws.on('close', resolve));
    expect(ws.protocol).toBe('v4.channel.k8s.io');
    expect(frames.map((b) => [b[0], b.subarray(1).toString()])).toEqual([
      [1, 'v4\n'],
      [
        3,
        JSON.stringify({
          metadata: {},
          status: 'Failure',
          message:
            'command terminated with non-zero exit code: error executing command [sh -c echo v4; exit 5], exit code 5',
          reason: 'NonZeroExitCode',
          details: { causes: [{ reason: 'ExitCode', message: '5' }] },
        }),
      ],
    ]);
  });

  it('reads pod and node metrics stamped with the sim clock, never above limits', async () => {
    const metrics = new Metrics(kc);
    const pods = await metrics.getPodMetrics('shop');
    expect(pods.items.length).toBeGreaterThan(8);
    const now = f.sim.now().getTime();
    for (const p of pods.items) {
      expect(Math.abs(Date.parse(p.timestamp) - now)).toBeLessThan(30_000);
    }
    const rec = pods.items.find((p) => p.metadata.name.startsWith('recommendations-'));
    const ki = Number(rec?.containers[0]?.usage.memory.replace('Ki', ''));
    expect(ki * 1024).toBeLessThan(512 * 2 ** 20);
    const nodes = await metrics.getNodeMetrics();
    expect(nodes.items.map((n) => n.metadata.name)).toEqual([
      'control-plane',
      'worker-1',
      'worker-2',
      'worker-3',
    ]);
  });

  it('an informer recovers from a closed watch and from 410 Expired', async () => {
    const core = kc.makeApiClient(CoreV1Api);
    let lists = 0;
    const informer = makeInformer(kc, '/api/v1/namespaces/shop/configmaps', () => {
      lists++;
      return core.listNamespacedConfigMap({ namespace: 'shop' });
    });
    const added: string[] = [];
    let connects = 0;
    informer.on('add', (cm) => added.push(cm.metadata?.name ?? ''));
    informer.on('connect', () => connects++);
    informer.on('error', () => {
      // The informer stops on errors; the test below would fail by timing out.
    });
    await informer.start();
    await eventually(() => added.includes('frontend-config'), 5000, 'initial list');
    const create = (name: string) =>
      core.createNamespacedConfigMap({
        namespace: 'shop',
        body: { metadata: { name }, data: { k: 'v' } },
      });

    const closed = await f.api('/sim/v1/watches/close', { method: 'POST' });
    expect(closed.json.closed).toBeGreaterThan(0);
    await eventually(() => connects >= 2, 5000, 'reconnect after close');
    await create('after-close');
    await eventually(() => added.includes('after-close'), 5000, 'event after the watch was closed');

    // 410: the cluster moves on (a change the informer does not watch), history is forgotten,
    // and the watch ends: resuming from its now too-old resourceVersion must relist.
    expect(lists).toBe(1);
    await core.createNamespace({ body: { metadata: { name: 'elsewhere' } } });
    await f.api('/sim/v1/compact', { method: 'POST' });
    await f.api('/sim/v1/watches/close', { method: 'POST' });
    await eventually(() => lists === 2, 8000, 'relist after 410');
    await create('after-compact');
    await eventually(() => added.includes('after-compact'), 8000, 'events after the relist');
    expect(informer.list('shop').map((c) => c.metadata?.name)).toEqual(
      expect.arrayContaining(['after-close', 'after-compact', 'frontend-config']),
    );
    await informer.stop();
  });

  it('a watch from a forgotten resourceVersion gets a 410 Expired ERROR event', async () => {
    const rv = Number(
      (await kc.makeApiClient(CoreV1Api).listNamespace()).metadata?.resourceVersion,
    );
    await kc.makeApiClient(CoreV1Api).createNamespace({ body: { metadata: { name: 'scratch' } } });
    await f.api('/sim/v1/compact', { method: 'POST' });
    const r = await f.api(`/api/v1/namespaces?watch=true&resourceVersion=${rv}`);
    const event = JSON.parse(r.text.trim()) as { type: string; object: Record<string, unknown> };
    expect(event).toEqual({
      type: 'ERROR',
      object: expect.objectContaining({
        kind: 'Status',
        status: 'Failure',
        reason: 'Expired',
        code: 410,
      }),
    });
  });
});
