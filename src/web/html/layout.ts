import { roleRank, type Role } from '../../core/policy/roles.js';
import type { Viewer } from '../auth/viewer.js';
import { html, type HtmlValue, type SafeHtml } from './html.js';

export type NavKey =
  'overview' | 'workloads' | 'metrics' | 'alerts' | 'approvals' | 'chat' | 'audit' | 'settings';

const nav: Array<{ key: NavKey; label: string; href: string; role: Role }> = [
  { key: 'overview', label: 'Overview', href: '/', role: 'viewer' },
  { key: 'workloads', label: 'Workloads', href: '/workloads', role: 'viewer' },
  { key: 'metrics', label: 'Metrics', href: '/metrics', role: 'viewer' },
  { key: 'alerts', label: 'Alerts', href: '/alerts', role: 'viewer' },
  { key: 'approvals', label: 'Approvals', href: '/approvals', role: 'operator' },
  { key: 'chat', label: 'Chat', href: '/chat', role: 'viewer' },
  { key: 'audit', label: 'Audit', href: '/audit', role: 'viewer' },
  { key: 'settings', label: 'Settings', href: '/settings', role: 'admin' },
];

/** Page scripts, all static files (the CSP allows no inline script). */
export type PageScript = 'chart' | 'chat';

export interface Flash {
  kind: 'success' | 'error' | 'info';
  text: string;
  /** Rendered markup under the text (an approval's result). */
  detail?: SafeHtml;
}

export interface PageOptions {
  title: string;
  viewer?: Viewer;
  active?: NavKey;
  body: HtmlValue;
  flashes?: Flash[];
  scripts?: PageScript[];
}

export function page(options: PageOptions): SafeHtml {
  const { viewer } = options;
  const scripts = options.scripts ?? [];
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${options.title} · AI4K8s</title>
        ${viewer ? html`<meta name="csrf-token" content="${viewer.csrf}" />` : ''}
        <link rel="stylesheet" href="/static/app.css" />
        ${scripts.includes('chart') ? html`<link rel="stylesheet" href="/static/uPlot.min.css" />` : ''}
        <script src="/static/app.js" defer></script>
        ${
          scripts.includes('chart')
            ? html`<script src="/static/uPlot.iife.min.js" defer></script>
                <script src="/static/chart.js" defer></script>`
            : ''
        }
        ${scripts.includes('chat') ? html`<script src="/static/chat.js" defer></script>` : ''}
      </head>
      <body>
        <header class="top">
          <a class="brand" href="/">AI4K8s</a>
          ${viewer ? navigation(viewer, options.active) : ''}
        </header>
        <main>
          <h1>${options.title}</h1>
          ${(options.flashes ?? []).map(flash)} ${options.body}
        </main>
      </body>
    </html> `;
}

function navigation(viewer: Viewer, active: NavKey | undefined): SafeHtml {
  const links = nav
    .filter((item) => roleRank(viewer.role) >= roleRank(item.role))
    .map(
      (item) =>
        html`<a href="${item.href}" ${item.key === active ? html` aria-current="page"` : ''}
          >${item.label}</a
        >`,
    );
  return html`<nav class="nav">${links}</nav>
    <form class="who" method="post" action="/logout">
      <span>${viewer.username} <span class="role">${viewer.role}</span></span>
      <input type="hidden" name="_csrf" value="${viewer.csrf}" />
      <button type="submit" class="link">Sign out</button>
    </form>`;
}

function flash(item: Flash): SafeHtml {
  return html`<div
    class="flash flash-${item.kind}"
    role="${item.kind === 'error' ? 'alert' : 'status'}"
  >
    <p>${item.text}</p>
    ${item.detail ?? ''}
  </div>`;
}

/** The hidden field every form of a signed-in page carries. */
export function csrfField(viewer: Viewer): SafeHtml {
  return html`<input type="hidden" name="_csrf" value="${viewer.csrf}" />`;
}

/** A one-button form that POSTs (for actions such as acknowledge, revoke, approve). */
export function postButton(
  viewer: Viewer,
  action: string,
  label: string,
  options: { style?: 'primary' | 'danger'; fields?: Record<string, string>; confirm?: string } = {},
): SafeHtml {
  const fields = Object.entries(options.fields ?? {}).map(
    ([name, value]) => html`<input type="hidden" name="${name}" value="${value}" />`,
  );
  return html`<form
    class="inline"
    method="post"
    action="${action}"
    ${options.confirm ? html` data-confirm="${options.confirm}"` : ''}
  >
    ${csrfField(viewer)}${fields}<button
      type="submit"
      ${options.style ? html` class="${options.style}"` : ''}
    >
      ${label}
    </button>
  </form>`;
}
