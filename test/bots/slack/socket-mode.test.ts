import { beforeAll, describe, expect, it } from 'vitest';
import { approvalActions } from '../../../src/core/messages/index.js';
import { blockActionsBody, eventCallbackBody, slashCommandBody } from '../../fakes/slack/index.js';
import { useSimTestCluster, waitFor } from '../../support/sim.js';
import { blocksText, opsChannel } from './support/slack-fixture.js';
import { useSlackFixture } from './support/use-slack-fixture.js';

// Socket Mode (SLACK_APP_TOKEN set): no public endpoint; Slack's envelopes arrive over the
// WebSocket from apps.connections.open and every one is acknowledged on it.

const sim = useSimTestCluster({ scenario: 'demo' });
const slack = useSlackFixture(sim, { mode: 'socket' });
let fx: ReturnType<typeof slack>;
beforeAll(() => {
  fx = slack();
});

describe('Socket Mode', () => {
  it('connects with the app-level token and has no HTTP route', () => {
    expect(fx.bot.mode).toBe('socket');
    expect(fx.bot.router).toBeUndefined();
    expect(fx.fake.socket.connections).toBe(1);
    expect(fx.fake.callsTo('apps.connections.open')[0]?.token).toBe('xapp-fake-app-token');
    expect(fx.fake.callsTo('auth.test')[0]?.token).toBe('xoxb-fake-bot-token');
  });

  it('acknowledges a slash command envelope at once and answers at the response_url', async () => {
    const responseUrl = fx.fake.responseUrl(opsChannel);
    const ack = await fx.fake.socket.send(
      'slash_commands',
      slashCommandBody({
        text: 'pods -n payments',
        userId: 'U_VIEWER',
        channelId: opsChannel,
        responseUrl,
      }),
    );
    expect(ack.payload).toEqual({});
    const id = responseUrl.split('/').pop();
    const answer = await fx.fake.waitFor(
      () => fx.fake.responses.find((r) => r.id === id),
      'the answer',
    );
    expect(blocksText((answer.body as { blocks?: unknown[] }).blocks)).toContain('fraud-check');
  });

  it('acknowledges a mention event and answers in its thread', async () => {
    const body = eventCallbackBody({
      text: '<@U_BOT> deployments -n shop',
      userId: 'U_VIEWER',
      channelId: opsChannel,
      ts: '1700000000.000100',
    });
    // `send` resolves only when the app acknowledges this envelope, within Slack's 3 s.
    await fx.fake.socket.send('events_api', body);
    const answer = await fx.fake.waitFor(
      () => fx.fake.messagesIn(opsChannel).find((m) => m.thread_ts === '1700000000.000100'),
      'the threaded answer',
    );
    expect(blocksText(answer.blocks)).toContain('frontend');
  });

  it('runs an approval click that arrives as an interactive envelope', async () => {
    await fx.fake.socket.send(
      'events_api',
      eventCallbackBody({
        text: '<@U_BOT> kubectl scale deployment/catalog -n shop --replicas=5',
        userId: 'U_OP',
        channelId: opsChannel,
        ts: '1700000000.000200',
      }),
    );
    const card = await fx.fake.waitFor(
      () =>
        fx.fake
          .messagesIn(opsChannel)
          .find(
            (m) => m.thread_ts === '1700000000.000200' && blocksText(m.blocks).includes('Approve'),
          ),
      'the card',
    );
    const approveButton = JSON.stringify(card.blocks).match(
      /"value":"(apr_[A-Za-z0-9_-]+)"/,
    )?.[1] as string;
    // Resolves only once the app acknowledges the click's envelope, within Slack's 3 s.
    await fx.fake.socket.send(
      'interactive',
      blockActionsBody({
        actionId: approvalActions.approve,
        value: approveButton,
        userId: 'U_ADMIN',
        channelId: opsChannel,
        message: {
          ts: card.ts,
          thread_ts: card.thread_ts as string,
          blocks: card.blocks as unknown[],
        },
        responseUrl: fx.fake.responseUrl(opsChannel, card.ts),
      }),
    );
    await waitFor(
      () => sim().cluster.cache.get('deployments', 'shop', 'catalog')?.spec?.replicas === 5,
      10_000,
      'catalog scaled to 5',
    );
    await fx.fake.waitFor(
      () => fx.fake.workspace.find(opsChannel, card.ts)?.edited,
      'the card update',
    );
  });

  it('survives a malformed frame and keeps handling envelopes', async () => {
    fx.fake.socket.sendRaw('{not json');
    fx.fake.socket.sendRaw(JSON.stringify({ type: 'mystery', envelope_id: 'e-1', payload: {} }));
    const responseUrl = fx.fake.responseUrl(opsChannel);
    const ack = await fx.fake.socket.send(
      'slash_commands',
      slashCommandBody({ text: 'whoami', userId: 'U_VIEWER', channelId: opsChannel, responseUrl }),
    );
    expect(ack.payload).toEqual({});
  });
});
