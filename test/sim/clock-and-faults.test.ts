// The sim clock and the control API: deterministic, exact memory growth and OOM, 24 h of
// history in one advance, faults injected and cleared at run time.
import { afterEach, describe, expect, it } from 'vitest';
import { startFixture, type SimFixture } from './helpers.js';

const HOUR = 3_600_000;
const MI = 2 ** 20;
type PodMetrics = {
  metadata: { name: string };
  timestamp: string;
  containers: Array<{ name: string; usage: { cpu: string; memory: string } }>;
};
type Pod = {
  metadata: { name: string; uid: string };
  status: {
    containerStatuses?: Array<{
      restartCount: number;
      state: Record<string, unknown>;
      lastState: { terminated?: { reason: string; exitCode: number; finishedAt: string } };
    }>;
  };
};

const fixtures: SimFixture[] = [];
async function start(opts: Parameters<typeof startFixture>[0]): Promise<SimFixture> {
  const fx = await startFixture({ realtime: false, ...opts });
  fixtures.push(fx);
  return fx;
}

afterEach(async () => {
  while (fixtures.length) await fixtures.pop()?.sim.stop();
});

async function recommendations(fx: SimFixture): Promise<{ pod: Pod; memory?: number }> {
  const pod = (
    (await fx.api('/api/v1/namespaces/shop/pods?labelSelector=app%3Drecommendations')).json
      .items as Pod[]
  )[0] as Pod;
  const m = await fx.api(`/apis/metrics.k8s.io/v1beta1/namespaces/shop/pods/${pod.metadata.name}`);
  const mem =
    m.status === 200
      ? Number((m.json as unknown as PodMetrics).containers[0]?.usage.memory.replace('Ki', '')) *
        1024
      : undefined;
  return { pod, memory: mem };
}

describe('demo memory leak', () => {
  it('grows linearly and is OOM-killed exactly when the trend reaches 512Mi; a linear fit predicts it', async () => {
    const t0 = new Date('2025-06-02T08:00:00Z');
    const fx = await start({ scenario: 'demo', clockStart: t0 });
    const expectedOom = t0.getTime() - 3 * HOUR + ((512 - 210) / 56) * HOUR;
    const samples: Array<[number, number]> = [];
    for (let t = 0; t < 2 * HOUR; t += 10 * 60_000) {
      const { memory } = await recommendations(fx);
      expect(memory).toBeLessThan(512 * MI);
      samples.push([fx.sim.now().getTime(), memory ?? 0]);
      await fx.sim.advance(10 * 60_000);
    }
    // Least squares over two hours of samples, as a forecaster would.
    const n = samples.length;
    const mx = samples.reduce((s, [x]) => s + x, 0) / n;
    const my = samples.reduce((s, [, y]) => s + y, 0) / n;
    const slope =
      samples.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0) /
      samples.reduce((s, [x]) => s + (x - mx) ** 2, 0);
    const predicted = mx + (512 * MI - my) / slope;
    const now = fx.sim.now().getTime();
    expect(Math.abs(predicted - expectedOom) / (expectedOom - now)).toBeLessThan(0.2);

    await fx.sim.advance(expectedOom - now + 5 * 60_000);
    const { pod } = await recommendations(fx);
    const cs = pod.status.containerStatuses?.[0];
    expect(cs?.lastState.terminated).toMatchObject({ reason: 'OOMKilled', exitCode: 137 });
    expect(Date.parse(cs?.lastState.terminated?.finishedAt ?? '')).toBe(
      Math.floor(expectedOom / 1000) * 1000,
    );
    expect(cs?.restartCount).toBe(1);
    expect(cs?.state.running).toBeDefined();
  });

  it('faultsStartAt places faults and the leak after a warm-up: 24 h advance ends at the present', async () => {
    const now = new Date('2025-06-02T08:00:00Z');
    const fx = await start({
      scenario: 'demo',
      clockStart: new Date(now.getTime() - 24 * HOUR),
      faultsStartAt: now,
    });
    const crashing = async (): Promise<number> =>
      (
        (await fx.api('/api/v1/namespaces/payments/pods?labelSelector=app%3Dfraud-check')).json
          .items as Pod[]
      )[0]?.status.containerStatuses?.[0]?.restartCount ?? -1;
    expect(await crashing()).toBe(0);
    await fx.sim.advance(24 * HOUR);
    expect(fx.sim.now().toISOString()).toBe(now.toISOString());
    expect(await crashing()).toBeGreaterThan(3);
    const { memory } = await recommendations(fx);
    expect(memory).toBeGreaterThan((210 + 56 * 2.9) * MI);
    // Events expire after an hour, as in a real cluster.
    const evs = (await fx.api('/api/v1/events')).json.items as Array<{ lastTimestamp: string }>;
    expect(
      evs.every((e) => Date.parse(e.lastTimestamp) >= now.getTime() - HOUR - 10 * 60_000),
    ).toBe(true);
  });

  it('is deterministic: same scenario and start give the same names, uids and metrics', async () => {
    const clockStart = new Date('2025-06-02T08:00:00Z');
    const a = await start({ scenario: 'demo', clockStart });
    const b = await start({ scenario: 'demo', clockStart });
    const view = async (fx: SimFixture): Promise<unknown> => {
      const pods = (await fx.api('/api/v1/pods')).json.items as Pod[];
      const metrics = (await fx.api('/apis/metrics.k8s.io/v1beta1/pods')).json
        .items as PodMetrics[];
      return {
        pods: pods.map((p) => [p.metadata.name, p.metadata.uid]),
        metrics: metrics.map((m) => [m.metadata.name, m.timestamp, m.containers]),
      };
    };
    expect(await view(a)).toEqual(await view(b));
  });
});

