import type { UserError } from '../errors/user-error.js';
import { block, errorMessage, message } from '../messages/build.js';
import type { CoreMessage } from '../messages/core-message.js';
import type { ToolResult } from '../tools/types.js';
import type { AgentOutcome } from './agent-tools.js';
import { approvalCard } from './approval-card.js';

/** Turns a registry outcome into the chat reply: the result, an approval card, or the error with its fix. */
export function presentOutcome(outcome: AgentOutcome, now: number, title?: string): CoreMessage {
  switch (outcome.status) {
    case 'ok':
      return presentResult(
        outcome.result,
        title ?? (outcome.tool ? `${outcome.tool} on ${outcome.cluster}` : undefined),
      );
    case 'approval_required':
      return approvalCard(outcome.approval, now);
    case 'error':
      return presentUserError(outcome.error);
  }
}

export function presentResult(result: ToolResult, title?: string): CoreMessage {
  const blocks = [block.code(result.text.length > 0 ? result.text : '(no output)', 'text')];
  if (result.page && result.page.shown < result.page.total) {
    const more = result.page.continue
      ? ` Ask again with --continue ${result.page.continue} for the next page.`
      : '';
    blocks.push(block.note(`Showing ${result.page.shown} of ${result.page.total}.${more}`));
  }
  return message('info', blocks, title);
}

export function presentUserError(error: UserError): CoreMessage {
  const msg = errorMessage(error.message, error.hint);
  if (error.kind === 'forbidden' || error.kind === 'approval' || error.kind === 'budget')
    msg.severity = 'warning';
  return msg;
}
