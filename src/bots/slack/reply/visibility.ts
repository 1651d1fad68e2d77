import type { CoreMessage } from '../../../core/messages/index.js';

/** What the user asked for about who sees the answer. */
export interface ReplyAudience {
  /** The line ended with `--private`. */
  private: boolean;
  /** `help` (or an empty line): useful to the asker only. */
  help: boolean;
}

export function isHelpLine(text: string): boolean {
  return text.trim() === '' || /^help(\s|$)/i.test(text.trim());
}

/**
 * Errors and help go to the asker only; answers are visible unless asked `--private`. An
 * approval card is always visible: someone else has to see it to approve it.
 */
export function isPrivateReply(msg: CoreMessage, audience: ReplyAudience): boolean {
  if (msg.approvalId) return false;
  if (audience.private || audience.help) return true;
  return isErrorReply(msg);
}

/** An error reply: severity error, or the agent's short warning for a refused or bad request. */
export function isErrorReply(msg: CoreMessage): boolean {
  if (msg.severity === 'error') return true;
  return (
    msg.severity === 'warning' &&
    msg.title === undefined &&
    msg.blocks.every((b) => b.type === 'text')
  );
}

export const privateCutHint = 'Ask again without --private to get the whole output as a file.';
