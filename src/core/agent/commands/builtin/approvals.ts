import { block, message, textMessage } from '../../../messages/build.js';
import { approvalCard } from '../../approval-card.js';
import type { ChatCommand } from '../command-table.js';

/** Pending requests are shown as cards, so they can be decided right from the list. */
const maxCards = 10;

export const approvalsCommand: ChatCommand = {
  name: 'approvals',
  summary: 'pending approval requests, each with Approve / Deny buttons',
  usage: 'approvals',
  args: { flags: [], positionals: [] },
  async run(ctx) {
    const pending = await ctx.services.approvals.listPending();
    if (pending.length === 0) return [textMessage('No approval requests are waiting.', 'success')];
    const now = ctx.services.now();
    const cards = pending.slice(0, maxCards).map((a) => approvalCard(a, now));
    const more = pending.length - cards.length;
    const header = message(
      'info',
      [
        block.text(
          `${pending.length} request${pending.length === 1 ? '' : 's'} waiting${more > 0 ? `; the ${maxCards} oldest below` : ''}.`,
        ),
      ],
      'Pending approvals',
    );
    return [header, ...cards];
  },
};