describe('control API', () => {
  it('reads and advances the clock; refuses to go back', async () => {
    const fx = await start({ scenario: 'healthy', clockStart: new Date('2025-01-01T00:00:00Z') });
    expect((await fx.api('/sim/v1/clock')).json).toMatchObject({
      now: '2025-01-01T00:00:00.000Z',
      realtime: false,
      scenario: 'healthy',
    });
    expect(
      (await fx.api('/sim/v1/clock', { method: 'POST', body: { advance: '90m' } })).json.now,
    ).toBe('2025-01-01T01:30:00.000Z');
    expect(
      (await fx.api('/sim/v1/clock', { method: 'POST', body: { advance: 30 } })).json.now,
    ).toBe('2025-01-01T01:30:30.000Z');
    expect(
      (await fx.api('/sim/v1/clock', { method: 'POST', body: { set: '2025-01-02T00:00:00Z' } }))
        .json.now,
    ).toBe('2025-01-02T00:00:00.000Z');
    const back = await fx.api('/sim/v1/clock', {
      method: 'POST',
      body: { set: '2025-01-01T00:00:00Z' },
    });
    expect(back.status).toBe(400);
    expect(back.json.message).toContain('only moves forward');
    const junk = await fx.api('/sim/v1/clock', { method: 'POST', body: { advance: 'soon' } });
    expect(junk.status).toBe(400);
    expect(junk.json.message).toContain('invalid duration "soon"');
  });

  it('injects a crash loop over HTTP, lists it, and clearing it lets the pod recover', async () => {
    const fx = await start({ scenario: 'healthy' });
    const bad = await fx.api('/sim/v1/faults', {
      method: 'POST',
      body: { type: 'crashloop', namespace: 'shop' },
    });
    expect(bad.status).toBe(400);
    expect(bad.json.message).toContain('crashloop needs a target');
    const missing = await fx.api('/sim/v1/faults', {
      method: 'POST',
      body: { type: 'crashloop', namespace: 'shop', deployment: 'nope' },
    });
    expect(missing.json.message).toContain('deployments "shop/nope" not found');
    const created = await fx.api('/sim/v1/faults', {
      method: 'POST',
      body: {
        type: 'crashloop',
        namespace: 'shop',
        deployment: 'worker',
        runFor: '5s',
        exitCode: 2,
      },
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ id: 'f-1', state: 'active' });
    expect((await fx.api('/sim/v1/faults')).json.items).toEqual([
      expect.objectContaining({ id: 'f-1', state: 'active' }),
    ]);
    await fx.sim.advance(3 * 60_000);
    const worker = async (): Promise<Pod> =>
      (
        (await fx.api('/api/v1/namespaces/shop/pods?labelSelector=app%3Dworker')).json
          .items as Pod[]
      )[0] as Pod;
    const crashed = (await worker()).status.containerStatuses?.[0];
    expect(crashed?.lastState.terminated).toMatchObject({ reason: 'Error', exitCode: 2 });
    expect((await fx.api('/sim/v1/faults/f-1', { method: 'DELETE' })).json.state).toBe('cleared');
    expect((await fx.api('/sim/v1/faults/f-1', { method: 'DELETE' })).status).toBe(404);
    await fx.sim.advance(10 * 60_000);
    const recovered = (await worker()).status.containerStatuses?.[0];
    expect(recovered?.state.running).toBeDefined();
    const restarts = recovered?.restartCount;
    await fx.sim.advance(10 * 60_000);
    expect((await worker()).status.containerStatuses?.[0]?.restartCount).toBe(restarts);
  });

  it('injectFault/clearFault on the handle: a node goes NotReady and comes back', async () => {
    const fx = await start({ scenario: 'healthy' });
    const id = fx.sim.injectFault({ type: 'node-notready', node: 'worker-1' });
    const ready = async (): Promise<string | undefined> =>
      (
        (await fx.api('/api/v1/nodes/worker-1')).json as {
          status: { conditions: Array<{ type: string; status: string }> };
        }
      ).status.conditions.find((c) => c.type === 'Ready')?.status;
    expect(await ready()).toBe('Unknown');
    fx.sim.clearFault(id);
    expect(await ready()).toBe('True');
    expect(() => fx.sim.clearFault(id)).toThrow(/already cleared/);
    expect(() => fx.sim.injectFault({ type: 'node-notready', node: 'nope' })).toThrow(
      /node "nope" not found/,
    );
  });
});
