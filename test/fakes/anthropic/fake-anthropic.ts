import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type {
  MessagesRequestBody,
  RecordedRequest,
  ScriptEntry,
  ScriptedMessage,
  ScriptedReply,
} from './script.js';
import { estimateTokens, messageEvents, outputTokens, sseEvent, type WireMessage } from './sse.js';
import { validateRequest } from './validate-request.js';

export interface FakeAnthropicOptions {
  script?: ScriptEntry[];
  /** The API caches a prefix only from this many tokens on (1,024 for Sonnet models). */
  minCacheTokens?: number;
}

export interface FakeAnthropic {
  /** Give this to the SDK as `baseURL`. */
  url: string;
  requests: RecordedRequest[];
  /** Appends replies to the script. */
  enqueue(...entries: ScriptEntry[]): void;
  /** Replies not yet used. */
  remaining(): number;
  stop(): Promise<void>;
}

const errorMessages: Record<string, string> = {
  rate_limit_error: 'Number of request tokens has exceeded your per-minute rate limit',
  overloaded_error: 'Overloaded',
  api_error: 'Internal server error',
  authentication_error: 'invalid x-api-key',
  invalid_request_error: 'Invalid request',
};

/**
 * A local HTTP fake of the Anthropic Messages API that plays a script. It answers JSON or SSE
 * (as the request's `stream` asks) in the exact shapes the API sends, errors with the API's error
 * body, and accounts prompt caching, so the real SDK runs against it unchanged via `baseURL`.
 */
