import type { KnownBlock } from '../render/block-kit.js';
import { context } from '../render/text-blocks.js';

/** The decision as the card shows it. `userId` is Slack's own id of the clicking user. */
export function decisionNote(
  decision: 'approve' | 'deny',
  userId: string,
  failed: boolean,
  atMs: number,
): string {
  const when = `<!date^${Math.floor(atMs / 1000)}^{date_short_pretty} {time}|${new Date(atMs).toISOString()}>`;
  if (decision === 'deny')
    return `:no_entry_sign: Denied by <@${userId}> ${when}. It will not run.`;
  if (failed)
    return `:warning: Approved by <@${userId}> ${when}, but the call failed: see the thread.`;
  return `:white_check_mark: Approved by <@${userId}> ${when} and run: the result is in the thread.`;
}

/** The card as it was, without its Approve/Deny buttons, with who decided and how it went. */
export function decidedCardBlocks(original: unknown, note: string): KnownBlock[] {
  const blocks = Array.isArray(original) ? (original as KnownBlock[]) : [];
  const kept = blocks.filter(
    (b) =>
      !(
        b.type === 'actions' &&
        b.elements.some((e) => 'action_id' in e && e.action_id?.startsWith('approval.'))
      ),
  );
  return [...kept, context(note)];
}
