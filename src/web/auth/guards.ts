import type { Request, RequestHandler, Response } from 'express';
import { roleRank, type Role } from '../../core/policy/roles.js';
import type { RequestFacts } from '../http/request-facts.js';
import { sendError } from '../http/errors.js';
import { redirect, wantsJson } from '../http/respond.js';
import type { CsrfTokens } from './csrf.js';
import type { SessionManager } from './sessions.js';
import { setViewer, viewerOf } from './viewer.js';

/** Signed-in users only: pages send others to the sign-in page, the API answers 401. */
export function requireSession(sessions: SessionManager, facts: RequestFacts): RequestHandler {
  return async (req, res, next) => {
    const session = await sessions.load(req);
    if (!session) {
      if (wantsJson(req) || req.method !== 'GET') {
        sendError(
          req,
          res,
          401,
          'You are not signed in (or your session ended).',
          'Sign in again at /login.',
        );
        return;
      }
      redirect(res, `/login?next=${encodeURIComponent(req.originalUrl)}`);
      return;
    }
    setViewer(res, {
      username: session.user.username,
      role: session.user.role,
      csrf: session.csrfToken,
      session,
      address: facts.clientAddress(req),
    });
    next();
  };
}

/** Every write carries the session's CSRF token (form field `_csrf` or header `X-CSRF-Token`). */
export function requireCsrf(csrf: CsrfTokens): RequestHandler {
  return (req, res, next) => {
    if (req.method === 'GET' || req.method === 'HEAD') return next();
    if (!csrf.checkSession(req, viewerOf(res).session)) {
      refuseCsrf(req, res);
      return;
    }
    next();
  };
}

export function refuseCsrf(req: Request, res: Response): void {
  sendError(
    req,
    res,
    403,
    'This request did not carry a valid form token, so it was refused.',
    'Reload the page and try again (tokens change when you sign in again).',
  );
}

/** The role a page or action needs; others get a 403 that says which role it takes. */
export function requireRole(role: Role, what: string): RequestHandler {
  return (req, res, next) => {
    const viewer = viewerOf(res);
    if (roleRank(viewer.role) >= roleRank(role)) return next();
    sendError(
      req,
      res,
      403,
      `${what} needs the ${role} role; you are signed in as ${viewer.username} with the ${viewer.role} role.`,
      'Ask an admin to change your role under Settings (or with `ai4k8s user` on the server).',
    );
  };
}
