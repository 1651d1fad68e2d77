import { request as httpRequest, type ClientRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { keepAliveAgent } from './keep-alive.js';

/** What a response_url accepts (docs.slack.dev, "Handling user interaction"). */
export interface ResponseUrlMessage {
  response_type?: 'ephemeral' | 'in_channel';
  replace_original?: boolean;
  delete_original?: boolean;
  text: string;
  blocks?: unknown[];
}

/** Slack's response_url (slash commands, button clicks): up to five answers within 30 minutes. */
export type PostToResponseUrl = (url: string, message: ResponseUrlMessage) => Promise<void>;

/**
 * Posts to a response_url over a kept-alive connection, bounded by a timeout (Bolt's `respond`
 * has none, so a hung endpoint would hold the listener forever).
 */
export function responseUrlPoster(timeoutMs = 10_000): PostToResponseUrl {
  return (url, message) =>
    new Promise<void>((resolve, reject) => {
      const body = JSON.stringify(message);
      const send = url.startsWith('http://') ? httpRequest : httpsRequest;
      const req: ClientRequest = send(
        url,
        {
          method: 'POST',
          agent: keepAliveAgent(url),
          headers: {
            'content-type': 'application/json; charset=utf-8',
            'content-length': Buffer.byteLength(body),
          },
          timeout: timeoutMs,
        },
        (res: IncomingMessage) => {
          res.resume();
          res.on('end', () => {
            const status = res.statusCode ?? 0;
            if (status >= 200 && status < 300) resolve();
            else reject(new Error(`the response_url answered HTTP ${status}`));
          });
          res.on('error', reject);
        },
      );
      req.on('timeout', () =>
        req.destroy(new Error(`the response_url did not answer within ${timeoutMs} ms`)),
      );
      req.on('error', reject);
      req.end(body);
    });
}
