import type { ErrorRequestHandler, Request, Response } from 'express';
import { randomBytes } from 'node:crypto';
import { isUserError, type UserError } from '../../core/errors/user-error.js';
import type { Logger } from '../../core/log/logger.js';
import type { Viewer } from '../auth/viewer.js';
import { html } from '../html/html.js';
import { page } from '../html/layout.js';
import { sendJson, sendPage, wantsJson } from './respond.js';

const statusOfKind: Record<UserError['kind'], number> = {
  'bad-input': 400,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  approval: 409,
  budget: 429,
  'cluster-unavailable': 503,
  unavailable: 503,
};

/** An error page (or JSON for the API) with what went wrong and how to fix it. */
export function sendError(
  req: Request,
  res: Response,
  status: number,
  message: string,
  hint?: string,
): void {
  if (wantsJson(req)) {
    sendJson(res, hint ? { error: message, hint } : { error: message }, status);
    return;
  }
  const viewer = res.locals.viewer as Viewer | undefined;
  const title =
    status === 403 ? 'Not allowed' : status === 404 ? 'Not found' : 'Something is wrong';
  sendPage(
    res,
    page({
      title,
      viewer,
      body: html`<div class="flash flash-error" role="alert">
          <p>${message}</p>
          ${hint ? html`<p class="hint">${hint}</p>` : ''}
        </div>
        <p><a href="/">Back to the overview</a></p>`,
    }),
    status,
  );
}

export function sendUserError(req: Request, res: Response, error: UserError): void {
  sendError(req, res, statusOfKind[error.kind] ?? 400, error.message, error.hint);
}

/** User errors become their message; anything else is logged with a reference and answered generically. */
export function dashboardErrorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) return next(error);
    if (isUserError(error)) return sendUserError(req, res, error);
    const status = (error as { status?: unknown })?.status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      // Body parser errors: too large, bad JSON.
      return sendError(
        req,
        res,
        status,
        (error as Error).message || 'Bad request.',
        'Check the form and try again.',
      );
    }
    const ref = randomBytes(4).toString('hex');
    logger.error(
      { err: error, ref, method: req.method, path: req.path },
      'dashboard request failed',
    );
    sendError(
      req,
      res,
      500,
      `Something went wrong (reference ${ref}).`,
      'It has been logged; try again.',
    );
  };
}
