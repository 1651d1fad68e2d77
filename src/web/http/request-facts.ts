import type { Request } from 'express';
import type { TLSSocket } from 'node:tls';

/**
 * Facts about a request that depend on whether a TLS-terminating proxy is trusted
 * (`web.trustProxy`). Computed here rather than from express settings, so the dashboard is safe
 * whichever app it is mounted on.
 */
export interface RequestFacts {
  /** HTTPS as the browser sees it: cookies get `Secure`. */
  secure(req: Request): boolean;
  /** The client address, for sign-in rate limits and the audit log. */
  clientAddress(req: Request): string;
}

export function requestFacts(trustProxy: boolean): RequestFacts {
  return {
    secure(req) {
      if ((req.socket as Partial<TLSSocket>).encrypted) return true;
      if (!trustProxy) return false;
      return firstValue(req.headers['x-forwarded-proto'])?.toLowerCase() === 'https';
    },
    clientAddress(req) {
      const direct = req.socket.remoteAddress ?? 'unknown';
      if (!trustProxy) return direct;
      // The proxy appends the address it saw: the last entry is the one a client cannot forge.
      const forwarded = headerText(req.headers['x-forwarded-for'])
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      return forwarded[forwarded.length - 1] ?? direct;
    },
  };
}

function headerText(value: string | string[] | undefined): string {
  return Array.isArray(value) ? value.join(',') : (value ?? '');
}

function firstValue(value: string | string[] | undefined): string | undefined {
  return headerText(value).split(',')[0]?.trim() || undefined;
}
