import { roleRank } from '../../core/policy/roles.js';
import {
  approvalActions,
  type Block,
  type Button,
  type CoreMessage,
} from '../../core/messages/core-message.js';
import type { Viewer } from '../auth/viewer.js';
import { table } from './format.js';
import { html, type SafeHtml } from './html.js';
import { csrfField } from './layout.js';

/** The agent's platform-neutral replies as HTML: the dashboard's renderer, like Slack's Block Kit one. */
export function renderMessages(messages: CoreMessage[], viewer: Viewer): SafeHtml {
  return html`${messages.map((m) => renderMessage(m, viewer))}`;
}

export function renderMessage(m: CoreMessage, viewer: Viewer): SafeHtml {
  return html`<article
    class="msg msg-${m.severity}"
    ${m.approvalId ? html` data-approval="${m.approvalId}"` : ''}
  >
    ${m.title ? html`<h3>${m.title}</h3>` : ''} ${m.blocks.map((b) => renderBlock(b, viewer))}
    ${m.image ? html`<img class="msg-image" alt="${m.image.alt}" src="data:image/png;base64,${Buffer.from(m.image.png).toString('base64')}" />` : ''}
    ${m.partial ? html`<p class="note">This answer is incomplete (a step or token limit was reached).</p>` : ''}
  </article>`;
}

function renderBlock(b: Block, viewer: Viewer): SafeHtml {
  switch (b.type) {
    case 'text':
      if (b.style === 'heading') return html`<h4>${inlineCode(b.text)}</h4>`;
      return html`<p${b.style === 'note' ? html` class="note"` : ''}>${inlineCode(b.text)}</p>`;
    case 'code':
      return html`<pre><code>${b.text}</code></pre>`;
    case 'table':
      return table(b.columns, b.rows, { caption: b.caption, empty: 'No rows.' });
    case 'fields':
      return html`<dl class="facts">
        ${b.fields.map(
          (f) =>
            html`<dt>${f.label}</dt>
              <dd>${inlineCode(f.value)}</dd>`,
        )}
      </dl>`;
    case 'buttons':
      return html`<div class="buttons">
        ${b.buttons.map((button) => renderButton(button, viewer))}
      </div>`;
  }
}

/** `code spans` in backticks, the only markup CoreMessage text carries. */
function inlineCode(text: string): SafeHtml {
  const parts = text.split('`');
  if (parts.length < 3) return html`${text}`;
  return html`${parts.map((part, i) => (i % 2 === 1 && i < parts.length - 1 ? html`<code>${part}</code>` : i % 2 === 1 ? `\`${part}` : part))}`;
}

/** Approve and Deny become forms to the approvals endpoint; a viewer sees why they cannot click. */
function renderButton(button: Button, viewer: Viewer): SafeHtml {
  const decision =
    button.id === approvalActions.approve
      ? 'approve'
      : button.id === approvalActions.deny
        ? 'deny'
        : undefined;
  if (!decision) return html`<button type="button" disabled>${button.label}</button>`;
  if (roleRank(viewer.role) < roleRank('operator')) {
    return decision === 'approve'
      ? html`<p class="note">Deciding needs the operator role or higher.</p>`
      : html``;
  }
  const style = button.style === 'danger' ? 'danger' : button.style === 'primary' ? 'primary' : '';
  return html`<form
    class="inline decide"
    method="post"
    action="/approvals/${encodeURIComponent(button.value)}/decide"
  >
    ${csrfField(viewer)}<input type="hidden" name="decision" value="${decision}" /><button
      type="submit"
      ${style ? html` class="${style}"` : ''}
    >
      ${button.label}
    </button>
  </form>`;
}
