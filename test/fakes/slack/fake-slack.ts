// A local HTTP fake of Slack for the real Bolt app and Web API client: the Web API methods the
// bot uses (recording every call, failing on demand the ways Slack fails), response_url capture,
// and Socket Mode. Point the client at it with `slackApiUrl: fake.apiUrl`.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { parse as parseQuery } from 'node:querystring';
import { firstFilePart } from './multipart.js';
import { FakeSocketMode } from './socket-mode.js';
import { SlackApiError, webApiMethods, type MethodHandler, type Params } from './web-api.js';
import { FakeWorkspace, type FakeMessage } from './workspace.js';

export const fakeTokens = { bot: 'xoxb-fake-bot-token', app: 'xapp-fake-app-token' } as const;

/** How the next call of a method fails. `commit` first does what the call asks (it "posted"). */
export type SlackFault =
  | { kind: 'rate-limited'; retryAfterSeconds: number }
  | { kind: 'server-error'; status?: number; commit?: boolean }
  | { kind: 'hang'; ms?: number; commit?: boolean }
  | { kind: 'platform-error'; error: string };

export interface RecordedCall {
  method: string;
  params: Params;
  token?: string;
  at: number;
  status: number;
  fault?: SlackFault['kind'];
  error?: string;
}

export interface ResponseUrlPost {
  id: string;
  body: Record<string, unknown>;
  at: number;
}

interface ResponseUrl {
  channel: string;
  /** The message a button click's response_url belongs to (replace_original edits it). */
  messageTs?: string;
  uses: number;
}

export interface FakeSlack {
  url: string;
  /** Give this to the client as `slackApiUrl`. */
  apiUrl: string;
  workspace: FakeWorkspace;
  calls: RecordedCall[];
  responses: ResponseUrlPost[];
  socket: FakeSocketMode;
  failNext(method: string, ...faults: SlackFault[]): void;
  callsTo(method: string): RecordedCall[];
  /** A response_url for a slash command in `channel`, or for a button on message `messageTs`. */
  responseUrl(channel: string, messageTs?: string): string;
  messagesIn(channel: string): FakeMessage[];
  /** Resolves when the response_url with this id is posted to (for latency measurements). */
  responseArrived(id: string, timeoutMs?: number): Promise<ResponseUrlPost>;
  /** Polls until `check` holds (the bot answers asynchronously after its ack). */
  waitFor<T>(check: () => T | undefined | false, what: string, timeoutMs?: number): Promise<T>;
  stop(): Promise<void>;
}

const jsonParams = new Set(['blocks', 'attachments', 'metadata', 'files', 'file_uploads']);

