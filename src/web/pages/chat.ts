import { Router } from 'express';
import { UserError } from '../../core/errors/user-error.js';
import { viewerOf, type Viewer } from '../auth/viewer.js';
import type { DashboardContext } from '../context.js';
import { renderMessages } from '../html/core-message.js';
import { html, type SafeHtml } from '../html/html.js';
import { csrfField, page } from '../html/layout.js';
import { formText, sendJson, sendPage, wantsJson } from '../http/respond.js';

const maxLine = 4000;

/** `/chat`: the agent in the browser, with the same commands, questions and approval cards as Slack. */
export function chatRoutes(ctx: DashboardContext): Router {
  const router = Router();

  router.get('/chat', (_req, res) => {
    const viewer = viewerOf(res);
    sendPage(res, chatPage(ctx, viewer, html``));
  });

  router.post('/chat', async (req, res) => {
    const viewer = viewerOf(res);
    const text = formText(req, 'text', maxLine + 1).trim();
    if (text.length > maxLine)
      throw new UserError('bad-input', `Keep a line under ${maxLine} characters.`);
    const messages = await ctx.agent.handle({
      platform: 'web',
      // One conversation per user: memory and `use CLUSTER` follow them across page loads.
      channelId: 'dashboard',
      threadId: viewer.username,
      userId: viewer.username,
      userName: viewer.username,
      role: viewer.role,
      text,
    });
    const answer = renderMessages(messages, viewer);
    if (wantsJson(req)) {
      sendJson(res, { html: answer.value });
      return;
    }
    sendPage(
      res,
      chatPage(
        ctx,
        viewer,
        html`<div class="turn turn-user"><p>${text}</p></div>
          <div class="turn turn-bot">${answer}</div>`,
      ),
    );
  });

  return router;
}

function chatPage(ctx: DashboardContext, viewer: Viewer, log: SafeHtml): SafeHtml {
  const mode = ctx.agent.aiEnabled
    ? 'Questions go to Claude, which uses the same tools you could.'
    : 'No Anthropic API key is set, so questions are answered by the offline router; commands work fully.';
  return page({
    title: 'Chat',
    viewer,
    active: 'chat',
    scripts: ['chat'],
    body: html`<p class="hint">
        Type a command (<code>pods --problems</code>, <code>logs web-1 --tail 50</code>,
        <code>help</code>) or ask a question. ${mode} Writes need an approval, shown here as a card.
      </p>
      <div class="chat-log" id="chat-log" aria-live="polite">${log}</div>
      <form class="chat-form" id="chat-form" method="post" action="/chat">
        ${csrfField(viewer)}
        <label class="sr-only" for="chat-text">Message</label>
        <input
          id="chat-text"
          name="text"
          maxlength="${maxLine}"
          autocomplete="off"
          required
          placeholder="pods --problems"
        />
        <button type="submit" class="primary">Send</button>
      </form>`,
  });
}
