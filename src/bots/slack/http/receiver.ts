import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseQuery } from 'node:querystring';
import type { App, Receiver, ReceiverEvent } from '@slack/bolt';
import type { Logger } from '../../../core/log/logger.js';
import { BodyTooLargeError, readRawBody } from './read-body.js';
import { MalformedPayloadError, parseSlackPayload } from './parse-payload.js';
import { verifySlackSignature } from './verify-signature.js';

export interface SlackHttpReceiverOptions {
  signingSecret: string;
  logger: Logger;
  /** Clock for the timestamp check (tests). */
  now?: () => number;
  maxBodyBytes?: number;
  /** Slack gives up after 3 s; a listener that has not acknowledged by then gets a 500. */
  ackTimeoutMs?: number;
}

/** A plain Node handler, so the `serve` express app can mount it at `/slack/events`. */
export type SlackRequestHandler = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * Bolt's receiver for HTTP mode, mounted on our own server instead of Bolt's. It answers every
 * request itself: 401 for a bad or stale signature, 400 for a body that is not a Slack payload,
 * 413 for an oversized one, so no input reaches Bolt unverified or crashes a listener.
 */
export class SlackHttpReceiver implements Receiver {
  private app?: App;
  private readonly log: Logger;

  constructor(private readonly options: SlackHttpReceiverOptions) {
    this.log = options.logger.child({ component: 'slack-http' });
  }

  init(app: App): void {
    this.app = app;
  }

  // The serve HTTP server listens and closes; nothing to do here.
  start(): Promise<void> {
    return Promise.resolve();
  }

  stop(): Promise<void> {
    return Promise.resolve();
  }

  readonly handler: SlackRequestHandler = (req, res) => {
    this.handle(req, res).catch((error: unknown) => {
      this.log.error({ err: error }, 'Slack request failed');
      if (!res.headersSent) reply(res, 500, 'internal error');
    });
  };

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'POST') {
      res.setHeader('Allow', 'POST');
      return reply(res, 405, 'Slack posts here; use POST.');
    }
    // The signature covers the exact bytes: a body parser that ran first leaves nothing to verify.
    const kept = (req as IncomingMessage & { rawBody?: unknown }).rawBody;
    if (!Buffer.isBuffer(kept) && req.readableEnded) {
      this.log.error(
        'the request body was read before the Slack handler: mount /slack/events ahead of any body parser',
      );
      return reply(res, 500, 'body already consumed');
    }
    let raw: Buffer;
    try {
      raw = Buffer.isBuffer(kept)
        ? kept
        : await readRawBody(req, this.options.maxBodyBytes ?? 1_000_000);
    } catch (error) {
      if (error instanceof BodyTooLargeError) return reply(res, 413, 'body too large');
      throw error;
    }
    // Slack's SSL check may come unsigned (Bolt accepts it too); it is answered and nothing else.
    if (isSslCheck(raw, req.headers['content-type'])) return reply(res, 200, '');
    const check = verifySlackSignature({
      signingSecret: this.options.signingSecret,
      rawBody: raw,
      signature: req.headers['x-slack-signature'],
      timestamp: req.headers['x-slack-request-timestamp'],
      nowMs: (this.options.now ?? Date.now)(),
    });
    if (!check.ok) {
      this.log.warn(
        { reason: check.reason, ip: req.socket.remoteAddress },
        'refused a Slack request',
      );
      return reply(res, 401, 'invalid signature');
    }
    let payload;
    try {
      payload = parseSlackPayload(raw, req.headers['content-type']);
    } catch (error) {
      if (!(error instanceof MalformedPayloadError)) throw error;
      this.log.warn({ reason: error.message }, 'refused a malformed Slack payload');
      return reply(res, 400, `malformed payload: ${error.message}`);
    }
    if (payload.kind === 'ssl_check') return reply(res, 200, '');
    if (payload.kind === 'url_verification') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ challenge: payload.challenge }));
      return;
    }
    await this.dispatch(req, res, payload.body);
  }

  private async dispatch(
    req: IncomingMessage,
    res: ServerResponse,
    body: Record<string, unknown>,
  ): Promise<void> {
    if (!this.app) return reply(res, 503, 'not ready');
    let acked = false;
    const timer = setTimeout(() => {
      if (acked || res.headersSent) return;
      acked = true;
      this.log.error(
        { type: body.type ?? body.command },
        'a Slack request was not acknowledged within 3 seconds',
      );
      reply(res, 500, 'not acknowledged in time');
    }, this.options.ackTimeoutMs ?? 2900);
    const event: ReceiverEvent = {
      body,
      ack: async (response?: unknown) => {
        if (acked) return;
        acked = true;
        clearTimeout(timer);
        sendAck(res, response);
      },
      ...retryInfo(req),
    };
    try {
      await this.app.processEvent(event);
    } catch (error) {
      this.log.error({ err: error }, 'a Slack listener failed');
      if (!acked) {
        acked = true;
        reply(res, 500, 'internal error');
      }
    } finally {
      clearTimeout(timer);
      // Nothing listens for this (an unknown action or event type): say so now, not after 3 s.
      if (!acked) {
        acked = true;
        reply(res, 404, 'no handler');
      }
    }
  }
}

function isSslCheck(raw: Buffer, contentType: string | undefined): boolean {
  return (
    (contentType ?? '').startsWith('application/x-www-form-urlencoded') &&
    parseQuery(raw.toString('utf8')).ssl_check === '1'
  );
}

function retryInfo(req: IncomingMessage): Pick<ReceiverEvent, 'retryNum' | 'retryReason'> {
  const num = Number(req.headers['x-slack-retry-num']);
  const reason = req.headers['x-slack-retry-reason'];
  return {
    ...(Number.isInteger(num) ? { retryNum: num } : {}),
    ...(typeof reason === 'string' ? { retryReason: reason } : {}),
  };
}

function sendAck(res: ServerResponse, response: unknown): void {
  if (res.headersSent) return;
  if (response === undefined || response === '') {
    res.writeHead(200);
    res.end();
  } else if (typeof response === 'string') {
    res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
    res.end(response);
  } else {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(response));
  }
}

function reply(res: ServerResponse, status: number, text: string): void {
  if (res.headersSent) return;
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  res.end(text);
}
