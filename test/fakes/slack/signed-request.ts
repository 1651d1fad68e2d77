// What Slack sends to a bot in HTTP mode: signed requests (v0 HMAC-SHA256 of `v0:{ts}:{body}`).
import { createHmac } from 'node:crypto';

export const fakeSigningSecret = 'fake-signing-secret-0123456789abcdef';

export interface SlackRequest {
  body: string;
  contentType: 'application/json' | 'application/x-www-form-urlencoded';
}

export function slackSignature(secret: string, timestampSeconds: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestampSeconds}:${body}`).digest('hex')}`;
}

export interface SendOptions {
  secret?: string;
  /** Seconds since the epoch (default now): an old one makes a stale request. */
  timestamp?: number;
  /** Replaces the computed signature (bad signatures). */
  signature?: string;
  headers?: Record<string, string>;
}

/** POSTs a Slack request to the bot's events URL, signed as Slack signs it. */
export async function sendSignedRequest(
  url: string,
  request: SlackRequest,
  options: SendOptions = {},
): Promise<Response> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const signature =
    options.signature ??
    slackSignature(options.secret ?? fakeSigningSecret, timestamp, request.body);
  return fetch(url, {
    method: 'POST',
    headers: {
      'content-type': request.contentType,
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': signature,
      ...options.headers,
    },
    body: request.body,
  });
}
