// Every shipped scenario starts and shows its fault the way a real cluster would.
import { afterEach, describe, expect, it } from 'vitest';
import { shippedScenarios } from '../../src/sim/index.js';
import { startFixture, type SimFixture } from './helpers.js';

type Pod = {
  metadata: { name: string; deletionTimestamp?: string };
  spec: { nodeName?: string };
  status: {
    phase: string;
    conditions?: Array<{ type: string; status: string; reason?: string; message?: string }>;
    containerStatuses?: Array<{
      ready: boolean;
      restartCount: number;
      state: Record<string, { reason?: string }>;
      lastState: { terminated?: { reason: string; exitCode: number } };
    }>;
  };
};
type Event = { reason: string; type: string; message: string; involvedObject: { name: string } };

let f: SimFixture | undefined;
const START = new Date('2025-03-10T12:00:00Z');

async function start(scenario: string): Promise<SimFixture> {
  f = await startFixture({ scenario, realtime: false, clockStart: START });
  return f;
}

afterEach(async () => {
  await f?.sim.stop();
  f = undefined;
});

const pods = async (fx: SimFixture, selector: string): Promise<Pod[]> =>
  (await fx.api(`/api/v1/namespaces/shop/pods?labelSelector=${encodeURIComponent(selector)}`)).json
    .items as Pod[];
const events = async (fx: SimFixture, ns: string, selector: string): Promise<Event[]> =>
  (await fx.api(`/api/v1/namespaces/${ns}/events?fieldSelector=${encodeURIComponent(selector)}`))
    .json.items as Event[];

