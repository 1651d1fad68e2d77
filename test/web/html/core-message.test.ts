import { describe, expect, it } from 'vitest';
import { normalizeHtml } from '../support/normalize-html.js';
import { approvalCard } from '../../../src/core/agent/approval-card.js';
import { block, message } from '../../../src/core/messages/build.js';
import type { Role } from '../../../src/core/policy/roles.js';
import type { Viewer } from '../../../src/web/auth/viewer.js';
import { renderMessage } from '../../../src/web/html/core-message.js';

function viewer(role: Role): Viewer {
  return {
    username: 'ann',
    role,
    csrf: 'token-123',
    address: '127.0.0.1',
    session: {
      idHash: 'h',
      csrfToken: 'token-123',
      createdAt: 0,
      lastSeenAt: 0,
      expiresAt: 1,
      user: { id: 1, username: 'ann', role },
    },
  };
}

const card = approvalCard(
  {
    id: 'apr-1',
    tool: 'execute_kubectl',
    args: { command: 'scale deploy web --replicas 3' },
    cluster: 'prod',
    risk: 'write',
    requiredRole: 'operator',
    requester: 'slack:U1',
    expiresAt: Date.parse('2025-03-03T10:15:00Z'),
  },
  Date.parse('2025-03-03T10:00:00Z'),
);

describe('renderMessage', () => {
  it('renders every block kind with its text escaped and `code spans` as code', () => {
    const msg = message(
      'error',
      [
        block.text('Pod `<b>web</b>` failed', 'heading'),
        block.text('see `kubectl describe` and <i>this</i>'),
        block.code('<script>alert(1)</script>', 'log'),
        block.table(['NAME', 'STATUS'], [['<img src=x>', 'Running']], 'one more'),
        block.fields([{ label: 'Node', value: 'worker-1 & <2>' }]),
        block.note('an odd ` backtick'),
      ],
      'Title <x>',
    );
    const out = normalizeHtml(renderMessage(msg, viewer('viewer')).value);
    expect(out).toContain(normalizeHtml('<article class="msg msg-error">'));
    expect(out).toContain(normalizeHtml('<h3>Title &lt;x&gt;</h3>'));
    expect(out).toContain(normalizeHtml('<h4>Pod <code>&lt;b&gt;web&lt;/b&gt;</code> failed</h4>'));
    expect(out).toContain(
      normalizeHtml('<p>see <code>kubectl describe</code> and &lt;i&gt;this&lt;/i&gt;</p>'),
    );
    expect(out).toContain(
      normalizeHtml('<pre><code>&lt;script&gt;alert(1)&lt;/script&gt;</code></pre>'),
    );
    expect(out).toContain(normalizeHtml('<td>&lt;img src=x&gt;</td>'));
    expect(out).toContain(normalizeHtml('<caption>one more</caption>'));
    expect(out).toContain(normalizeHtml('<dt>Node</dt><dd>worker-1 &amp; &lt;2&gt;</dd>'));
    expect(out).toContain(normalizeHtml('<p class="note">an odd &#96; backtick</p>'));
    expect(out).not.toMatch(/<(script|img|b|i)[ >]/);
  });

  it('turns an approval card into Approve and Deny forms with the CSRF token for an operator', () => {
    const out = normalizeHtml(renderMessage(card, viewer('operator')).value);
    expect(out).toContain(normalizeHtml('data-approval="apr-1"'));
    expect(out).toContain(
      normalizeHtml(
        '<form class="inline decide" method="post" action="/approvals/apr-1/decide"><input type="hidden" name="_csrf" value="token-123"><input type="hidden" name="decision" value="approve"><button type="submit" class="primary">Approve</button></form>',
      ),
    );
    expect(out).toContain(
      normalizeHtml(
        'name="decision" value="deny"><button type="submit" class="danger">Deny</button>',
      ),
    );
    expect(out).toContain(normalizeHtml('kubectl scale deploy web --replicas 3'));
  });

  it('shows a viewer why they cannot decide, without buttons', () => {
    const out = normalizeHtml(renderMessage(card, viewer('viewer')).value);
    expect(out).not.toContain('<form');
    expect(out).toContain(normalizeHtml('Deciding needs the operator role or higher.'));
  });
});
