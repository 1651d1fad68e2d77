import { Router } from 'express';
import type { Config } from '../../core/config/schema.js';
import type { ApiTokenRecord } from '../../core/store/repos/api-tokens.js';
import type { WebUser } from '../../core/store/repos/users.js';
import { minPasswordLength } from '../auth/passwords.js';
import { requireRole } from '../auth/guards.js';
import { viewerOf, type Viewer } from '../auth/viewer.js';
import type { DashboardContext } from '../context.js';
import { badge, options, table, utc } from '../html/format.js';
import { html, type SafeHtml } from '../html/html.js';
import { csrfField, page, postButton, type Flash } from '../html/layout.js';
import { sendPage } from '../http/respond.js';
import { settingsActions } from './settings-actions.js';

const roles = ['viewer', 'operator', 'admin'];

/** `/settings` (admin): users and roles, MCP tokens, and the config's clusters and bindings. */
export function settingsRoutes(ctx: DashboardContext): Router {
  const router = Router();
  const admin = requireRole('admin', 'Settings');
  router.get('/settings', admin, async (_req, res) => {
    const viewer = viewerOf(res);
    sendPage(res, await settingsPage(ctx, viewer, ctx.flashes.take(viewer)));
  });
  router.use('/settings', admin, settingsActions(ctx));
  return router;
}

export async function settingsPage(
  ctx: DashboardContext,
  viewer: Viewer,
  flashes: Flash[],
  newToken?: { name: string; token: string },
): Promise<SafeHtml> {
  const [users, tokens] = await Promise.all([ctx.users.list(), ctx.services.tokens.list()]);
  return page({
    title: 'Settings',
    viewer,
    active: 'settings',
    flashes,
    body: html`${newToken ? tokenShownOnce(newToken) : ''}
      <section class="card" id="users">
        <h2>Dashboard users</h2>
        ${usersTable(viewer, users)}
        <h3>Add a user</h3>
        <form class="filters" method="post" action="/settings/users">
          ${csrfField(viewer)}
          <label
            >Username <input name="username" required maxlength="64" autocomplete="off"
          /></label>
          <label
            >Role
            <select name="role">
              ${options(roles, 'viewer')}
            </select></label
          >
          <label
            >Password
            <input
              name="password"
              type="password"
              required
              minlength="${minPasswordLength}"
              maxlength="1024"
              autocomplete="new-password"
          /></label>
          <button type="submit" class="primary">Add user</button>
        </form>
      </section>
      <section class="card" id="tokens">
        <h2>MCP tokens</h2>
        <p class="hint">
          Bearer tokens for MCP clients at <code>/mcp</code>. A token is shown once when created;
          only its hash is stored.
        </p>
        ${tokensTable(viewer, tokens)}
        <h3>Create a token</h3>
        <form class="filters" method="post" action="/settings/tokens">
          ${csrfField(viewer)}
          <label
            >Name
            <input
              name="name"
              required
              maxlength="64"
              placeholder="claude-desktop"
              autocomplete="off"
          /></label>
          <label
            >Role
            <select name="role">
              ${options(roles, 'viewer')}
            </select></label
          >
          <button type="submit" class="primary">Create token</button>
        </form>
      </section>
      ${configSection(ctx.services.config)}`,
  });
}

function tokenShownOnce(t: { name: string; token: string }): SafeHtml {
  return html`<section class="card flash flash-success" id="new-token" role="status">
    <p>Token "${t.name}" created. Copy it now: it is not shown again.</p>
    <pre class="token"><code data-token>${t.token}</code></pre>
    <p class="hint">
      Clients send it as <code>Authorization: Bearer &lt;token&gt;</code> to <code>/mcp</code>.
    </p>
  </section>`;
}

function usersTable(viewer: Viewer, users: WebUser[]): SafeHtml {
  return table(
    ['User', 'Role', 'Created', 'Last sign-in', 'Password', ''],
    users.map((u) => {
      const path = `/settings/users/${encodeURIComponent(u.username)}`;
      return [
        html`${u.username}${u.username === viewer.username ? badge('you', 'info') : ''}`,
        html`<form class="inline" method="post" action="${path}/role">
          ${csrfField(viewer)}<select name="role" aria-label="Role of ${u.username}">
            ${options(roles, u.role)}</select
          ><button type="submit">Save</button>
        </form>`,
        utc(u.createdAt),
        utc(u.lastLoginAt),
        html`<form class="inline" method="post" action="${path}/password">
          ${csrfField(viewer)}<input
            name="password"
            type="password"
            minlength="${minPasswordLength}"
            maxlength="1024"
            required
            placeholder="new password"
            aria-label="New password for ${u.username}"
            autocomplete="new-password"
          /><button type="submit">Set</button>
        </form>`,
        u.username === viewer.username
          ? ''
          : postButton(viewer, `${path}/remove`, 'Remove', {
              style: 'danger',
              confirm: `Remove ${u.username}? Their sessions end at once.`,
            }),
      ];
    }),
    { empty: 'No users.', id: 'users-table' },
  );
}

function tokensTable(viewer: Viewer, tokens: ApiTokenRecord[]): SafeHtml {
  return table(
    ['Name', 'Role', 'Created', 'Last used', 'State'],
    tokens.map((t) => [
      t.name,
      t.role,
      utc(t.createdAt),
      utc(t.lastUsedAt),
      t.revokedAt
        ? badge(`revoked ${utc(t.revokedAt)}`, 'muted')
        : postButton(viewer, `/settings/tokens/${encodeURIComponent(t.name)}/revoke`, 'Revoke', {
            style: 'danger',
            confirm: `Revoke ${t.name}? Clients using it are refused from then on.`,
          }),
    ]),
    { empty: 'No tokens yet.', id: 'tokens-table' },
  );
}

function configSection(config: Config): SafeHtml {
  const list = (values: string[] | undefined) =>
    values && values.length ? values.join(', ') : 'all';
  return html`<section class="card" id="config">
    <h2>Configuration (read-only)</h2>
    <p class="hint">
      These come from ai4k8s.yaml and the environment; change them there and restart.
    </p>
    <h3>Clusters</h3>
    ${table(
      ['Name', 'Kubeconfig', 'Context', 'In cluster'],
      config.clusters.map((c) => [
        c.name,
        c.kubeconfig ?? '-',
        c.context ?? '-',
        c.inCluster ? 'yes' : 'no',
      ]),
      {
        empty: config.kubeconfig
          ? `One cluster from the kubeconfig ${config.kubeconfig}.`
          : 'No clusters listed: the default kubeconfig is used.',
      },
    )}
    <h3>Chat roles</h3>
    <p>
      Default role: ${config.roles.defaultRole}. Terminal role: ${config.cli.role}. MCP over stdio:
      ${config.mcp.stdioRole}.
    </p>
    ${table(
      ['Platform', 'User', 'Role'],
      config.roles.users.map((u) => [u.platform, u.id, u.role]),
      { empty: 'No per-user role bindings.' },
    )}
    <h3>Channel bindings and alert routes</h3>
    ${table(
      [
        'Platform',
        'Channel',
        'Cluster',
        'Role',
        'Namespaces',
        'Alerts',
        'Min severity',
        'Alert kinds',
      ],
      config.roles.channels.map((c) => [
        c.platform,
        c.channel,
        c.cluster ?? 'default',
        c.role ?? 'default',
        list(c.namespaces),
        c.alerts ? badge('routed here', 'info') : 'no',
        c.minSeverity,
        list(c.alertKinds),
      ]),
      { empty: 'No channel bindings: alerts go to the fallback route (the server log).' },
    )}
  </section>`;
}
