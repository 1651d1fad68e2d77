// Sign-in, sessions, CSRF and headers at the HTTP level, against a real serve + dashboard on the
// sim behind a (pretend) TLS-terminating proxy: `web.trustProxy: true`.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiTokensRepo } from '../../src/core/store/repos/api-tokens.js';
import { UsersRepo } from '../../src/core/store/repos/users.js';
import { hashPassword } from '../../src/web/auth/passwords.js';
import { setupLinkOf, startDashboardEnv, type DashboardEnv } from './support/dashboard-env.js';
import { DashboardClient } from './support/http-client.js';

const adminPassword = 'admin password for tests';
let env: DashboardEnv;
let admin: DashboardClient;
let users: UsersRepo;

beforeAll(async () => {
  env = await startDashboardEnv({ config: { web: { trustProxy: true } } });
  users = new UsersRepo(env.services.db);
});

afterAll(async () => {
  await env?.stop();
});

function sessionCookieLine(headers: Headers): string | undefined {
  return headers.getSetCookie().find((line) => line.startsWith('a4k_session='));
}

describe('first run', () => {
  it('has no user and no way in but the printed one-time link', async () => {
    expect(await users.count()).toBe(0);
    const client = new DashboardClient(env.url);
    const login = await client.get('/login');
    expect(login.text).toContain('No one can sign in yet');
    const token = await client.csrfOf('/login');
    for (const [username, password] of [
      ['admin', 'admin'],
      ['admin', ''],
      ['root', 'root'],
    ]) {
      const reply = await client.post('/login', {
        _csrf: token,
        username: username as string,
        password: password as string,
      });
      expect(reply.status).toBe(401);
    }
    expect((await client.get('/setup?token=guess')).status).toBe(403);
    expect((await client.get('/setup')).status).toBe(403);
  });

  it('creates the admin through the link and signs them in with a safe session cookie', async () => {
    const link = setupLinkOf(env.announced);
    admin = new DashboardClient(env.url);
    const path = link.slice(env.url.length);
    const token = new URL(link).searchParams.get('token') as string;
    const csrf = await admin.csrfOf(path);
    const short = await admin.post('/setup', {
      _csrf: csrf,
      token,
      username: 'root',
      password: 'short',
      confirm: 'short',
    });
    expect(short.status).toBe(400);
    expect(short.text).toContain('Use at least 10 characters.');
    const created = await admin.post(
      '/setup',
      { _csrf: csrf, token, username: 'root', password: adminPassword, confirm: adminPassword },
      { 'x-forwarded-proto': 'https' },
    );
    expect(created).toMatchObject({ status: 303, location: '/' });
    const cookie = sessionCookieLine(created.headers);
    expect(cookie).toMatch(
      /^a4k_session=[\w-]{43}; Path=\/; HttpOnly; SameSite=Lax; Max-Age=\d+; Secure$/,
    );
    expect((await users.get('root'))?.role).toBe('admin');
    // Only a hash of the cookie is stored.
    const id = admin.cookies.get('a4k_session') as string;
    const rows = await env.services.db.all<{ id_hash: string }>('SELECT id_hash FROM web_sessions');
    expect(rows).toEqual([{ id_hash: createHash('sha256').update(id).digest('hex') }]);
    // The link worked once.
    expect((await new DashboardClient(env.url).get(path)).text).toContain('Setup is done');
  });
});

