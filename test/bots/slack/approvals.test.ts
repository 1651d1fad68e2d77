import { beforeAll, describe, expect, it } from 'vitest';
import { approvalActions } from '../../../src/core/messages/index.js';
import type { FakeMessage } from '../../fakes/slack/index.js';
import { useSimTestCluster, waitFor } from '../../support/sim.js';
import { blocksText, opsChannel } from './support/slack-fixture.js';
import { useSlackFixture } from './support/use-slack-fixture.js';

// A write request becomes a card with Approve/Deny; the agent checks the clicking user's role.

const sim = useSimTestCluster({ scenario: 'demo' });
const slack = useSlackFixture(sim);
let fx: ReturnType<typeof slack>;
beforeAll(() => {
  fx = slack();
});

function replicas(name: string): number | undefined {
  return sim().cluster.cache.get('deployments', 'shop', name)?.spec?.replicas;
}

async function requestCard(line: string): Promise<{ card: FakeMessage; threadTs: string }> {
  const { ts } = await fx.mention(line, 'operator');
  const card = await fx.fake.waitFor(
    () =>
      fx.fake
        .messagesIn(opsChannel)
        .find((m) => m.thread_ts === ts && blocksText(m.blocks).includes('Approve')),
    'the approval card',
  );
  return { card: structuredClone(card), threadTs: ts };
}

function ephemeralAt(responseUrlId: string) {
  return fx.fake
    .waitFor(() => fx.fake.responses.find((r) => r.id === responseUrlId), 'a private answer')
    .then((r) => r.body as { response_type?: string; blocks?: unknown[] });
}

describe('approval cards', () => {
  it('refuses a viewer and the requester, then runs the call when another operator approves', async () => {
    const before = replicas('frontend');
    const { card, threadTs } = await requestCard(
      'kubectl scale deployment/frontend -n shop --replicas=4',
    );
    expect(blocksText(card.blocks)).toContain(
      'kubectl scale deployment/frontend -n shop --replicas=4',
    );

    const viewer = await fx.click(card, approvalActions.approve, 'viewer');
    expect(viewer.status).toBe(200);
    const refusal = await ephemeralAt(viewer.responseUrlId);
    expect(refusal.response_type).toBe('ephemeral');
    expect(blocksText(refusal.blocks)).toMatch(/operator/);

    const self = await fx.click(card, approvalActions.approve, 'operator');
    const selfRefusal = await ephemeralAt(self.responseUrlId);
    expect(selfRefusal.response_type).toBe('ephemeral');
    expect(fx.fake.callsTo('chat.update')).toHaveLength(0);
    expect(replicas('frontend')).toBe(before);

    const approve = await fx.click(card, approvalActions.approve, 'operator2');
    expect(approve.status).toBe(200);
    const result = await fx.fake.waitFor(
      () =>
        fx.fake
          .messagesIn(opsChannel)
          .find(
            (m) =>
              m.thread_ts === threadTs &&
              m.ts !== card.ts &&
              blocksText(m.blocks).includes('Approved by'),
          ),
      'the result in the thread',
    );
    expect(blocksText(result.blocks)).toContain('scaled');
    const updated = fx.fake.workspace.find(opsChannel, card.ts);
    expect(updated?.edited).toBeDefined();
    const updatedText = blocksText(updated?.blocks);
    expect(updatedText).toContain('Approved by <@U_OP2>');
    expect((updated?.blocks ?? []).some((b) => (b as { type: string }).type === 'actions')).toBe(
      false,
    );
    expect(fx.fake.callsTo('chat.update').at(-1)?.params).toMatchObject({
      channel: opsChannel,
      ts: card.ts,
    });
    await waitFor(() => replicas('frontend') === 4, 10_000, 'frontend scaled to 4');
  });

  it('denies: the card says who, nothing runs, and a stale click is refused', async () => {
    const { card, threadTs } = await requestCard(
      'kubectl scale deployment/catalog -n shop --replicas=7',
    );
    await fx.click(card, approvalActions.deny, 'admin');
    await fx.fake.waitFor(
      () => fx.fake.workspace.find(opsChannel, card.ts)?.edited,
      'the card update',
    );
    expect(blocksText(fx.fake.workspace.find(opsChannel, card.ts)?.blocks)).toContain(
      'Denied by <@U_ADMIN>',
    );
    const stale = await fx.click(card, approvalActions.approve, 'operator2');
    const refusal = await ephemeralAt(stale.responseUrlId);
    expect(refusal.response_type).toBe('ephemeral');
    expect(
      fx.fake.messagesIn(opsChannel).filter((m) => m.thread_ts === threadTs && m.ts !== card.ts),
    ).toHaveLength(0);
    expect(replicas('catalog')).not.toBe(7);
  });

  it('posts the card of a slash command visibly, even with --private, and updates it through response_url when chat.update fails', async () => {
    const { responseUrlId } = await fx.slash(
      'kubectl scale deployment/catalog -n shop --replicas=3 --private',
      'operator',
    );
    const answer = await fx.fake.waitFor(
      () => fx.fake.responses.find((r) => r.id === responseUrlId),
      'the card',
    );
    expect((answer.body as { response_type?: string }).response_type).toBe('in_channel');
    const card = fx.fake
      .messagesIn(opsChannel)
      .find((m) => m.via === 'response_url' && blocksText(m.blocks).includes('--replicas=3'));
    expect(card).toBeDefined();
    fx.fake.failNext('chat.update', { kind: 'platform-error', error: 'cant_update_message' });
    const click = await fx.click(card!, approvalActions.approve, 'admin');
    await fx.fake.waitFor(
      () =>
        fx.fake.responses.find(
          (r) => r.id === click.responseUrlId && r.body.replace_original === true,
        ),
      'the card replaced',
    );
    expect(blocksText(fx.fake.workspace.find(opsChannel, card!.ts)?.blocks)).toContain(
      'Approved by <@U_ADMIN>',
    );
    await fx.fake.waitFor(
      () => fx.fake.messagesIn(opsChannel).find((m) => m.thread_ts === card!.ts),
      'the result under the card',
    );
    await waitFor(() => replicas('catalog') === 3, 10_000, 'catalog scaled to 3');
  });
});