export async function startFakeSlack(): Promise<FakeSlack> {
  const workspace = new FakeWorkspace();
  const methods: Record<string, MethodHandler> = webApiMethods(workspace);
  const calls: RecordedCall[] = [];
  const responses: ResponseUrlPost[] = [];
  const responseUrls = new Map<string, ResponseUrl>();
  const responseWaiters = new Map<string, (post: ResponseUrlPost) => void>();
  const faults = new Map<string, SlackFault[]>();
  const socket = new FakeSocketMode();
  const openSockets = new Set<Socket>();
  const hangTimers = new Set<NodeJS.Timeout>();
  let baseUrl = '';
  let responseSeq = 0;

  methods['apps.connections.open'] = (_p, ctx) => {
    if (ctx.tokenKind !== 'app') throw new SlackApiError('not_allowed_token_type');
    return { url: socket.openConnection(baseUrl) };
  };

  const server: Server = createServer((req, res) => {
    void route(req, res).catch((error: unknown) => {
      if (!res.headersSent)
        send(res, 500, { ok: false, error: 'fake_failure', detail: String(error) });
    });
  });
  server.on('connection', (s) => {
    openSockets.add(s);
    s.on('close', () => openSockets.delete(s));
  });
  server.on('upgrade', (req, s, head) => socket.handleUpgrade(req, s, head));

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const body = await readBody(req);
    if (path.startsWith('/api/')) return api(path.slice(5), req, res, body);
    if (path.startsWith('/response/')) return responseUrlPost(path.slice(10), res, body);
    if (path.startsWith('/upload/')) return upload(path.slice(8), req, res, body);
    send(res, 404, { ok: false, error: 'not_found' });
  }

  async function api(
    method: string,
    req: IncomingMessage,
    res: ServerResponse,
    raw: Buffer,
  ): Promise<void> {
    const params = parseParams(raw, req.headers['content-type'] ?? '');
    const token = bearer(req) ?? (typeof params.token === 'string' ? params.token : undefined);
    const call: RecordedCall = {
      method,
      params,
      at: Date.now(),
      status: 200,
      ...(token ? { token } : {}),
    };
    calls.push(call);
    const fault = faults.get(method)?.shift();
    const handler = methods[method];
    const run = (): Record<string, unknown> => {
      if (!handler) throw new SlackApiError('unknown_method');
      const kind = token === fakeTokens.bot ? 'bot' : token === fakeTokens.app ? 'app' : undefined;
      if (!token) throw new SlackApiError('not_authed');
      if (!kind) throw new SlackApiError('invalid_auth');
      return handler(params, { baseUrl, tokenKind: kind });
    };
    const answer = (): void => {
      try {
        send(res, 200, { ok: true, ...run() });
      } catch (error) {
        if (!(error instanceof SlackApiError)) throw error;
        call.error = error.error;
        send(res, 200, { ok: false, error: error.error, ...error.extra });
      }
    };
    if (!fault) return answer();
    call.fault = fault.kind;
    switch (fault.kind) {
      case 'rate-limited':
        call.status = 429;
        res.setHeader('Retry-After', String(fault.retryAfterSeconds));
        return send(res, 429, { ok: false, error: 'ratelimited' });
      case 'platform-error':
        call.error = fault.error;
        return send(res, 200, { ok: false, error: fault.error });
      case 'server-error':
        if (fault.commit) tryRun(run);
        call.status = fault.status ?? 500;
        res.writeHead(call.status, { 'content-type': 'text/html' });
        res.end('<html><body>Internal Server Error</body></html>');
        return;
      case 'hang': {
        if (fault.commit) tryRun(run);
        call.status = 0;
        const timer = setTimeout(() => {
          hangTimers.delete(timer);
          res.destroy();
        }, fault.ms ?? 60_000);
        hangTimers.add(timer);
        return;
      }
    }
  }

  function responseUrlPost(id: string, res: ServerResponse, raw: Buffer): void {
    const target = responseUrls.get(id);
    if (!target) return send(res, 404, { ok: false, error: 'expired_url' });
    if (++target.uses > 5) return send(res, 404, { ok: false, error: 'used_url' });
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(raw.toString()) as Record<string, unknown>;
    } catch {
      return send(res, 400, { ok: false, error: 'invalid_json' });
    }
    const post = { id, body, at: Date.now() };
    responses.push(post);
    responseWaiters.get(id)?.(post);
    responseWaiters.delete(id);
    const blocks = Array.isArray(body.blocks) ? body.blocks : undefined;
    const text = typeof body.text === 'string' ? body.text : undefined;
    const original = target.messageTs
      ? workspace.find(target.channel, target.messageTs)
      : undefined;
    if (body.replace_original === true && original) {
      if (text !== undefined) original.text = text;
      if (blocks) original.blocks = blocks;
      original.edited = { ts: workspace.nextTs() };
    } else if (body.response_type === 'in_channel') {
      workspace.messages.push({
        channel: target.channel,
        ts: workspace.nextTs(),
        user: 'U_BOT',
        bot_id: 'B_BOT',
        via: 'response_url',
        ...(text !== undefined ? { text } : {}),
        ...(blocks ? { blocks } : {}),
      });
    } else {
      workspace.ephemerals.push({
        channel: target.channel,
        via: 'response_url',
        ...(text !== undefined ? { text } : {}),
        ...(blocks ? { blocks } : {}),
      });
    }
    send(res, 200, { ok: true });
  }

  function upload(id: string, req: IncomingMessage, res: ServerResponse, raw: Buffer): void {
    const file = workspace.files.get(id);
    if (!file) return send(res, 404, { ok: false, error: 'file_not_found' });
    const contentType = req.headers['content-type'] ?? '';
    file.content = contentType.startsWith('multipart/')
      ? (firstFilePart(raw, contentType) ?? raw)
      : raw;
    calls.push({
      method: `upload:${id}`,
      params: { bytes: file.content.length },
      at: Date.now(),
      status: 200,
    });
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end(`OK - ${file.content.length}`);
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: baseUrl,
    apiUrl: `${baseUrl}/api/`,
    workspace,
    calls,
    responses,
    socket,
    failNext(method, ...list) {
      faults.set(method, [...(faults.get(method) ?? []), ...list]);
    },
    callsTo: (method) => calls.filter((c) => c.method === method),
    responseUrl(channel, messageTs) {
      const id = `R${++responseSeq}`;
      responseUrls.set(id, { channel, uses: 0, ...(messageTs ? { messageTs } : {}) });
      return `${baseUrl}/response/${id}`;
    },
    messagesIn: (channel) => workspace.messages.filter((m) => m.channel === channel),
    responseArrived(id, timeoutMs = 30_000) {
      const done = responses.find((r) => r.id === id);
      if (done) return Promise.resolve(done);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          responseWaiters.delete(id);
          reject(new Error(`no post to response_url ${id} within ${timeoutMs} ms`));
        }, timeoutMs);
        responseWaiters.set(id, (post) => {
          clearTimeout(timer);
          resolve(post);
        });
      });
    },
    async waitFor(check, what, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const value = check();
        if (value !== undefined && value !== false) return value as never;
        if (Date.now() > deadline)
          throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    async stop() {
      for (const t of hangTimers) clearTimeout(t);
      socket.close();
      for (const s of openSockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function tryRun(run: () => unknown): void {
  try {
    run();
  } catch {
    // The fault answers anyway; a failed commit simply did not post.
  }
}

function parseParams(raw: Buffer, contentType: string): Params {
  const text = raw.toString('utf8');
  if (contentType.startsWith('application/json')) return text ? (JSON.parse(text) as Params) : {};
  const form = parseQuery(text);
  const params: Params = {};
  for (const [key, value] of Object.entries(form)) {
    const v = Array.isArray(value) ? value[0] : value;
    params[key] = jsonParams.has(key) && typeof v === 'string' ? safeJson(v) : v;
  }
  return params;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function bearer(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  return header?.startsWith('Bearer ') ? header.slice(7) : undefined;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function send(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return;
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}
