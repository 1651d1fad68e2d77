import { SocketModeReceiver, webApi } from '@slack/bolt';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeTokens, startFakeSlack, type FakeSlack } from './index.js';

// The fake is tested with Slack's own clients, so a bot test that passes against it means the
// SDK sent and parsed what Slack's API sends and expects.

const { WebClient } = webApi;
type WebClient = webApi.WebClient;

let fake: FakeSlack | undefined;
afterEach(async () => {
  await fake?.stop();
  fake = undefined;
});

function client(options: ConstructorParameters<typeof WebClient>[1] = {}): WebClient {
  return new WebClient(fakeTokens.bot, {
    slackApiUrl: fake!.apiUrl,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    ...options,
  });
}

describe('fake Slack Web API', () => {
  it('posts, threads, updates and lists messages with their metadata', async () => {
    fake = await startFakeSlack();
    const web = client();
    const auth = await web.auth.test();
    expect(auth).toMatchObject({ ok: true, user_id: 'U_BOT', bot_id: 'B_BOT' });
    const root = await web.chat.postMessage({
      channel: 'C1',
      text: 'root',
      metadata: { event_type: 'x', event_payload: { key: 'k1' } },
    });
    const reply = await web.chat.postMessage({ channel: 'C1', thread_ts: root.ts!, text: 'reply' });
    await web.chat.update({ channel: 'C1', ts: root.ts!, text: 'root (edited)' });
    const history = await web.conversations.history({ channel: 'C1', include_all_metadata: true });
    expect(history.messages).toHaveLength(1);
    expect(history.messages?.[0]).toMatchObject({
      ts: root.ts,
      text: 'root (edited)',
      metadata: { event_payload: { key: 'k1' } },
    });
    const plain = await web.conversations.history({ channel: 'C1' });
    expect(plain.messages?.[0]?.metadata).toBeUndefined();
    const thread = await web.conversations.replies({ channel: 'C1', ts: root.ts! });
    expect(thread.messages?.map((m) => m.ts)).toEqual([root.ts, reply.ts]);
    expect(fake.callsTo('chat.postMessage')).toHaveLength(2);
    expect(fake.calls[0]?.token).toBe(fakeTokens.bot);
  });

  it('refuses what Slack refuses: bad tokens, bad channels, blocks over the limits', async () => {
    fake = await startFakeSlack();
    await expect(
      new WebClient('xoxb-wrong', {
        slackApiUrl: fake.apiUrl,
        retryConfig: { retries: 0 },
      }).auth.test(),
    ).rejects.toMatchObject({
      data: { error: 'invalid_auth' },
    });
    fake.workspace.channelsWithoutBot.add('C_PRIVATE');
    await expect(
      client().chat.postMessage({ channel: 'C_PRIVATE', text: 'x' }),
    ).rejects.toMatchObject({ data: { error: 'not_in_channel' } });
    const tooMany = Array.from({ length: 51 }, () => ({ type: 'divider' as const }));
    await expect(
      client().chat.postMessage({ channel: 'C1', text: 'x', blocks: tooMany }),
    ).rejects.toMatchObject({ data: { error: 'invalid_blocks' } });
    const longSection = [
      { type: 'section' as const, text: { type: 'mrkdwn' as const, text: 'x'.repeat(3001) } },
    ];
    await expect(
      client().chat.postMessage({ channel: 'C1', text: 'x', blocks: longSection }),
    ).rejects.toMatchObject({ data: { error: 'invalid_blocks' } });
  });

  it('fails on demand: 429 with Retry-After, 500 after posting, and a hang past the client timeout', async () => {
    fake = await startFakeSlack();
    fake.failNext(
      'chat.postMessage',
      { kind: 'rate-limited', retryAfterSeconds: 7 },
      { kind: 'server-error', commit: true },
      { kind: 'hang', ms: 2000, commit: true },
    );
    await expect(client().chat.postMessage({ channel: 'C1', text: 'a' })).rejects.toMatchObject({
      code: 'slack_webapi_rate_limited_error',
      retryAfter: 7,
    });
    await expect(client().chat.postMessage({ channel: 'C1', text: 'b' })).rejects.toMatchObject({
      code: 'slack_webapi_http_error',
      statusCode: 500,
    });
    await expect(
      client({ timeout: 200 }).chat.postMessage({ channel: 'C1', text: 'c' }),
    ).rejects.toMatchObject({ code: 'slack_webapi_request_error' });
    expect(fake.messagesIn('C1').map((m) => m.text)).toEqual(['b', 'c']);
    expect(fake.callsTo('chat.postMessage').map((c) => c.fault)).toEqual([
      'rate-limited',
      'server-error',
      'hang',
    ]);
  });

  it('runs the three steps of files.uploadV2 and keeps the bytes', async () => {
    fake = await startFakeSlack();
    await client().filesUploadV2({
      channel_id: 'C1',
      thread_ts: '1.000001',
      file_uploads: [
        { filename: 'pods.txt', title: 'pods', content: 'NAME  READY\nweb-1 1/1\n' },
        { filename: 'chart.png', file: Buffer.from([0x89, 0x50, 0x4e, 0x47]), alt_text: 'a chart' },
      ],
    });
    const files = [...fake.workspace.files.values()];
    expect(
      files.map((f) => [f.filename, f.content?.length, f.shared?.channel, f.shared?.thread_ts]),
    ).toEqual([
      ['pods.txt', 22, 'C1', '1.000001'],
      ['chart.png', 4, 'C1', '1.000001'],
    ]);
    expect(files[0]?.content?.toString()).toBe('NAME  READY\nweb-1 1/1\n');
    expect(files[1]?.alt_text).toBe('a chart');
  });

  it('captures response_url posts: in_channel becomes a message, replace_original edits it', async () => {
    fake = await startFakeSlack();
    const url = fake.responseUrl('C1');
    await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ response_type: 'in_channel', text: 'hi' }),
    });
    const posted = fake.messagesIn('C1')[0]!;
    const buttonUrl = fake.responseUrl('C1', posted.ts);
    await fetch(buttonUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ replace_original: true, text: 'edited' }),
    });
    await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'just you' }),
    });
    expect(fake.messagesIn('C1').map((m) => [m.text, m.via, m.edited !== undefined])).toEqual([
      ['edited', 'response_url', true],
    ]);
    expect(fake.workspace.ephemerals.map((e) => e.text)).toEqual(['just you']);
    expect(fake.responses).toHaveLength(3);
  });
});

describe('fake Socket Mode', () => {
  it('hands out a WebSocket URL, says hello, delivers envelopes and records acks', async () => {
    fake = await startFakeSlack();
    const receiver = new SocketModeReceiver({
      appToken: fakeTokens.app,
      installerOptions: { clientOptions: { slackApiUrl: fake.apiUrl } },
      logLevel: 'error' as never,
    });
    const sm = receiver.client;
    sm.on('slash_commands', async ({ ack }: { ack: (payload?: unknown) => Promise<void> }) => {
      await ack({ text: 'got it' });
    });
    await sm.start();
    expect(fake.socket.connections).toBe(1);
    const ack = await fake.socket.send('slash_commands', { command: '/k8s', text: 'pods' });
    expect(ack.payload).toEqual({ text: 'got it' });
    expect(fake.callsTo('apps.connections.open')[0]?.token).toBe(fakeTokens.app);
    await sm.disconnect();
  });
});
