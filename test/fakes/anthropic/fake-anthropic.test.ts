import Anthropic from '@anthropic-ai/sdk';
import { afterEach, describe, expect, it } from 'vitest';
import { apiError, reply, startFakeAnthropic, text, toolUse, type FakeAnthropic } from './index.js';

// The fake is itself tested with the real SDK, so a test that passes against it means the SDK
// parsed exactly what the real API sends.

let fake: FakeAnthropic | undefined;
afterEach(async () => {
  await fake?.stop();
  fake = undefined;
});

const tools: Anthropic.Messages.Tool[] = [
  {
    name: 'get_pods',
    description: 'list pods',
    input_schema: { type: 'object', properties: { namespace: { type: 'string' } } },
  },
];

function client(url: string, maxRetries = 0): Anthropic {
  return new Anthropic({ apiKey: 'sk-test', baseURL: url, maxRetries });
}

describe('fake Anthropic Messages API', () => {
  it('answers JSON in the API shape and records the request', async () => {
    fake = await startFakeAnthropic({ script: [reply(text('All pods are healthy.'))] });
    const message = await client(fake.url).messages.create({
      model: 'claude-sonnet-4-5',
      max_tokens: 100,
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(message).toMatchObject({
      type: 'message',
      role: 'assistant',
      model: 'claude-sonnet-4-5',
      stop_reason: 'end_turn',
      content: [{ type: 'text', text: 'All pods are healthy.' }],
    });
    expect(message.id).toMatch(/^msg_/);
    expect(message.usage.input_tokens).toBeGreaterThan(0);
    const headers = fake.requests[0]?.headers ?? {};
    expect(headers['x-api-key'] ?? headers.authorization).toMatch(/^(Bearer )?sk-test$/);
    expect(fake.requests[0]?.headers['anthropic-version']).toBeDefined();
  });

  it('streams text and tool_use (input_json_delta) events that the SDK assembles', async () => {
    fake = await startFakeAnthropic({
      script: [
        reply(
          text('Let me look at the pods first.'),
          toolUse('get_pods', { namespace: 'shop', labelSelector: 'app=checkout' }, 'toolu_1'),
        ),
      ],
    });
    const stream = client(fake.url).messages.stream({
      model: 'm',
      max_tokens: 100,
      tools,
      messages: [{ role: 'user', content: 'why?' }],
    });
    const events: string[] = [];
    stream.on('streamEvent', (e) => events.push(e.type));
    const message = await stream.finalMessage();
    expect(message.stop_reason).toBe('tool_use');
    expect(message.content).toMatchObject([
      { type: 'text', text: 'Let me look at the pods first.' },
      {
        type: 'tool_use',
        id: 'toolu_1',
        name: 'get_pods',
        input: { namespace: 'shop', labelSelector: 'app=checkout' },
      },
    ]);
    expect(message.usage.output_tokens).toBeGreaterThan(1);
    expect(events[0]).toBe('message_start');
    expect(events).toContain('content_block_delta');
    expect(events.slice(-2)).toEqual(['message_delta', 'message_stop']);
    expect(fake.requests[0]?.body.stream).toBe(true);
  });

  it('sends error bodies the SDK turns into typed errors, and a 429 then succeeds after the SDK back-off', async () => {
    fake = await startFakeAnthropic({
      script: [apiError(429, 'rate_limit_error', 0), reply(text('ok'))],
    });
    const message = await client(fake.url, 2).messages.create({
      model: 'm',
      max_tokens: 10,
      messages: [{ role: 'user', content: 'x' }],
    });
    expect(message.content[0]).toMatchObject({ text: 'ok' });
    expect(fake.requests).toHaveLength(2);

    await fake.stop();
    fake = await startFakeAnthropic({
      script: [apiError(529, 'overloaded_error'), apiError(500, 'api_error')],
    });
    const c = client(fake.url);
    const overloaded = await c.messages
      .create({ model: 'm', max_tokens: 10, messages: [{ role: 'user', content: 'x' }] })
      .catch((e: unknown) => e);
    expect(overloaded).toBeInstanceOf(Anthropic.APIError);
    expect(overloaded).toMatchObject({ status: 529, type: 'overloaded_error' });
    const internal = await c.messages
      .create({ model: 'm', max_tokens: 10, messages: [{ role: 'user', content: 'x' }] })
      .catch((e: unknown) => e);
    expect(internal).toBeInstanceOf(Anthropic.InternalServerError);
  });

  it('refuses what the real API refuses: a tool_use without its tool_result', async () => {
    fake = await startFakeAnthropic({ script: [reply(text('never'))] });
    const error = await client(fake.url)
      .messages.create({
        model: 'm',
        max_tokens: 10,
        tools,
        messages: [
          { role: 'user', content: 'x' },
          {
            role: 'assistant',
            content: [{ type: 'tool_use', id: 'toolu_9', name: 'get_pods', input: {} }],
          },
          { role: 'user', content: 'next' },
        ],
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Anthropic.BadRequestError);
    expect((error as Error).message).toMatch(/tool_result/);
    expect(fake.remaining()).toBe(1);
  });

  it('accounts the cached prefix: written on the first request, read on the next', async () => {
    fake = await startFakeAnthropic({
      script: [reply(text('a')), reply(text('b'))],
      minCacheTokens: 10,
    });
    const c = client(fake.url);
    const params: Anthropic.Messages.MessageCreateParamsNonStreaming = {
      model: 'm',
      max_tokens: 10,
      system: [
        {
          type: 'text',
          text: 'You are an SRE assistant. '.repeat(20),
          cache_control: { type: 'ephemeral' },
        },
      ],
      messages: [{ role: 'user', content: 'x' }],
    };
    const first = await c.messages.create(params);
    const second = await c.messages.create(params);
    expect(first.usage.cache_creation_input_tokens).toBeGreaterThan(0);
    expect(first.usage.cache_read_input_tokens).toBe(0);
    expect(second.usage.cache_read_input_tokens).toBe(first.usage.cache_creation_input_tokens);
  });

  it('fails a stream midway with an error event, as the API does when overloaded', async () => {
    fake = await startFakeAnthropic({
      script: [{ kind: 'stream_error', type: 'overloaded_error' }],
    });
    const error = await client(fake.url)
      .messages.stream({ model: 'm', max_tokens: 10, messages: [{ role: 'user', content: 'x' }] })
      .finalMessage()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Anthropic.APIError);
    expect(error).toMatchObject({ status: undefined, type: 'overloaded_error' });
  });
});