describe('sessions and cookies', () => {
  it('marks cookies Secure only over HTTPS, as the trusted proxy reports it', async () => {
    await users.create('plain', 'viewer', await hashPassword('plain password 1'));
    const direct = new DashboardClient(env.url);
    const signedIn = await direct.signIn('plain', 'plain password 1');
    expect(signedIn.status).toBe(303);
    expect(sessionCookieLine(signedIn.headers)).not.toContain('Secure');
    const viaProxy = new DashboardClient(env.url);
    const token = await viaProxy.csrfOf('/login');
    const proxied = await viaProxy.post(
      '/login',
      { _csrf: token, username: 'plain', password: 'plain password 1' },
      { 'x-forwarded-proto': 'https' },
    );
    expect(sessionCookieLine(proxied.headers)).toContain('; Secure');
  });

  it('sends signed-out visitors to sign in, and back only to pages of this site', async () => {
    const anonymous = new DashboardClient(env.url);
    expect(await anonymous.get('/workloads?namespace=shop')).toMatchObject({
      status: 303,
      location: '/login?next=%2Fworkloads%3Fnamespace%3Dshop',
    });
    const api = await anonymous.get('/api/metrics?kind=pod&object=shop/x');
    expect(api.status).toBe(401);
    expect(JSON.parse(api.text)).toMatchObject({ error: expect.stringContaining('not signed in') });
    await users.create('nexter', 'viewer', await hashPassword('nexter password'));
    const token = await anonymous.csrfOf('/login');
    const reply = await anonymous.post('/login', {
      _csrf: token,
      username: 'nexter',
      password: 'nexter password',
      next: '//evil.example/steal',
    });
    expect(reply).toMatchObject({ status: 303, location: '/' });
  });

  it('ends every session of a user whose password an admin sets', async () => {
    await users.create('paula', 'operator', await hashPassword('paula password 1'));
    const paula = new DashboardClient(env.url);
    await paula.signIn('paula', 'paula password 1');
    expect((await paula.get('/')).status).toBe(200);
    const csrf = await admin.csrfOf('/settings');
    const set = await admin.post('/settings/users/paula/password', {
      _csrf: csrf,
      password: 'paula password 2',
    });
    expect(set.status).toBe(303);
    expect((await paula.get('/')).status).toBe(303);
    expect((await paula.signIn('paula', 'paula password 2')).status).toBe(303);
  });

  it('signs out only with the form token', async () => {
    const client = new DashboardClient(env.url);
    await client.signIn('plain', 'plain password 1');
    expect((await client.post('/logout', {})).status).toBe(403);
    expect((await client.get('/')).status).toBe(200);
    const csrf = await client.csrfOf('/');
    expect(await client.post('/logout', { _csrf: csrf })).toMatchObject({
      status: 303,
      location: '/login',
    });
    expect((await client.get('/')).status).toBe(303);
  });
});

describe('CSRF protection', () => {
  it('refuses a write without a CSRF token, or with a wrong one, and accepts it with the token', async () => {
    const fields = { username: 'mallory', role: 'admin', password: 'mallory password' };
    const none = await admin.post('/settings/users', fields);
    expect(none.status).toBe(403);
    expect(none.text).toContain('did not carry a valid form token');
    const wrong = await admin.post('/settings/users', { ...fields, _csrf: 'x'.repeat(43) });
    expect(wrong.status).toBe(403);
    // Another session's token is no good either.
    const other = new DashboardClient(env.url);
    await other.signIn('plain', 'plain password 1');
    const stolen = await other.csrfOf('/');
    expect((await admin.post('/settings/users', { ...fields, _csrf: stolen })).status).toBe(403);
    expect(await users.get('mallory')).toBeUndefined();

    const csrf = await admin.csrfOf('/settings');
    expect(
      await admin.post('/settings/users', { ...fields, role: 'viewer', _csrf: csrf }),
    ).toMatchObject({ status: 303 });
    expect((await users.get('mallory'))?.role).toBe('viewer');
  });

  it('refuses JSON writes (the chat console) without the X-CSRF-Token header', async () => {
    const refused = await admin.postJson('/chat', { text: 'help' });
    expect(refused.status).toBe(403);
    const csrf = await admin.csrfOf('/chat');
    const answered = await admin.postJson('/chat', { text: 'help' }, { 'x-csrf-token': csrf });
    expect(answered.status).toBe(200);
    expect(JSON.parse(answered.text).html).toContain('msg');
  });

  it('refuses the sign-in form without its token', async () => {
    const client = new DashboardClient(env.url);
    expect(
      (await client.post('/login', { username: 'root', password: adminPassword })).status,
    ).toBe(403);
    expect(client.cookies.has('a4k_session')).toBe(false);
  });
});

