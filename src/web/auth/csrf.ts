import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'express';
import type { WebSession } from '../../core/store/repos/sessions.js';
import { readCookie, setCookie } from '../http/cookies.js';
import type { RequestFacts } from '../http/request-facts.js';

const anonymousCookie = 'a4k_pre';

/** The token a form or a fetch sends back: the `_csrf` field or the `X-CSRF-Token` header. */
export function submittedToken(req: Request): string | undefined {
  const header = req.headers['x-csrf-token'];
  if (typeof header === 'string' && header !== '') return header;
  const body = req.body as Record<string, unknown> | undefined;
  const field = body && typeof body === 'object' ? body._csrf : undefined;
  return typeof field === 'string' && field !== '' ? field : undefined;
}

export function sameToken(a: string | undefined, b: string | undefined): boolean {
  if (a === undefined || b === undefined) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * CSRF tokens. Signed-in: a random token stored with the session. Before sign-in (the sign-in
 * and setup forms): an HMAC of a random cookie, so a page on another site cannot sign a
 * browser into an account of the attacker's.
 */
export class CsrfTokens {
  constructor(
    private readonly secretKey: string,
    private readonly facts: RequestFacts,
  ) {}

  forSession(session: WebSession): string {
    return session.csrfToken;
  }

  checkSession(req: Request, session: WebSession): boolean {
    return sameToken(submittedToken(req), session.csrfToken);
  }

  /** The token for a form shown before sign-in; sets its cookie when the browser has none. */
  anonymous(req: Request, res: Response): string {
    let nonce = readCookie(req, anonymousCookie);
    if (!nonce || nonce.length > 100) {
      nonce = randomBytes(24).toString('base64url');
      setCookie(res, anonymousCookie, nonce, {
        secure: this.facts.secure(req),
        sameSite: 'Strict',
        maxAgeSeconds: 24 * 3600,
      });
    }
    return this.sign(nonce);
  }

  checkAnonymous(req: Request): boolean {
    const nonce = readCookie(req, anonymousCookie);
    return nonce !== undefined && sameToken(submittedToken(req), this.sign(nonce));
  }

  private sign(nonce: string): string {
    return createHmac('sha256', this.secretKey).update(`csrf:${nonce}`).digest('base64url');
  }
}
