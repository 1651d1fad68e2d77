import type { Response } from 'express';
import type { Role } from '../../core/policy/roles.js';
import type { WebSession } from '../../core/store/repos/sessions.js';

/** The signed-in user of this request, as the session middleware found them. */
export interface Viewer {
  username: string;
  role: Role;
  /** The CSRF token every form and write of this session carries. */
  csrf: string;
  session: WebSession;
  /** The client address (rate limits, audit). */
  address: string;
}

export function setViewer(res: Response, viewer: Viewer): void {
  res.locals.viewer = viewer;
}

export function viewerOf(res: Response): Viewer {
  const viewer = res.locals.viewer as Viewer | undefined;
  if (!viewer) throw new Error('no signed-in user on this request (route mounted before auth?)');
  return viewer;
}

/** The registry's and the audit log's caller id of a dashboard user. */
export function webCallerId(username: string): string {
  return `web:${username}`;
}
