import { UserError } from '../../errors/user-error.js';

/**
 * Continue tokens for lists served from the cache: the offset of the next row plus a short hash of
 * the query, so a token is refused when reused with different filters instead of paging wrongly.
 */
export function makeContinue(offset: number, query: unknown): string {
  return Buffer.from(`${offset}.${hashOf(query)}`).toString('base64url');
}

/** The offset a `continue` token points at (0 without one); throws `UserError` for a foreign token. */
export function readContinue(token: string | undefined, query: unknown): number {
  if (token === undefined || token === '') return 0;
  const [offset, hash] = Buffer.from(token, 'base64url').toString('utf8').split('.');
  const n = Number(offset);
  if (!Number.isInteger(n) || n < 0 || hash !== hashOf(query)) {
    throw new UserError(
      'bad-input',
      'This continue token does not belong to this query.',
      'Repeat the call with the same filters as the answer that gave the token, or drop `continue` to start over.',
    );
  }
  return n;
}

/** The standard footer: how many rows were left out and how to get them. */
export function moreFooter(remaining: number, token: string, narrow: string): string {
  return `${remaining.toLocaleString('en-US')} more; ask with continue=${token} or narrow with ${narrow}.`;
}

function hashOf(query: unknown): string {
  // FNV-1a: tiny and stable; this guards against mix-ups, not against forgery (tokens grant nothing).
  let h = 0x811c9dc5;
  for (const ch of JSON.stringify(query ?? null)) {
    h ^= ch.charCodeAt(0);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(36);
}
