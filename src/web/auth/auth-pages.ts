import { html, type SafeHtml } from '../html/html.js';
import { page, type Flash } from '../html/layout.js';
import { minPasswordLength } from './passwords.js';

export function loginPage(options: {
  csrf: string;
  next?: string;
  username?: string;
  error?: string;
  noUsers: boolean;
}): SafeHtml {
  const flashes: Flash[] = options.error ? [{ kind: 'error', text: options.error }] : [];
  if (options.noUsers) {
    flashes.push({
      kind: 'info',
      text: 'No one can sign in yet. Open the one-time setup link printed in the server log when AI4K8s started, or create a user on the server with `ai4k8s user add NAME --role admin`.',
    });
  }
  return page({
    title: 'Sign in',
    flashes,
    body: html`<form class="card narrow" method="post" action="/login">
      <input type="hidden" name="_csrf" value="${options.csrf}" />
      ${options.next ? html`<input type="hidden" name="next" value="${options.next}" />` : ''}
      <label
        >Username
        <input
          name="username"
          autocomplete="username"
          required
          maxlength="64"
          value="${options.username ?? ''}"
          autofocus
      /></label>
      <label
        >Password
        <input
          name="password"
          type="password"
          autocomplete="current-password"
          required
          maxlength="1024"
      /></label>
      <button type="submit" class="primary">Sign in</button>
    </form>`,
  });
}

export function setupPage(options: {
  csrf: string;
  token: string;
  username?: string;
  error?: string;
}): SafeHtml {
  return page({
    title: 'Create the first admin',
    flashes: options.error ? [{ kind: 'error', text: options.error }] : [],
    body: html`<p>
        This link works once. The account you create here is an admin: it can add the other users
        under Settings.
      </p>
      <form class="card narrow" method="post" action="/setup">
        <input type="hidden" name="_csrf" value="${options.csrf}" />
        <input type="hidden" name="token" value="${options.token}" />
        <label
          >Username
          <input
            name="username"
            autocomplete="username"
            required
            maxlength="64"
            value="${options.username ?? ''}"
            autofocus
        /></label>
        <label
          >Password (at least ${minPasswordLength} characters)
          <input
            name="password"
            type="password"
            autocomplete="new-password"
            required
            minlength="${minPasswordLength}"
            maxlength="1024"
        /></label>
        <label
          >Password again
          <input
            name="confirm"
            type="password"
            autocomplete="new-password"
            required
            minlength="${minPasswordLength}"
            maxlength="1024"
        /></label>
        <button type="submit" class="primary">Create admin and sign in</button>
      </form>`,
  });
}

export function setupClosedPage(reason: 'done' | 'invalid'): SafeHtml {
  const text =
    reason === 'done'
      ? 'Setup is done: users exist. Sign in instead.'
      : 'This setup link is not valid: it was used, it expired, or it is from an earlier start of AI4K8s.';
  const hint =
    reason === 'done'
      ? ''
      : 'Restart AI4K8s for a new link (printed while no user exists), or create an admin on the server with `ai4k8s user add NAME --role admin`.';
  return page({
    title: 'Setup',
    flashes: [{ kind: reason === 'done' ? 'info' : 'error', text }],
    body: html`${hint ? html`<p class="hint">${hint}</p>` : ''}
      <p><a href="/login">Go to sign in</a></p>`,
  });
}
