// The real kubectl 1.35 against the simulator: every command of issue 3's "Done when".
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startFixture, warnings, type SimFixture } from './helpers.js';

let f: SimFixture;

beforeAll(async () => {
  f = await startFixture({ scenario: 'demo' });
});

afterAll(async () => {
  await f?.sim.stop();
});

async function ok(...args: string[]): Promise<string> {
  const r = await f.kubectl(...args);
  expect(warnings(r.stderr), r.stderr).toEqual([]);
  expect(r.code, `kubectl ${args.join(' ')}: ${r.stderr}`).toBe(0);
  return r.stdout;
}

const lines = (out: string): string[][] =>
  out
    .trim()
    .split('\n')
    .map((l) => l.trim().split(/\s{2,}/));

describe('kubectl against the simulator', () => {
  it('get pods -A: all namespaces, healthy majority, the crash loop and the short deployment', async () => {
    const out = await ok('get', 'pods', '-A');
    const rows = lines(out);
    expect(rows[0]).toEqual(['NAMESPACE', 'NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE']);
    const body = rows.slice(1);
    expect(body.length).toBeGreaterThan(24);
    expect(new Set(body.map((r) => r[0]))).toEqual(
      new Set(['kube-system', 'monitoring', 'payments', 'shop']),
    );
    const running = body.filter((r) => r[3] === 'Running');
    expect(running.length).toBeGreaterThan(body.length * 0.8);
    const crash = body.find((r) => r[1]?.startsWith('fraud-check-'));
    expect(crash?.[2]).toBe('0/1');
    expect(crash?.[3]).toBe('CrashLoopBackOff');
    expect(crash?.[4]).toMatch(/^\d+ \(\d+m?\d*s? ago\)$/);
    expect(body.filter((r) => r[1]?.startsWith('ledger-') && r[2] === '0/1')).toHaveLength(1);
  });

  it('get deploy -n shop: ready, up-to-date, available columns', async () => {
    const rows = lines(await ok('get', 'deploy', '-n', 'shop'));
    expect(rows[0]).toEqual(['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE']);
    expect(rows.find((r) => r[0] === 'frontend')).toEqual(['frontend', '3/3', '3', '3', '6d']);
    const payments = lines(await ok('get', 'deploy', '-n', 'payments'));
    expect(payments.find((r) => r[0] === 'ledger')?.slice(0, 4)).toEqual([
      'ledger',
      '2/3',
      '3',
      '2',
    ]);
  });

  it('describe pod shows the container state and the Events', async () => {
    const out = await ok('describe', 'pod', '-n', 'payments', '-l', 'app=fraud-check');
    expect(out).toMatch(/State:\s+Waiting\n\s+Reason:\s+CrashLoopBackOff/);
    expect(out).toMatch(/Last State:\s+Terminated\n\s+Reason:\s+Error\n\s+Exit Code:\s+1/);
    expect(out).toMatch(/Events:\n\s+Type\s+Reason\s+Age\s+From\s+Message/);
    expect(out).toMatch(
      /Warning\s+BackOff\s+.*kubelet\s+.*Back-off restarting failed container fraud-check/,
    );
    expect(out).toMatch(/Normal\s+Started\s+.*\(x\d+ over/);
  });

  it('logs --tail and logs --previous (the crash reason)', async () => {
    const pod = (
      await ok(
        'get',
        'pods',
        '-n',
        'shop',
        '-l',
        'app=frontend',
        '-o',
        'jsonpath={.items[0].metadata.name}',
      )
    ).trim();
    const tail = (await ok('logs', '-n', 'shop', pod, '--tail', '3')).trim().split('\n');
    expect(tail).toHaveLength(3);
    for (const l of tail)
      expect(JSON.parse(l)).toMatchObject({ level: 'info', msg: expect.stringMatching(/^GET \//) });
    const crash = (
      await ok('get', 'pods', '-n', 'payments', '-l', 'app=fraud-check', '-o', 'name')
    ).trim();
    const previous = await ok('logs', '-n', 'payments', crash, '--previous');
    expect(previous).toContain('fraud-check 2.4.1 starting');
    expect(previous.trim().split('\n').pop()).toContain(
      'check secret payments/fraud-db-credentials',
    );
    const none = await f.kubectl('logs', '-n', 'shop', pod, '--previous');
    expect(none.code).toBe(1);
    expect(none.stderr).toContain(
      `previous terminated container "frontend" in pod "${pod}" not found`,
    );
  });

  it('top pods and top nodes read metrics.k8s.io', async () => {
    const pods = lines(await ok('top', 'pods', '-n', 'shop'));
    expect(pods[0]).toEqual(['NAME', 'CPU(cores)', 'MEMORY(bytes)']);
    const rec = pods.find((r) => r[0]?.startsWith('recommendations-'));
    expect(Number(rec?.[2]?.replace('Mi', ''))).toBeGreaterThan(300);
    expect(Number(rec?.[2]?.replace('Mi', ''))).toBeLessThan(512);
    const nodes = lines(await ok('top', 'nodes'));
    expect(nodes[0]).toEqual(['NAME', 'CPU(cores)', 'CPU(%)', 'MEMORY(bytes)', 'MEMORY(%)']);
    expect(nodes.map((r) => r[0]).slice(1)).toEqual([
      'control-plane',
      'worker-1',
      'worker-2',
      'worker-3',
    ]);
    for (const r of nodes.slice(1)) expect(r[2]).toMatch(/^\d+%$/);
  });

  it('scale deploy --replicas adds pods that go Pending/ContainerCreating then Running', async () => {
    expect(await ok('scale', 'deploy/cart', '-n', 'shop', '--replicas=4')).toBe(
      'deployment.apps/cart scaled\n',
    );
    await eventually(
      async () => {
        const rows = lines(await ok('get', 'deploy', 'cart', '-n', 'shop'));
        return rows[1]?.[1] === '4/4';
      },
      15_000,
      'cart 4/4',
    );
    const pods = lines(await ok('get', 'pods', '-n', 'shop', '-l', 'app=cart'));
    expect(pods.slice(1).map((r) => r[2])).toEqual(['Running', 'Running', 'Running', 'Running']);
    const events = await ok(
      'get',
      'events',
      '-n',
      'shop',
      '--field-selector',
      'reason=ScalingReplicaSet',
    );
    expect(events).toMatch(/Scaled up replica set cart-\w+ from 2 to 4/);
  });

  it('rollout restart replaces every pod through a new replica set', async () => {
    const before = (await ok('get', 'pods', '-n', 'shop', '-l', 'app=checkout', '-o', 'name'))
      .trim()
      .split('\n');
    expect(await ok('rollout', 'restart', 'deploy/checkout', '-n', 'shop')).toBe(
      'deployment.apps/checkout restarted\n',
    );
    // Readiness takes a few sim seconds per step of the rolling update: run the clock ahead.
    await f.sim.advance(60_000);
    const status = await ok('rollout', 'status', 'deploy/checkout', '-n', 'shop', '--timeout=20s');
    expect(status).toContain('deployment "checkout" successfully rolled out');
    const after = await eventually(
      async () => {
        const names = (await ok('get', 'pods', '-n', 'shop', '-l', 'app=checkout', '-o', 'name'))
          .trim()
          .split('\n');
        return names.length === 2 && names.every((n) => !before.includes(n)) ? names : undefined;
      },
      15_000,
      'old checkout pods gone',
    );
    expect(after).toHaveLength(2);
    const rs = lines(await ok('get', 'rs', '-n', 'shop', '-l', 'app=checkout'));
    expect(
      rs
        .slice(1)
        .map((r) => r[1])
        .sort(),
    ).toEqual(['0', '2']);
  });

  it('delete pod: it is gone and the deployment brings a new one', async () => {
    const pod = (
      await ok(
        'get',
        'pods',
        '-n',
        'shop',
        '-l',
        'app=recommendations',
        '-o',
        'jsonpath={.items[0].metadata.name}',
      )
    ).trim();
    expect(await ok('delete', 'pod', pod, '-n', 'shop')).toBe(
      `pod "${pod}" deleted from shop namespace\n`,
    );
    const replacement = await eventually(
      async () => {
        const rows = lines(await ok('get', 'pods', '-n', 'shop', '-l', 'app=recommendations'));
        const r = rows[1];
        return rows.length === 2 && r?.[0] !== pod && r?.[2] === 'Running' ? r : undefined;
      },
      15_000,
      'replacement pod Running',
    );
    expect(replacement[1]).toBe('1/1');
  });

  it('exec POD -- env prints the container environment', async () => {
    const out = await ok('exec', '-n', 'shop', 'redis-0', '--', 'env');
    expect(out).toContain('HOSTNAME=redis-0\n');
    expect(out).toContain('KUBERNETES_SERVICE_HOST=10.96.0.1\n');
    expect(out).toContain('REDIS_VERSION=');
  });

  it("exec POD -- sh -c 'exit 3' exits with code 3", async () => {
    const r = await f.kubectl('exec', '-n', 'shop', 'redis-0', '--', 'sh', '-c', 'exit 3');
    expect(r.code).toBe(3);
    expect(r.stderr).toBe('command terminated with exit code 3\n');
    const echo = await ok(
      'exec',
      '-n',
      'shop',
      'redis-0',
      '--',
      'sh',
      '-c',
      'echo hi && cat /etc/hostname',
    );
    expect(echo).toBe('hi\nredis-0\n');
  });

  it('run --image --restart=Never: the pod runs its command to completion', async () => {
    expect(
      await ok(
        'run',
        'hello',
        '--image=busybox:1.37',
        '--restart=Never',
        '--',
        'echo',
        'hello from sim',
      ),
    ).toBe('pod/hello created\n');
    const row = await eventually(
      async () => {
        const r = lines(await ok('get', 'pod', 'hello'))[1];
        return r?.[2] === 'Completed' ? r : undefined;
      },
      15_000,
      'hello Completed',
    );
    expect(row[1]).toBe('0/1');
    expect(await ok('logs', 'hello')).toBe('hello from sim\n');
  });

  it('create (protobuf bodies) and apply -f (server-side field validation) work', async () => {
    expect(
      await ok(
        'create',
        'deployment',
        'web',
        '--image=nginx:1.27',
        '--replicas=2',
        '-n',
        'default',
      ),
    ).toBe('deployment.apps/web created\n');
    expect(
      await ok('create', 'configmap', 'web-cfg', '--from-literal=mode=blue', '-n', 'default'),
    ).toBe('configmap/web-cfg created\n');
    expect(
      await ok('get', 'configmap', 'web-cfg', '-n', 'default', '-o', 'jsonpath={.data.mode}'),
    ).toBe('blue');
    const manifest = join(f.home, 'app.yaml');
    writeFileSync(
      manifest,
      [
        'apiVersion: v1',
        'kind: ConfigMap',
        'metadata:',
        '  name: applied',
        '  namespace: default',
        'data:',
        '  a: "1"',
        '',
      ].join('\n'),
    );
    expect(await ok('apply', '-f', manifest)).toBe('configmap/applied created\n');
    expect(await ok('apply', '-f', manifest)).toBe('configmap/applied unchanged\n');
  });

  it('get events --field-selector filters on involvedObject and reason', async () => {
    const pod = (
      await ok(
        'get',
        'pods',
        '-n',
        'payments',
        '-l',
        'app=ledger',
        '-o',
        'jsonpath={.items[*].metadata.name}',
      )
    )
      .trim()
      .split(' ');
    const out = await ok(
      'get',
      'events',
      '-n',
      'payments',
      '--field-selector',
      'involvedObject.kind=Pod,reason=Unhealthy',
    );
    const rows = lines(out);
    expect(rows[0]).toEqual(['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE']);
    expect(rows).toHaveLength(2);
    expect(rows[1]?.[2]).toBe('Unhealthy');
    expect(pod).toContain(rows[1]?.[3]?.replace('pod/', ''));
    const bad = await f.kubectl(
      'get',
      'events',
      '-n',
      'payments',
      '--field-selector',
      'colour=blue',
    );
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('field label not supported: colour');
  });
});