describe('shipped scenarios', () => {
  it('ships demo, healthy and one scenario per fault', () => {
    expect(shippedScenarios()).toEqual([
      'crashloop',
      'demo',
      'healthy',
      'imagepull',
      'node-notready',
      'oomkill',
      'pending',
      'unavailable-replicas',
    ]);
  });

  it('healthy: every pod Running and Ready, no Warning events', async () => {
    const fx = await start('healthy');
    const all = (await fx.api('/api/v1/pods')).json.items as Pod[];
    expect(all.length).toBeGreaterThan(10);
    for (const p of all) {
      expect(p.status.phase).toBe('Running');
      expect(p.status.conditions?.find((c) => c.type === 'Ready')?.status).toBe('True');
    }
    await fx.sim.advance(30 * 60_000);
    expect((await fx.api('/api/v1/events?fieldSelector=type%3DWarning')).json.items).toEqual([]);
  });

  it('crashloop: CrashLoopBackOff with the last exit in lastState and BackOff events', async () => {
    const fx = await start('crashloop');
    const [pod] = await pods(fx, 'app=worker');
    const cs = pod?.status.containerStatuses?.[0];
    expect(cs?.restartCount).toBeGreaterThan(3);
    expect(cs?.lastState.terminated).toMatchObject({ reason: 'Error', exitCode: 1 });
    expect(cs?.state.waiting?.reason).toBe('CrashLoopBackOff');
    expect((await events(fx, 'shop', 'reason=BackOff')).map((e) => e.involvedObject.name)).toEqual([
      pod?.metadata.name,
    ]);
  });

  it('oomkill: OOMKilled (137) when memory reaches the limit; metrics never above it', async () => {
    const fx = await start('oomkill');
    for (let i = 0; i < 8; i++) {
      await fx.sim.advance(30_000);
      const m = (
        await fx.api('/apis/metrics.k8s.io/v1beta1/namespaces/shop/pods?labelSelector=app%3Dworker')
      ).json.items as Array<{ containers: Array<{ usage: { memory: string } }> }>;
      for (const item of m)
        expect(Number(item.containers[0]?.usage.memory.replace('Ki', '')) * 1024).toBeLessThan(
          256 * 2 ** 20,
        );
    }
    const [pod] = await pods(fx, 'app=worker');
    expect(pod?.status.containerStatuses?.[0]?.lastState.terminated).toMatchObject({
      reason: 'OOMKilled',
      exitCode: 137,
    });
    expect(pod?.status.containerStatuses?.[0]?.restartCount).toBeGreaterThanOrEqual(1);
  });

  it('imagepull: the new pod waits in ErrImagePull/ImagePullBackOff, the old ones keep serving', async () => {
    const fx = await start('imagepull');
    const all = await pods(fx, 'app=web');
    const stuck = all.filter((p) =>
      ['ErrImagePull', 'ImagePullBackOff'].includes(
        p.status.containerStatuses?.[0]?.state.waiting?.reason ?? '',
      ),
    );
    expect(stuck).toHaveLength(1);
    expect(all.filter((p) => p.status.containerStatuses?.[0]?.ready)).toHaveLength(2);
    const failed = await events(
      fx,
      'shop',
      `involvedObject.name=${stuck[0]?.metadata.name},reason=Failed`,
    );
    expect(failed.map((e) => e.message)).toEqual(
      expect.arrayContaining([
        expect.stringContaining('Failed to pull image "ghcr.io/acme/web:3.9.0-rc1-does-not-exist"'),
        'Error: ErrImagePull',
      ]),
    );
  });

  it('pending: FailedScheduling for lack of CPU', async () => {
    const fx = await start('pending');
    const pending = (await pods(fx, 'app=api')).filter((p) => p.status.phase === 'Pending');
    expect(pending).toHaveLength(1);
    expect(pending[0]?.status.conditions).toEqual([
      expect.objectContaining({ type: 'PodScheduled', status: 'False', reason: 'Unschedulable' }),
    ]);
    const [ev] = await events(fx, 'shop', 'reason=FailedScheduling');
    expect(ev?.message).toBe(
      '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.',
    );
  });

  it('node-notready: node Unknown and tainted, its pods evicted and replaced after 5 minutes', async () => {
    const fx = await start('node-notready');
    const node = (await fx.api('/api/v1/nodes/worker-2')).json as {
      spec: { taints?: Array<{ key: string; effect: string }> };
      status: { conditions: Array<{ type: string; status: string }> };
    };
    expect(node.status.conditions.find((c) => c.type === 'Ready')?.status).toBe('Unknown');
    expect(node.spec.taints?.map((t) => `${t.key}:${t.effect}`)).toEqual([
      'node.kubernetes.io/unreachable:NoSchedule',
      'node.kubernetes.io/unreachable:NoExecute',
    ]);
    const onNode = async (): Promise<Pod[]> =>
      ((await fx.api('/api/v1/namespaces/shop/pods')).json.items as Pod[]).filter(
        (p) => p.spec.nodeName === 'worker-2',
      );
    const before = await onNode();
    expect(before.length).toBeGreaterThan(0);
    expect(
      before.every((p) => p.status.conditions?.find((c) => c.type === 'Ready')?.status === 'False'),
    ).toBe(true);
    await fx.sim.advance(5 * 60_000);
    const after = await onNode();
    expect(after.every((p) => p.metadata.deletionTimestamp)).toBe(true);
    const healthy = ((await fx.api('/api/v1/namespaces/shop/pods')).json.items as Pod[]).filter(
      (p) => !p.metadata.deletionTimestamp,
    );
    expect(healthy).toHaveLength(6);
    expect(
      healthy.every((p) => p.spec.nodeName === 'worker-1' && p.status.phase === 'Running'),
    ).toBe(true);
  });

  it('unavailable-replicas: the deployment is short of ready replicas, with Unhealthy events', async () => {
    const fx = await start('unavailable-replicas');
    const dep = (await fx.api('/apis/apps/v1/namespaces/shop/deployments/api')).json as {
      status: Record<string, unknown>;
    };
    expect(dep.status).toMatchObject({
      replicas: 3,
      readyReplicas: 1,
      availableReplicas: 1,
      unavailableReplicas: 2,
    });
    expect(
      (dep.status.conditions as Array<{ type: string; status: string }>).find(
        (c) => c.type === 'Available',
      )?.status,
    ).toBe('False');
    const unhealthy = await events(fx, 'shop', 'reason=Unhealthy');
    expect(unhealthy).toHaveLength(2);
    expect(unhealthy[0]?.message).toContain('Readiness probe failed');
  });
});

describe('pod lifecycle events', () => {
  it('a new pod is Scheduled, Pulling, Pulled, Created, Started; a deleted one Killing', async () => {
    const fx = await start('healthy');
    const body = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'one', namespace: 'shop' },
      spec: { containers: [{ name: 'app', image: 'ghcr.io/acme/new:1.0' }] },
    };
    expect((await fx.api('/api/v1/namespaces/shop/pods', { method: 'POST', body })).status).toBe(
      201,
    );
    const first = (await fx.api('/api/v1/namespaces/shop/pods/one')).json as unknown as Pod;
    expect(first.status.phase).toBe('Pending');
    await fx.sim.advance(10_000);
    const running = (await fx.api('/api/v1/namespaces/shop/pods/one')).json as unknown as Pod;
    expect(running.status.phase).toBe('Running');
    expect(
      (await fx.api('/api/v1/namespaces/shop/pods/one', { method: 'DELETE' })).json,
    ).toMatchObject({ metadata: { deletionTimestamp: expect.any(String) } });
    await fx.sim.advance(5_000);
    expect((await fx.api('/api/v1/namespaces/shop/pods/one')).status).toBe(404);
    const reasons = (await events(fx, 'shop', 'involvedObject.name=one')).map((e) => e.reason);
    expect(reasons).toEqual(['Scheduled', 'Pulling', 'Pulled', 'Created', 'Started', 'Killing']);
  });
});
