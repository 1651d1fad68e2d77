import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../log/logger.js';
import { redactText } from '../policy/redact.js';
import { sendStatus } from './k8s-status.js';
import { redactApiBody } from './redact-api-body.js';
import { isFollowRequest, isWatchRequest } from './request-policy.js';

interface RelayOptions {
  answer: IncomingMessage;
  res: ServerResponse;
  target: URL;
  maxBytes: number;
  logger: Logger;
}

/**
 * Passes an API answer back to kubectl, redacted: JSON parsed and redacted as objects, watch
 * streams event by event, text (logs) through the text redactor. Anything else is refused,
 * since the proxy could not see what it carries.
 */
export function relayResponse({ answer, res, target, maxBytes, logger }: RelayOptions): void {
  const type = String(answer.headers['content-type'] ?? '').toLowerCase();
  const isJson = type.includes('json');
  const isText = type === '' || type.startsWith('text/plain');
  if (isJson && (isWatchRequest(target) || type.includes('stream=watch'))) {
    streamLines(answer, res, maxBytes, (line) => redactWatchEvent(line, logger));
    return;
  }
  if (isText && isFollowRequest(target)) {
    streamLines(answer, res, maxBytes, (line) => redactText(line));
    return;
  }
  if (!isJson && !isText) {
    answer.destroy();
    sendStatus(
      res,
      502,
      'InternalError',
      `AI4K8s cannot pass a "${type}" answer: it could not redact it`,
    );
    return;
  }
  readAll(answer, maxBytes)
    .then((raw) => {
      const body = isJson ? redactJson(raw) : redactText(raw);
      res.setHeader('content-length', Buffer.byteLength(body));
      res.end(body);
    })
    .catch((error: Error) => {
      logger.warn({ err: error, path: target.pathname }, 'kubectl proxy dropped an answer');
      if (!res.headersSent) sendStatus(res, 502, 'InternalError', error.message);
      else res.destroy();
    });
}

function redactJson(raw: string): string {
  if (raw.trim() === '') return raw;
  try {
    return JSON.stringify(redactApiBody(JSON.parse(raw)));
  } catch {
    // Declared JSON but is not: treat it as text rather than pass it unread.
    return redactText(raw);
  }
}

function redactWatchEvent(line: string, logger: Logger): string | undefined {
  try {
    const event = JSON.parse(line) as { type?: string; object?: unknown };
    return JSON.stringify({ ...event, object: redactApiBody(event.object) });
  } catch {
    logger.warn('kubectl proxy dropped a watch line that was not JSON');
    return undefined;
  }
}

function readAll(answer: IncomingMessage, maxBytes: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    answer.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        answer.destroy();
        reject(new Error(`the answer is larger than ${maxBytes} bytes; narrow the request`));
        return;
      }
      chunks.push(chunk);
    });
    answer.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    answer.on('error', reject);
  });
}

/** Streams newline-delimited content, transforming each complete line as it arrives. */
function streamLines(
  answer: IncomingMessage,
  res: ServerResponse,
  maxLineBytes: number,
  transform: (line: string) => string | undefined,
): void {
  res.flushHeaders();
  let pending = '';
  const emit = (line: string) => {
    const out = transform(line);
    if (out !== undefined) res.write(`${out}\n`);
  };
  answer.setEncoding('utf8');
  answer.on('data', (chunk: string) => {
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) emit(line);
    if (pending.length > maxLineBytes) {
      answer.destroy();
      res.destroy();
    }
  });
  answer.on('end', () => {
    if (pending.length > 0) emit(pending);
    res.end();
  });
  answer.on('error', () => res.destroy());
}
