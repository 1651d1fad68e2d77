import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AnomalyWatch } from '../../../../src/core/monitor/anomaly/anomaly-watch.js';
import { useTempDir } from '../../../support/temp-dir.js';
import { startPipelineOnSim, type PipelineOnSim } from '../predict/pipeline-on-sim.js';

const HOUR = 3_600_000;
const STEP = 30_000;
const tempDir = useTempDir();

// The demo shop on a frozen sim clock with its scripted faults placed far ahead, so its usage
// is only daily cycles, spikes and noise until we inject a CPU step into one pod.
describe('anomaly alerts from collected usage', () => {
  let env: PipelineOnSim;
  let watch: AnomalyWatch;
  const anomalyAlerts = async () =>
    (await env.pipeline.lifecycle.alerts.list({ includeResolved: true, limit: 100 })).filter(
      (a) => a.source === 'anomaly',
    );

  /** Collects every 30 s of sim time and runs the anomaly pass every 5 minutes, like the jobs. */
  async function advance(ms: number): Promise<void> {
    for (let done = 0; done < ms; done += STEP) {
      await env.sim.sim.advance(STEP);
      await env.pipeline.collectOnce();
      if ((done / STEP) % 10 === 9) await watch.run(env.pipeline.lifecycle);
    }
  }

  beforeAll(async () => {
    const start = Date.parse('2026-11-20T00:00:00Z');
    env = await startPipelineOnSim(tempDir(), start, start + 400 * HOUR);
    watch = new AnomalyWatch();
    env.pipeline.series?.onRecord((key, t, v) => watch.observe(key, t, v));
    await advance(14 * HOUR);
  }, 240_000);

  afterAll(() => env?.stop());

  it('stays quiet over 14 healthy hours of daily cycles, spikes and noise', async () => {
    expect(watch.seriesCount).toBeGreaterThan(20);
    expect(await anomalyAlerts()).toEqual([]);
  });

  it('raises one alert for a pod whose CPU steps up, and only one while the new level lasts', async () => {
    await env.sim.fault({
      type: 'cpu-spike',
      namespace: 'shop',
      deployment: 'catalog',
      count: 1,
      cpu: '800m',
    });
    await advance(HOUR);
    const raised = await anomalyAlerts();
    // One incident: the pod, not also its node, whose sum carries the same step.
    expect(raised.map((a) => `${a.subject.kind}/${a.subject.name} ${a.reason}`)).toHaveLength(1);
    expect(raised[0]).toMatchObject({
      reason: 'AnomalousCPU',
      severity: 'warning',
      subject: { kind: 'Pod', namespace: 'shop' },
    });
    expect(raised[0]?.subject.name).toMatch(/^catalog-/);
    expect(raised[0]?.summary).toMatch(/CPU of shop\/catalog-\S+ is unusual: \d+m CPU/);

    // The shifted level becomes the pod's new normal: no second alert for the same change.
    await advance(3 * HOUR);
    expect((await anomalyAlerts()).map((a) => a.id)).toEqual([raised[0]?.id]);
  }, 240_000);
});