export async function startFakeAnthropic(
  options: FakeAnthropicOptions = {},
): Promise<FakeAnthropic> {
  const script: ScriptEntry[] = [...(options.script ?? [])];
  const requests: RecordedRequest[] = [];
  const cachedPrefixes = new Set<string>();
  const minCache = options.minCacheTokens ?? 1024;
  let next = 0;

  const server: Server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendError(res, 500, 'api_error', (error as Error).message);
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '').split('?')[0];
    if (req.method !== 'POST' || path !== '/v1/messages') {
      sendError(res, 404, 'not_found_error' as never, `Not found: ${req.method} ${path}`);
      return;
    }
    if (!req.headers['x-api-key'] && !req.headers.authorization) {
      sendError(res, 401, 'authentication_error', 'x-api-key header is required');
      return;
    }
    if (!req.headers['anthropic-version']) {
      sendError(res, 400, 'invalid_request_error', 'anthropic-version: header is required');
      return;
    }
    const raw = await readBody(req);
    let body: MessagesRequestBody;
    try {
      body = JSON.parse(raw) as MessagesRequestBody;
    } catch {
      sendError(
        res,
        400,
        'invalid_request_error',
        'There was an issue with your request body: invalid JSON',
      );
      return;
    }
    const problem = validateRequest(body);
    if (problem) {
      sendError(res, 400, 'invalid_request_error', problem);
      return;
    }
    const index = next;
    const recorded: RecordedRequest = { headers: req.headers, body, index };
    requests.push(recorded);
    const entry = script[index];
    if (entry === undefined) {
      sendError(
        res,
        500,
        'api_error',
        `fake-anthropic: no scripted reply for request #${index + 1}`,
      );
      return;
    }
    next++;
    const replyValue: ScriptedReply = typeof entry === 'function' ? entry(recorded) : entry;
    await play(replyValue, body, res);
  }

  async function play(
    r: ScriptedReply,
    body: MessagesRequestBody,
    res: ServerResponse,
  ): Promise<void> {
    switch (r.kind) {
      case 'error': {
        const headers: Record<string, string> = {};
        if (r.retryAfterSeconds !== undefined) headers['retry-after'] = String(r.retryAfterSeconds);
        sendError(res, r.status, r.type, r.message ?? errorMessages[r.type] ?? 'Error', headers);
        return;
      }
      case 'hang':
        await new Promise((resolve) => setTimeout(resolve, r.ms));
        if (!res.destroyed) sendError(res, 504, 'api_error', 'fake-anthropic: hang ended');
        return;
      case 'stream_error': {
        res.writeHead(200, sseHeaders());
        const message = toWire({ kind: 'message', content: [] }, body, cachedPrefixes, minCache);
        res.write(messageEvents(message)[0]);
        res.write(
          sseEvent('error', {
            type: 'error',
            error: { type: r.type, message: r.message ?? errorMessages[r.type] },
          }),
        );
        res.end();
        return;
      }
      case 'message': {
        const message = toWire(r, body, cachedPrefixes, minCache);
        if (body.stream) {
          res.writeHead(200, sseHeaders());
          for (const event of messageEvents(message)) res.write(event);
          res.end();
        } else {
          const json = JSON.stringify(message);
          res.writeHead(200, {
            ...baseHeaders(),
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(json),
          });
          res.end(json);
        }
      }
    }
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    enqueue: (...entries) => script.push(...entries),
    remaining: () => script.length - next,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function toWire(
  r: ScriptedMessage,
  body: MessagesRequestBody,
  cached: Set<string>,
  minCache: number,
): WireMessage {
  const content = r.content.map((b) =>
    b.type === 'text'
      ? b
      : {
          type: 'tool_use' as const,
          id: b.id ?? `toolu_01${randomBytes(11).toString('hex')}`,
          name: b.name,
          input: b.input,
        },
  );
  const stop =
    r.stopReason ?? (content.some((b) => b.type === 'tool_use') ? 'tool_use' : 'end_turn');
  const { prefixKey, prefixTokens } = cacheablePrefix(body);
  const total =
    r.usage?.input_tokens ?? estimateTokens({ s: body.system, t: body.tools, m: body.messages });
  let creation = 0;
  let read = 0;
  if (prefixKey !== undefined && prefixTokens >= minCache && prefixTokens <= total) {
    if (cached.has(prefixKey)) read = prefixTokens;
    else {
      creation = prefixTokens;
      cached.add(prefixKey);
    }
  }
  return {
    id: `msg_01${randomBytes(11).toString('hex')}`,
    type: 'message',
    role: 'assistant',
    model: body.model,
    content,
    stop_reason: stop,
    stop_sequence: null,
    usage: {
      input_tokens: total - creation - read,
      output_tokens: r.usage?.output_tokens ?? outputTokens(r.content),
      cache_creation_input_tokens: creation,
      cache_read_input_tokens: read,
      service_tier: 'standard',
    },
  };
}

/** The request prefix up to the last cache_control mark among tools and system (the API's order). */
function cacheablePrefix(body: MessagesRequestBody): { prefixKey?: string; prefixTokens: number } {
  const parts: unknown[] = [];
  let marked: unknown[] | undefined;
  for (const t of body.tools ?? []) {
    parts.push(t);
    if (t.cache_control) marked = [...parts];
  }
  for (const s of Array.isArray(body.system) ? body.system : body.system ? [body.system] : []) {
    parts.push(s);
    if (typeof s !== 'string' && s.cache_control) marked = [...parts];
  }
  if (!marked) return { prefixTokens: 0 };
  const key = JSON.stringify([body.model, marked]);
  return { prefixKey: key, prefixTokens: estimateTokens(marked) };
}

function baseHeaders(): Record<string, string> {
  return {
    'request-id': `req_01${randomBytes(11).toString('hex')}`,
    'anthropic-organization-id': 'fake-org',
  };
}

function sseHeaders(): Record<string, string> {
  return {
    ...baseHeaders(),
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
  };
}

function sendError(
  res: ServerResponse,
  status: number,
  type: string,
  message: string,
  extra: Record<string, string> = {},
): void {
  const headers = baseHeaders();
  const json = JSON.stringify({
    type: 'error',
    error: { type, message },
    request_id: headers['request-id'],
  });
  // The API marks overloads and rate limits as retryable for its SDKs.
  const retry = status === 429 || status >= 500 ? { 'x-should-retry': 'true' } : {};
  res.writeHead(status, {
    ...headers,
    ...retry,
    ...extra,
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(json),
  });
  res.end(json);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    req.on('data', (c: Buffer) => parts.push(c));
    req.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
    req.on('error', reject);
  });
}
