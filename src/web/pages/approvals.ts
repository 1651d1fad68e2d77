import { Router } from 'express';
import { describeCall } from '../../core/agent/approval-card.js';
import { UserError } from '../../core/errors/user-error.js';
import { canApprove } from '../../core/policy/roles.js';
import type { Approval } from '../../core/tools/registry/approval-service.js';
import { requireRole } from '../auth/guards.js';
import { viewerOf, webCallerId, type Viewer } from '../auth/viewer.js';
import type { DashboardContext } from '../context.js';
import { ago, badge, table } from '../html/format.js';
import { renderMessages } from '../html/core-message.js';
import { html, type SafeHtml } from '../html/html.js';
import { page, postButton } from '../html/layout.js';
import { formText, redirect, sendJson, sendPage, wantsJson } from '../http/respond.js';

/** `/approvals`: pending write and exec requests, approved or denied here (operator and up). */
export function approvalsRoutes(ctx: DashboardContext): Router {
  const router = Router();
  const operator = requireRole('operator', 'The approvals page');

  router.get('/approvals', operator, async (_req, res) => {
    const viewer = viewerOf(res);
    const pending = await ctx.services.tools.approvals.listPending();
    sendPage(
      res,
      page({
        title: 'Approvals',
        viewer,
        active: 'approvals',
        flashes: ctx.flashes.take(viewer),
        body: html`<p>
            Write and exec calls wait here until someone whose role allows it decides. On approve,
            the stored call runs exactly as shown, as you.
          </p>
          ${pendingTable(viewer, pending, ctx.now())}`,
      }),
    );
  });

  router.post('/approvals/:id/decide', operator, async (req, res) => {
    const viewer = viewerOf(res);
    const id = req.params.id as string;
    const decision = formText(req, 'decision', 10);
    if (decision !== 'approve' && decision !== 'deny') {
      throw new UserError(
        'bad-input',
        'Say approve or deny.',
        'Use the buttons on the approvals page.',
      );
    }
    const result = await ctx.agent.decide({
      approvalId: id,
      decision,
      user: {
        platform: 'web',
        userId: viewer.username,
        userName: viewer.username,
        role: viewer.role,
      },
    });
    const detail = renderMessages(result.messages, viewer);
    if (wantsJson(req)) {
      sendJson(res, { decided: result.decided, html: detail.value });
      return;
    }
    ctx.flashes.add(viewer, {
      kind: result.decided ? 'success' : 'error',
      text: result.decided
        ? `Request ${id}: ${decision === 'approve' ? 'approved' : 'denied'}.`
        : `Request ${id} was not decided.`,
      detail,
    });
    redirect(res, '/approvals');
  });

  return router;
}

function pendingTable(viewer: Viewer, pending: Approval[], now: number): SafeHtml {
  return table(
    ['Request', 'Call', 'Cluster', 'Risk', 'Requested by', 'Asked', 'Expires', 'Decide'],
    pending.map((a) => [
      html`<code>${a.id}</code>`,
      html`<code>${describeCall(a.tool, a.args)}</code>`,
      a.cluster,
      badge(a.risk, a.risk === 'exec' ? 'bad' : 'warn'),
      a.requesterName ? `${a.requesterName} (${a.requester})` : a.requester,
      ago(a.createdAt.getTime(), now),
      html`<time datetime="${a.expiresAt.toISOString()}"
        >${a.expiresAt.toISOString().slice(11, 16)} UTC</time
      >`,
      decideCell(viewer, a),
    ]),
    { empty: 'No request is waiting for a decision.', id: 'pending-approvals' },
  );
}

function decideCell(viewer: Viewer, a: Approval): SafeHtml {
  if (!canApprove(viewer.role, a.risk))
    return html`<span class="note">needs ${a.requiredRole}</span>`;
  const own = a.requester === webCallerId(viewer.username);
  return html`${postButton(viewer, `/approvals/${encodeURIComponent(a.id)}/decide`, 'Approve', { style: 'primary', fields: { decision: 'approve' } })}${postButton(viewer, `/approvals/${encodeURIComponent(a.id)}/decide`, 'Deny', { style: 'danger', fields: { decision: 'deny' } })}${own ? html`<span class="note">your own request</span>` : ''}`;
}
