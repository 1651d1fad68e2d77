import { Router } from 'express';
import { UserError } from '../../core/errors/user-error.js';
import { parseRole, type Role } from '../../core/policy/roles.js';
import { apiTokenNamePattern } from '../../core/store/repos/api-tokens.js';
import { normalizeUsername } from '../../core/store/repos/users.js';
import { hashPassword, passwordProblem } from '../auth/passwords.js';
import { viewerOf, webCallerId, type Viewer } from '../auth/viewer.js';
import type { DashboardContext } from '../context.js';
import { formText, redirect, sendPage } from '../http/respond.js';
import { settingsPage } from './settings.js';

/** The admin's writes under `/settings` (mounted behind the admin check and the CSRF check). */
export function settingsActions(ctx: DashboardContext): Router {
  const router = Router();
  const { users } = ctx;

  const audit = (viewer: Viewer, action: string, detail: string) =>
    ctx.audit
      .record({
        at: ctx.now(),
        actor: webCallerId(viewer.username),
        role: viewer.role,
        surface: 'web',
        action,
        outcome: 'ok',
        detail,
      })
      .catch((error: unknown) =>
        ctx.logger.error({ err: error, action }, 'could not audit a settings change'),
      );
  const done = (viewer: Viewer, text: string, anchor: string) => {
    ctx.flashes.add(viewer, { kind: 'success', text });
    return `/settings#${anchor}`;
  };

  router.post('/users', async (req, res) => {
    const viewer = viewerOf(res);
    const name = usernameOf(formText(req, 'username', 200));
    const role = roleOf(formText(req, 'role', 20));
    const password = formText(req, 'password', 2000);
    const problem = passwordProblem(password);
    if (problem)
      throw new UserError('bad-input', `The password for ${name} is not usable. ${problem}`);
    if (!(await users.create(name, role, await hashPassword(password)))) {
      throw new UserError(
        'conflict',
        `A user named ${name} exists already.`,
        'Change their role or password in the table instead.',
      );
    }
    await audit(viewer, 'web.user.add', `${name} as ${role}`);
    redirect(res, done(viewer, `Added ${name} with the ${role} role.`, 'users'));
  });

  router.post('/users/:name/role', async (req, res) => {
    const viewer = viewerOf(res);
    const name = await existing(ctx, req.params.name as string);
    const role = roleOf(formText(req, 'role', 20));
    if (role !== 'admin') await keepAnAdmin(ctx, name, 'take the admin role from');
    await users.setRole(name, role);
    await audit(viewer, 'web.user.role', `${name} is now ${role}`);
    redirect(res, done(viewer, `${name} now has the ${role} role.`, 'users'));
  });

  router.post('/users/:name/password', async (req, res) => {
    const viewer = viewerOf(res);
    const name = await existing(ctx, req.params.name as string);
    const password = formText(req, 'password', 2000);
    const problem = passwordProblem(password);
    if (problem)
      throw new UserError('bad-input', `The new password for ${name} is not usable. ${problem}`);
    await users.setPassword(name, await hashPassword(password));
    await audit(viewer, 'web.user.passwd', name);
    if (name === viewer.username) {
      // Setting your own password ends your sessions too, this one included.
      redirect(res, '/login');
      return;
    }
    redirect(
      res,
      done(viewer, `Set a new password for ${name}; their sessions have ended.`, 'users'),
    );
  });

  router.post('/users/:name/remove', async (req, res) => {
    const viewer = viewerOf(res);
    const name = await existing(ctx, req.params.name as string);
    if (name === viewer.username)
      throw new UserError(
        'bad-input',
        'You cannot remove yourself.',
        'Ask another admin to do it.',
      );
    await keepAnAdmin(ctx, name, 'remove');
    await users.remove(name);
    await audit(viewer, 'web.user.remove', name);
    redirect(res, done(viewer, `Removed ${name}.`, 'users'));
  });

  router.post('/tokens', async (req, res) => {
    const viewer = viewerOf(res);
    const name = formText(req, 'name', 200).trim();
    if (!apiTokenNamePattern.test(name)) {
      throw new UserError(
        'bad-input',
        `"${name}" is not a usable token name.`,
        'Use letters, digits, ., _ and - (up to 64), starting with a letter or digit.',
      );
    }
    const role = roleOf(formText(req, 'role', 20));
    if (await ctx.services.tokens.findByName(name)) {
      throw new UserError(
        'conflict',
        `A token named "${name}" exists already (revoked tokens keep their name).`,
        'Choose another name.',
      );
    }
    const { token } = await ctx.services.tokens.create(name, role);
    await audit(viewer, 'web.token.create', `${name} as ${role}`);
    // Shown in this response only (no redirect, no flash kept in memory); the page is not cached.
    sendPage(res, await settingsPage(ctx, viewer, [], { name, token }));
  });

  router.post('/tokens/:name/revoke', async (req, res) => {
    const viewer = viewerOf(res);
    const name = req.params.name as string;
    if (!(await ctx.services.tokens.revoke(name))) {
      throw new UserError('not-found', `There is no active token named "${name}".`);
    }
    await audit(viewer, 'web.token.revoke', name);
    redirect(res, done(viewer, `Revoked the token "${name}".`, 'tokens'));
  });

  return router;
}

function usernameOf(text: string): string {
  const name = normalizeUsername(text);
  if (!name) {
    throw new UserError(
      'bad-input',
      `"${text}" is not a usable username.`,
      'Use 1 to 64 letters, digits, dots, dashes or underscores, starting with a letter or digit.',
    );
  }
  return name;
}

function roleOf(text: string): Role {
  const role = parseRole(text);
  if (!role)
    throw new UserError(
      'bad-input',
      `"${text}" is not a role.`,
      'Choose viewer, operator or admin.',
    );
  return role;
}

async function existing(ctx: DashboardContext, text: string): Promise<string> {
  const name = normalizeUsername(text);
  if (!name || !(await ctx.users.get(name)))
    throw new UserError('not-found', `There is no user named "${text}".`);
  return name;
}

/** Someone must always be able to reach Settings. */
async function keepAnAdmin(ctx: DashboardContext, name: string, what: string): Promise<void> {
  const user = await ctx.users.get(name);
  if (user?.role === 'admin' && (await ctx.users.countAdmins()) <= 1) {
    throw new UserError(
      'conflict',
      `${name} is the last admin; you cannot ${what} them.`,
      'Make another user an admin first.',
    );
  }
}
