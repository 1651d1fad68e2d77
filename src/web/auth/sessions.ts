import { randomBytes } from 'node:crypto';
import type { Request, Response } from 'express';
import type { SessionsRepo, WebSession } from '../../core/store/repos/sessions.js';
import type { WebUser } from '../../core/store/repos/users.js';
import { readCookie, setCookie } from '../http/cookies.js';
import type { RequestFacts } from '../http/request-facts.js';

export const sessionCookie = 'a4k_session';

export interface SessionSettings {
  /** A session unused this long ends. */
  idleMs: number;
  /** However active, a session ends this long after sign-in. */
  absoluteMs: number;
}

export const defaultSessionSettings: SessionSettings = {
  idleMs: 8 * 3_600_000,
  absoluteMs: 7 * 86_400_000,
};

// Activity is written at most this often: one UPDATE per minute per session, not per request.
const touchEveryMs = 60_000;

/** Sessions in SQLite behind an HttpOnly cookie; the cookie holds 256 random bits. */
export class SessionManager {
  constructor(
    private readonly options: {
      sessions: SessionsRepo;
      facts: RequestFacts;
      settings?: SessionSettings;
      now?: () => number;
    },
  ) {}

  private get settings(): SessionSettings {
    return this.options.settings ?? defaultSessionSettings;
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  async load(req: Request): Promise<WebSession | undefined> {
    const id = readCookie(req, sessionCookie);
    if (!id || id.length > 100) return undefined;
    const session = await this.options.sessions.find(id);
    if (!session) return undefined;
    const now = this.now();
    if (now - session.lastSeenAt >= touchEveryMs) {
      const expiresAt = this.expiry(session.createdAt, now);
      await this.options.sessions.touch(session.idHash, expiresAt);
      session.expiresAt = expiresAt;
    }
    return session;
  }

  /** A fresh session (never a reused id: no fixation) and its cookie. */
  async start(req: Request, res: Response, user: WebUser, client: string): Promise<void> {
    const id = randomBytes(32).toString('base64url');
    const now = this.now();
    // Sign-ins are rare enough to sweep ended sessions here instead of on a timer.
    await this.options.sessions.deleteExpired();
    await this.options.sessions.create({
      id,
      userId: user.id,
      csrfToken: randomBytes(32).toString('base64url'),
      expiresAt: this.expiry(now, now),
      client: client.slice(0, 200),
    });
    setCookie(res, sessionCookie, id, {
      secure: this.options.facts.secure(req),
      sameSite: 'Lax',
      maxAgeSeconds: Math.floor(this.settings.absoluteMs / 1000),
    });
  }

  async end(req: Request, res: Response, session: WebSession | undefined): Promise<void> {
    if (session) await this.options.sessions.delete(session.idHash);
    setCookie(res, sessionCookie, '', {
      secure: this.options.facts.secure(req),
      sameSite: 'Lax',
      maxAgeSeconds: 0,
    });
  }

  private expiry(createdAt: number, now: number): number {
    return Math.min(createdAt + this.settings.absoluteMs, now + this.settings.idleMs);
  }
}
