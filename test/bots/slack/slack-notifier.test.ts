import { afterEach, describe, expect, it } from 'vitest';
import { SlackNotifier } from '../../../src/bots/slack/alerts/slack-notifier.js';
import { createNotifierClient } from '../../../src/bots/slack/clients.js';
import { NotifierError, type OutboundNotification } from '../../../src/core/alerts/notifier.js';
import { createLogger } from '../../../src/core/log/logger.js';
import { fakeTokens, startFakeSlack, type FakeSlack } from '../../fakes/slack/index.js';
import { fixtureAlert } from './support/render-fixtures.js';

// The notifier alone against the fake Web API (the pipeline test drives it through the outbox).

let fake: FakeSlack | undefined;
afterEach(async () => {
  await fake?.stop();
  fake = undefined;
});

const logger = createLogger({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });

function notifier(
  timeoutMs = 1000,
  chartFor?: ConstructorParameters<typeof SlackNotifier>[0]['chartFor'],
): SlackNotifier {
  const client = createNotifierClient(
    { mode: 'http', botToken: fakeTokens.bot, command: '/k8s', apiUrl: fake!.apiUrl },
    logger,
    timeoutMs,
  );
  return new SlackNotifier({ client, logger, ...(chartFor ? { chartFor } : {}) });
}

function notification(overrides: Partial<OutboundNotification> = {}): OutboundNotification {
  return {
    key: 'alert-12:1:slack:C1',
    kind: 'new',
    alert: fixtureAlert(),
    channel: { platform: 'slack', channel: 'C1' },
    ...overrides,
  };
}

describe('SlackNotifier', () => {
  it('attaches the chart of a new incident in its thread', async () => {
    fake = await startFakeSlack();
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
    const n = notifier(1000, async () => ({
      png,
      alt: 'memory of shop/cart',
      filename: 'cart.png',
    }));
    const { messageId } = await n.deliver(notification());
    const file = [...fake.workspace.files.values()].at(-1);
    expect(file).toMatchObject({ filename: 'cart.png', alt_text: 'memory of shop/cart' });
    expect(file?.shared).toMatchObject({ channel: 'C1', thread_ts: messageId });
    expect(fake.messagesIn('C1')).toHaveLength(1);
  });

  it('still delivers the alert when its chart cannot be drawn', async () => {
    fake = await startFakeSlack();
    const n = notifier(1000, () => Promise.reject(new Error('no series yet')));
    const { messageId } = await n.deliver(notification());
    expect(messageId).toBe(fake.messagesIn('C1')[0]?.ts);
    expect(fake.workspace.files.size).toBe(0);
  });

  it('waits for a call the outbox gave up on, then finds its message instead of posting again', async () => {
    fake = await startFakeSlack();
    fake.failNext('chat.postMessage', { kind: 'hang', ms: 500, commit: true });
    const n = notifier(2000);
    const abandoned = n.deliver(notification());
    await new Promise((resolve) => setTimeout(resolve, 100));
    const retry = n.deliver(notification());
    const error = await abandoned.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotifierError);
    expect((error as NotifierError).retryable).toBe(true);
    const { messageId } = await retry;
    expect(fake.messagesIn('C1')).toHaveLength(1);
    expect(messageId).toBe(fake.messagesIn('C1')[0]?.ts);
    expect(fake.callsTo('conversations.history')).toHaveLength(1);
  });

  it('turns 429 into Retry-After, without a history search on the next attempt', async () => {
    fake = await startFakeSlack();
    fake.failNext('chat.postMessage', { kind: 'rate-limited', retryAfterSeconds: 2 });
    const n = notifier();
    const error = (await n.deliver(notification()).catch((e: unknown) => e)) as NotifierError;
    expect(error).toMatchObject({ retryable: true, retryAfterMs: 2000 });
    await n.deliver(notification());
    expect(fake.callsTo('conversations.history')).toHaveLength(0);
    expect(fake.messagesIn('C1')).toHaveLength(1);
  });

  it('gives up at once on errors retrying cannot fix, saying what to change', async () => {
    fake = await startFakeSlack();
    fake.failNext(
      'chat.postMessage',
      { kind: 'platform-error', error: 'invalid_auth' },
      { kind: 'platform-error', error: 'channel_not_found' },
    );
    const n = notifier();
    const auth = (await n.deliver(notification()).catch((e: unknown) => e)) as NotifierError;
    expect(auth.retryable).toBe(false);
    expect(auth.message).toContain('SLACK_BOT_TOKEN');
    const channel = (await n.deliver(notification()).catch((e: unknown) => e)) as NotifierError;
    expect(channel.message).toContain('channel ID');
  });

  it('returns the stored id when asked to deliver a key it already posted', async () => {
    fake = await startFakeSlack();
    const n = notifier();
    const first = await n.deliver(notification());
    const again = await n.deliver(notification());
    expect(again).toEqual(first);
    expect(fake.callsTo('chat.postMessage')).toHaveLength(1);
  });

  it('posts an update top level when the incident has no first message, and resolves by editing it', async () => {
    fake = await startFakeSlack();
    const n = notifier();
    const orphan = await n.deliver(
      notification({ key: 'k-orphan', kind: 'update', change: 'severity warning -> critical' }),
    );
    expect(fake.workspace.find('C1', orphan.messageId)?.thread_ts).toBeUndefined();
    const root = await n.deliver(notification({ key: 'k-new' }));
    const resolved = fixtureAlert({ state: 'resolved', resolvedAt: Date.now() });
    await n.deliver(
      notification({
        key: 'k-resolved',
        kind: 'resolved',
        alert: resolved,
        previousMessageId: root.messageId,
      }),
    );
    const edited = fake.workspace.find('C1', root.messageId);
    expect(edited?.edited).toBeDefined();
    expect(JSON.stringify(edited?.blocks)).toContain('Resolved: CrashLoopBackOff');
    expect(
      fake.workspace.thread('C1', root.messageId).map((m) => m.metadata?.event_payload.key),
    ).toEqual(['k-new', 'k-resolved']);
  });
});
