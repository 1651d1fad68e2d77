import { randomBytes } from 'node:crypto';
import express, { Router, type Request } from 'express';
import type { Logger } from '../../core/log/logger.js';
import type { AuditRepo } from '../../core/store/repos/audit.js';
import { normalizeUsername, type UsersRepo } from '../../core/store/repos/users.js';
import type { RequestFacts } from '../http/request-facts.js';
import { formText, queryText, redirect, sendPage } from '../http/respond.js';
import { loginPage, setupClosedPage, setupPage } from './auth-pages.js';
import type { CsrfTokens } from './csrf.js';
import { refuseCsrf } from './guards.js';
import { lockoutMessage, type LoginLimiter } from './login-limiter.js';
import { hashPassword, passwordProblem, verifyPassword } from './passwords.js';
import type { SessionManager } from './sessions.js';
import type { SetupLink } from './setup-link.js';
import { webCallerId } from './viewer.js';

export interface AuthRoutesOptions {
  users: UsersRepo;
  sessions: SessionManager;
  csrf: CsrfTokens;
  limiter: LoginLimiter;
  setupLink: SetupLink;
  facts: RequestFacts;
  audit: AuditRepo;
  logger: Logger;
  now: () => number;
}

/** `/login`, `/logout` and the first-run `/setup`: the only pages open without a session. */
export function authRoutes(options: AuthRoutesOptions): Router {
  const { users, sessions, csrf, limiter, setupLink, facts } = options;
  const router = Router();
  const form = express.urlencoded({ extended: false, limit: '16kb' });
  // Unknown names cost a hash check too, so timing does not tell which accounts exist.
  const dummyHash = hashPassword(randomBytes(16).toString('hex'));

  const audit = async (
    req: Request,
    actor: string,
    action: string,
    outcome: string,
    role?: string,
  ) => {
    try {
      await options.audit.record({
        at: options.now(),
        actor: webCallerId(actor),
        role,
        surface: 'web',
        action,
        outcome,
        detail: `from ${facts.clientAddress(req)}`,
      });
    } catch (error) {
      options.logger.error({ err: error, action }, 'could not audit a sign-in');
    }
  };

  router.get('/login', async (req, res) => {
    if (await sessions.load(req)) return redirect(res, safeNext(queryText(req, 'next', 500)));
    sendPage(
      res,
      loginPage({
        csrf: csrf.anonymous(req, res),
        next: safeNextOrUndefined(queryText(req, 'next', 500)),
        noUsers: (await users.count()) === 0,
      }),
    );
  });

  router.post('/login', form, async (req, res) => {
    const typed = formText(req, 'username', 200);
    const password = formText(req, 'password', 1024);
    const next = safeNextOrUndefined(formText(req, 'next', 500));
    const again = (status: number, error: string) =>
      sendPage(
        res,
        loginPage({ csrf: csrf.anonymous(req, res), next, username: typed, error, noUsers: false }),
        status,
      );
    if (!csrf.checkAnonymous(req)) return refuseCsrf(req, res);
    const account = typed.trim().toLowerCase().slice(0, 64);
    const address = facts.clientAddress(req);
    const locked = limiter.check(account, address);
    if (locked) {
      await audit(req, account, 'web.login', 'error:locked');
      return again(429, lockoutMessage(locked, options.now()));
    }
    const name = normalizeUsername(typed);
    const found = name ? await users.credentials(name) : undefined;
    const ok = found
      ? await verifyPassword(password, found.passwordHash)
      : (await verifyPassword(password, await dummyHash), false);
    if (!found || !ok) {
      const lock = limiter.recordFailure(account, address);
      await audit(req, account, 'web.login', 'error:forbidden');
      if (lock) return again(429, lockoutMessage(lock, options.now()));
      return again(401, 'Wrong username or password.');
    }
    limiter.recordSuccess(account, address);
    await sessions.start(req, res, found.user, address);
    await users.recordLogin(found.user.id);
    await audit(req, found.user.username, 'web.login', 'ok', found.user.role);
    redirect(res, safeNext(next));
  });

  router.post('/logout', form, async (req, res) => {
    const session = await sessions.load(req);
    // Signing out is harmless, but a forged one would still be a nuisance: same token check.
    if (session && !csrf.checkSession(req, session)) return refuseCsrf(req, res);
    await sessions.end(req, res, session);
    redirect(res, '/login');
  });

  router.get('/setup', async (req, res) => {
    if ((await users.count()) > 0) return sendPage(res, setupClosedPage('done'));
    const token = queryText(req, 'token', 100);
    if (!setupLink.isValid(token)) return sendPage(res, setupClosedPage('invalid'), 403);
    sendPage(res, setupPage({ csrf: csrf.anonymous(req, res), token: token as string }));
  });

  router.post('/setup', form, async (req, res) => {
    if (!csrf.checkAnonymous(req)) return refuseCsrf(req, res);
    if ((await users.count()) > 0) return sendPage(res, setupClosedPage('done'));
    const token = formText(req, 'token', 100);
    if (!setupLink.isValid(token)) return sendPage(res, setupClosedPage('invalid'), 403);
    const typed = formText(req, 'username', 200);
    const password = formText(req, 'password', 2000);
    const again = (error: string) =>
      sendPage(
        res,
        setupPage({ csrf: csrf.anonymous(req, res), token, username: typed, error }),
        400,
      );
    const name = normalizeUsername(typed);
    if (!name)
      return again(
        'Use 1 to 64 letters, digits, dots, dashes or underscores for the username, starting with a letter or digit.',
      );
    const problem = passwordProblem(password);
    if (problem) return again(problem);
    if (password !== formText(req, 'confirm', 2000)) return again('The two passwords differ.');
    // Consumed before the first await, so two racing submissions cannot both create an admin.
    setupLink.consume();
    await users.create(name, 'admin', await hashPassword(password));
    const created = await users.get(name);
    if (!created) throw new Error('the first admin was not stored');
    await sessions.start(req, res, created, facts.clientAddress(req));
    await users.recordLogin(created.id);
    await audit(req, name, 'web.setup', 'ok', 'admin');
    options.logger.info({ user: name }, 'first dashboard admin created through the setup link');
    redirect(res, '/');
  });

  return router;
}

/** Only paths on this site: `//evil.example` and `https://...` go to the overview instead. */
function safeNextOrUndefined(next: string | undefined): string | undefined {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\'))
    return undefined;
  if (next.startsWith('/login') || next.startsWith('/setup')) return undefined;
  return next;
}

function safeNext(next: string | undefined): string {
  return safeNextOrUndefined(next) ?? '/';
}
