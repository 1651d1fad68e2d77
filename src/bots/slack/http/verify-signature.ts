import { createHmac, timingSafeEqual } from 'node:crypto';

/** Slack refuses requests older than five minutes; we also refuse ones from that far ahead. */
export const maxClockSkewSeconds = 5 * 60;

export type SignatureCheck = { ok: true } | { ok: false; reason: string };

/**
 * Slack's request signing: `v0=` + hex HMAC-SHA256 of `v0:{timestamp}:{raw body}` with the app's
 * signing secret. The timestamp bounds replays of a captured request to five minutes.
 */
export function verifySlackSignature(options: {
  signingSecret: string;
  rawBody: Buffer;
  signature: string | string[] | undefined;
  timestamp: string | string[] | undefined;
  nowMs: number;
}): SignatureCheck {
  const { signature, timestamp } = options;
  if (typeof signature !== 'string' || typeof timestamp !== 'string') {
    return { ok: false, reason: 'missing X-Slack-Signature or X-Slack-Request-Timestamp' };
  }
  if (!/^\d{1,12}$/.test(timestamp))
    return { ok: false, reason: 'the request timestamp is not a number' };
  const skew = Math.abs(Math.floor(options.nowMs / 1000) - Number(timestamp));
  if (skew > maxClockSkewSeconds)
    return { ok: false, reason: `the request timestamp is ${skew} s away from now` };
  const match = /^v0=([0-9a-f]{64})$/.exec(signature);
  if (!match) return { ok: false, reason: 'the signature is not a v0 signature' };
  const expected = createHmac('sha256', options.signingSecret)
    .update(`v0:${timestamp}:`)
    .update(options.rawBody)
    .digest();
  const given = Buffer.from(match[1] as string, 'hex');
  if (!timingSafeEqual(given, expected))
    return { ok: false, reason: 'the signature does not match' };
  return { ok: true };
}
