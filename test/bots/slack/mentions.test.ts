import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  lastToolResults,
  reply,
  startFakeAnthropic,
  text,
  toolUse,
  type FakeAnthropic,
} from '../../fakes/anthropic/index.js';
import { eventRequest, sendSignedRequest } from '../../fakes/slack/index.js';
import { useSimTestCluster } from '../../support/sim.js';
import { blocksText, opsChannel } from './support/slack-fixture.js';
import { useSlackFixture } from './support/use-slack-fixture.js';

// A mention asks Claude (the fake Messages API) a question; the agent calls the registry's tools
// on the sim and the answer is posted in the mention's thread, which is the conversation.

let anthropic: FakeAnthropic;
beforeAll(async () => {
  anthropic = await startFakeAnthropic();
});
afterAll(async () => {
  await anthropic?.stop();
});

const sim = useSimTestCluster({ scenario: 'demo' });
const slack = useSlackFixture(sim, () => ({ anthropicUrl: anthropic.url }));
let fx: ReturnType<typeof slack>;
beforeAll(() => {
  fx = slack();
});

/** Every user text the Messages API saw in one request. */
function userTexts(index: number): string {
  const body = anthropic.requests[index]?.body;
  return JSON.stringify(body?.messages ?? []);
}

describe('mentions and direct messages', () => {
  it('answers a question in the mention’s thread, with the tool results Claude used', async () => {
    anthropic.enqueue(
      reply(
        text('Let me look at the payments pods.'),
        toolUse('get_pods', { namespace: 'payments' }),
      ),
      (req) => {
        const pods = lastToolResults(req.body)[0]?.text ?? '';
        const crashing = /fraud-check-[a-z0-9-]+/.exec(pods)?.[0] ?? 'nothing';
        return reply(text(`The crashing pod is ${crashing}: it is in CrashLoopBackOff.`));
      },
    );
    const { status, ts } = await fx.mention('why is fraud-check crashing?', 'viewer');
    expect(status).toBe(200);
    const answer = await fx.fake.waitFor(
      () =>
        fx.fake
          .messagesIn(opsChannel)
          .find((m) => m.thread_ts === ts && blocksText(m.blocks).includes('crashing pod')),
      'the threaded answer',
    );
    expect(blocksText(answer.blocks)).toMatch(
      /The crashing pod is fraud-check-[a-z0-9-]+: it is in CrashLoopBackOff/,
    );
    expect(userTexts(0)).toContain('why is fraud-check crashing?');
    expect(userTexts(0)).not.toContain('U_BOT');
  });

  it('keeps the thread’s context for a follow-up question', async () => {
    anthropic.enqueue(
      reply(text('The first answer: catalog is healthy.')),
      reply(text('Yes, the same catalog pods as before.')),
    );
    const first = await fx.mention('is catalog healthy?', 'viewer');
    await fx.fake.waitFor(
      () => fx.fake.messagesIn(opsChannel).find((m) => m.thread_ts === first.ts),
      'the first answer',
    );
    const before = anthropic.requests.length;
    await fx.mention('and still the same pods?', 'viewer', { threadTs: first.ts });
    const second = await fx.fake.waitFor(
      () =>
        fx.fake
          .messagesIn(opsChannel)
          .find(
            (m) => m.thread_ts === first.ts && blocksText(m.blocks).includes('same catalog pods'),
          ),
      'the follow-up answer in the same thread',
    );
    expect(second.thread_ts).toBe(first.ts);
    const followUp = userTexts(before);
    expect(followUp).toContain('is catalog healthy?');
    expect(followUp).toContain('The first answer: catalog is healthy.');
    expect(followUp).toContain('and still the same pods?');
  });

  it('answers a direct message without a mention, and ignores its own messages', async () => {
    const dm = 'D_VERA';
    const request = eventRequest({
      type: 'message',
      text: 'pods -n shop',
      userId: 'U_VIEWER',
      channelId: dm,
      channelType: 'im',
    });
    expect((await sendSignedRequest(fx.eventsUrl, request)).status).toBe(200);
    const answer = await fx.fake.waitFor(() => fx.fake.messagesIn(dm)[0], 'the DM answer');
    expect(answer.thread_ts).toBeUndefined();
    expect(blocksText(answer.blocks)).toContain('frontend');
    const own = eventRequest({
      type: 'message',
      text: 'pods',
      userId: 'U_BOT',
      channelId: dm,
      channelType: 'im',
    });
    expect((await sendSignedRequest(fx.eventsUrl, own)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(fx.fake.messagesIn(dm)).toHaveLength(1);
  });

  it('handles an event Slack delivers twice only once', async () => {
    const request = eventRequest({
      text: '<@U_BOT> whoami',
      userId: 'U_VIEWER',
      channelId: 'C_DUP',
    });
    const retry = { headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } };
    expect((await sendSignedRequest(fx.eventsUrl, request)).status).toBe(200);
    expect((await sendSignedRequest(fx.eventsUrl, request, retry)).status).toBe(200);
    await fx.fake.waitFor(() => fx.fake.messagesIn('C_DUP')[0], 'the answer');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(fx.fake.messagesIn('C_DUP')).toHaveLength(1);
  });
});
