import { beforeAll, describe, expect, it } from 'vitest';
import { useSimTestCluster } from '../../support/sim.js';
import { blocksText, opsChannel } from './support/slack-fixture.js';
import { useSlackFixture } from './support/use-slack-fixture.js';

const sim = useSimTestCluster({ scenario: 'demo' });
const slack = useSlackFixture(sim);
let fx: ReturnType<typeof slack>;
beforeAll(() => {
  fx = slack();
});

async function answers(responseUrlId: string, count = 1) {
  await fx.fake.waitFor(
    () => fx.fake.responses.filter((r) => r.id === responseUrlId).length >= count,
    `${count} answer(s) at ${responseUrlId}`,
  );
  return fx.fake.responses
    .filter((r) => r.id === responseUrlId)
    .map(
      (r) =>
        r.body as {
          response_type?: string;
          text?: string;
          blocks?: unknown[];
          replace_original?: boolean;
        },
    );
}

describe('/k8s slash command on the sim', () => {
  it('lists the pods of a namespace, visible to the channel', async () => {
    const { status, body, responseUrlId } = await fx.slash('pods -n shop', 'viewer');
    expect([status, body]).toEqual([200, '']);
    const [answer] = await answers(responseUrlId);
    expect(answer?.response_type).toBe('in_channel');
    expect(answer?.replace_original).toBe(false);
    const text = blocksText(answer?.blocks);
    const pods = sim()
      .cluster.cache.list('pods', 'shop')
      .map((p) => p.metadata?.name as string);
    expect(pods.length).toBeGreaterThan(3);
    for (const pod of pods) expect(text).toContain(pod);
    expect(text).not.toContain('fraud-check');
    // The answer also became a message in the channel (posted by the response_url).
    expect(
      fx.fake
        .messagesIn(opsChannel)
        .some((m) => m.via === 'response_url' && blocksText(m.blocks).includes(pods[0] as string)),
    ).toBe(true);
  });

  it('keeps help and errors ephemeral', async () => {
    const help = await fx.slash('help', 'viewer');
    const [helpAnswer] = await answers(help.responseUrlId);
    expect(helpAnswer?.response_type).toBe('ephemeral');
    expect(blocksText(helpAnswer?.blocks)).toContain('pods');

    const typo = await fx.slash('podz -n shop', 'viewer');
    const [typoAnswer] = await answers(typo.responseUrlId);
    expect(typoAnswer?.response_type).toBe('ephemeral');
    expect(blocksText(typoAnswer?.blocks)).toContain('`pods`');

    const missing = await fx.slash('logs no-such-pod -n shop', 'viewer');
    const [missingAnswer] = await answers(missing.responseUrlId);
    expect(missingAnswer?.response_type).toBe('ephemeral');
  });

  it('answers only the asker when the line ends with --private', async () => {
    const { responseUrlId } = await fx.slash('deployments -n shop --private', 'viewer');
    const [answer] = await answers(responseUrlId);
    expect(answer?.response_type).toBe('ephemeral');
    expect(blocksText(answer?.blocks)).toContain('frontend');
  });

  it('uploads long output as a file next to a preview', async () => {
    const uploadsBefore = fx.fake.callsTo('files.completeUploadExternal').length;
    const { responseUrlId } = await fx.slash('kubectl get pods -A -o wide', 'viewer');
    const [answer] = await answers(responseUrlId);
    const text = blocksText(answer?.blocks);
    expect(text).toMatch(/attached file `[a-z0-9-]+\.txt`/);
    await fx.fake.waitFor(
      () => fx.fake.callsTo('files.completeUploadExternal').length > uploadsBefore,
      'the upload',
    );
    const file = [...fx.fake.workspace.files.values()].at(-1);
    expect(file?.shared?.channel).toBe(opsChannel);
    const content = file?.content?.toString() ?? '';
    for (const pod of sim()
      .cluster.cache.list('pods')
      .map((p) => p.metadata?.name as string))
      expect(content).toContain(pod);
  });
});