describe('sign-in rate limits', () => {
  it('keys failures on the account and the client address the proxy reports', async () => {
    await users.create('target', 'viewer', await hashPassword('target password'));
    const attacker = new DashboardClient(env.url);
    const token = await attacker.csrfOf('/login');
    const from = (address: string) => ({ 'x-forwarded-for': `198.51.100.7, ${address}` });
    for (let i = 1; i <= 4; i++) {
      expect(
        (
          await attacker.post(
            '/login',
            { _csrf: token, username: 'target', password: `guess ${i}` },
            from('203.0.113.9'),
          )
        ).status,
      ).toBe(401);
    }
    const locked = await attacker.post(
      '/login',
      { _csrf: token, username: 'target', password: 'guess 5' },
      from('203.0.113.9'),
    );
    expect(locked.status).toBe(429);
    expect(locked.text).toContain(
      'Too many failed sign-ins for this account from your address. Try again in 15 minutes.',
    );
    expect(
      (
        await attacker.post(
          '/login',
          { _csrf: token, username: 'target', password: 'target password' },
          from('203.0.113.9'),
        )
      ).status,
    ).toBe(429);
    // The owner, from their own address, still gets in.
    const owner = new DashboardClient(env.url);
    const ownerToken = await owner.csrfOf('/login');
    expect(
      (
        await owner.post(
          '/login',
          { _csrf: ownerToken, username: 'target', password: 'target password' },
          from('192.0.2.44'),
        )
      ).status,
    ).toBe(303);
    const audit = await env.services.db.all<{ outcome: string }>(
      "SELECT outcome FROM audit_log WHERE actor = 'web:target' AND action = 'web.login'",
    );
    expect(audit.map((r) => r.outcome)).toEqual([
      ...Array(4).fill('error:forbidden'),
      'error:forbidden',
      'error:locked',
      'ok',
    ]);
  });

  it('lists the audit log filtered by user, outcome and time', async () => {
    const rows = async (query: string) => {
      const page = await admin.get(`/audit?${query}`);
      expect(page.status).toBe(200);
      return [...page.text.matchAll(/<td>(web\.login)<\/td>/g)].length;
    };
    expect(await rows('user=target')).toBe(7);
    expect(await rows('user=web%3Atarget&outcome=error')).toBe(6);
    expect(await rows('user=target&outcome=error%3Alocked')).toBe(1);
    expect(await rows('user=target&outcome=ok')).toBe(1);
    const hour = (offset: number) =>
      encodeURIComponent(new Date(Date.now() + offset).toISOString().slice(0, 16));
    expect(await rows(`user=target&since=${hour(-3_600_000)}&until=${hour(3_600_000)}`)).toBe(7);
    expect(await rows(`user=target&since=${hour(3_600_000)}`)).toBe(0);
    expect(await rows(`user=target&until=${hour(-3_600_000)}`)).toBe(0);
    const bad = await admin.get('/audit?since=yesterday');
    expect(bad.status).toBe(400);
    expect(bad.text).toContain(
      'The &quot;from&quot; time &quot;yesterday&quot; is not a date and time.',
    );
  });
});

describe('pages', () => {
  it('carry the security headers and are never cached', async () => {
    const page = await admin.get('/');
    expect(page.status).toBe(200);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.headers.get('server-timing')).toMatch(/^app;dur=[\d.]+$/);
    expect(page.text).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
  });

  it('serves uPlot and our scripts as static files, and nothing else from disk', async () => {
    const uplot = await admin.get('/static/uPlot.iife.min.js');
    expect(uplot.status).toBe(200);
    expect(uplot.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect((await admin.get('/static/uPlot.min.css')).status).toBe(200);
    expect((await admin.get('/static/..%2F..%2Fpackage.json')).status).toBe(404);
    expect((await admin.get('/static/create-dashboard.ts')).status).toBe(404);
  });

  it('leaves paths it does not own to the rest of the server', async () => {
    expect((await admin.get('/healthz')).status).toBe(200);
    const mcp = await admin.postJson('/mcp', {});
    expect(mcp.status).toBe(401);
    const unknown = await admin.get('/favicon.ico');
    expect(unknown.status).toBe(404);
    expect(unknown.text).toContain('Nothing at GET /favicon.ico');
  });

  it('creates an MCP token shown once and stored hashed, and revokes it', async () => {
    const csrf = await admin.csrfOf('/settings');
    const created = await admin.post('/settings/tokens', {
      _csrf: csrf,
      name: 'ci-bot',
      role: 'operator',
    });
    expect(created.status).toBe(200);
    const token = /data-token>(a4k_[\w-]+)</.exec(created.text)?.[1] as string;
    expect(token).toBeDefined();
    const tokens = new ApiTokensRepo(env.services.db);
    expect(await tokens.authenticate(token)).toMatchObject({ name: 'ci-bot', role: 'operator' });
    expect(JSON.stringify(await env.services.db.all('SELECT * FROM api_tokens'))).not.toContain(
      token,
    );
    const settings = await admin.get('/settings');
    expect(settings.text).toContain('ci-bot');
    expect(settings.text).not.toContain(token);
    expect((await admin.post('/settings/tokens/ci-bot/revoke', { _csrf: csrf })).status).toBe(303);
    expect(await tokens.authenticate(token)).toBeUndefined();
  });

  it('keeps an admin: the last one can be neither demoted nor removed', async () => {
    const csrf = await admin.csrfOf('/settings');
    const demote = await admin.post('/settings/users/root/role', { _csrf: csrf, role: 'viewer' });
    expect(demote.status).toBe(409);
    expect(demote.text).toContain('root is the last admin');
    expect((await users.get('root'))?.role).toBe('admin');
    await users.create('second', 'admin', await hashPassword('second admin pw'));
    expect(
      (await admin.post('/settings/users/second/role', { _csrf: csrf, role: 'operator' })).status,
    ).toBe(303);
    expect((await admin.post('/settings/users/second/remove', { _csrf: csrf })).status).toBe(303);
    expect(await users.get('second')).toBeUndefined();
  });
});
