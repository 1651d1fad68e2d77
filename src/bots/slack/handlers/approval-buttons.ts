import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { approvalActions, type CoreMessage } from '../../../core/messages/index.js';
import { renderMessage } from '../render.js';
import type { KnownBlock } from '../render/block-kit.js';
import { postReply, type PostTarget } from '../reply/post-reply.js';
import type { ResponseUrlMessage } from '../reply/response-url.js';
import type { SlackClient } from '../reply/slack-client.js';
import { isErrorReply } from '../reply/visibility.js';
import { decidedCardBlocks, decisionNote } from './decided-card.js';
import type { SlackHandlerDeps } from './handler-deps.js';

type Respond = (message: ResponseUrlMessage) => Promise<void>;

interface CardRef {
  channel: string;
  ts: string;
  threadTs?: string;
  blocks: unknown;
}

/**
 * Approve / Deny on an approval card. The agent checks the clicking user's role (and that nobody
 * approves their own request); a refusal goes to that user only. A decision updates the card to
 * say who decided, and an approved call's result is posted in the thread.
 */
export function registerApprovalButtons(
  app: App,
  deps: SlackHandlerDeps & { now?: () => number },
): void {
  const log = deps.logger.child({ component: 'slack-approvals' });
  const now = deps.now ?? Date.now;
  app.action<BlockAction<ButtonAction>>(
    {
      type: 'block_actions',
      action_id: new RegExp(
        `^(${escapeRe(approvalActions.approve)}|${escapeRe(approvalActions.deny)})$`,
      ),
    },
    async ({ ack, body, action, client }) => {
      await ack();
      const respond: Respond = (message) => deps.postToResponseUrl(body.response_url, message);
      const decision = action.action_id === approvalActions.approve ? 'approve' : 'deny';
      const card = cardOf(body);
      const result = await deps.agent.decide({
        approvalId: action.value ?? '',
        decision,
        user: {
          platform: 'slack',
          userId: body.user.id,
          userName: body.user.username ?? body.user.name,
          ...(card ? { channelId: card.channel } : {}),
        },
      });
      if (!result.decided) {
        for (const msg of result.messages) await tellClicker(respond, msg, log);
        return;
      }
      const failed = result.messages.some(isErrorReply);
      const note = decisionNote(decision, body.user.id, failed, now());
      if (card) await updateCard(client, respond, card, note, log);
      if (decision === 'deny') return;
      const target = resultTarget(result.postTo, card);
      for (const msg of result.messages) {
        const rendered = renderMessage(msg);
        try {
          if (!target) throw new Error('no place to post to');
          await postReply(client, target, rendered, log);
        } catch (error) {
          log.warn(
            { err: error },
            'could not post the approved call’s result; answering through response_url',
          );
          await respond({
            response_type: 'in_channel',
            replace_original: false,
            text: rendered.text,
            blocks: rendered.blocks,
          });
        }
      }
    },
  );
}

function cardOf(body: BlockAction): CardRef | undefined {
  const channel = body.channel?.id ?? (body.container.channel_id as string | undefined);
  const ts = body.message?.ts ?? (body.container.message_ts as string | undefined);
  if (!channel || !ts) return undefined;
  const thread = body.message?.thread_ts as string | undefined;
  return {
    channel,
    ts,
    blocks: body.message?.blocks,
    ...(thread && thread !== ts ? { threadTs: thread } : {}),
  };
}

/** Where the request was asked (its thread), else under the card. */
function resultTarget(
  postTo: { platform: string; channelId: string; threadId?: string } | undefined,
  card: CardRef | undefined,
): PostTarget | undefined {
  if (postTo?.platform === 'slack') {
    const threadTs =
      postTo.threadId ??
      (card && postTo.channelId === card.channel ? (card.threadTs ?? card.ts) : undefined);
    return threadTs ? { channel: postTo.channelId, threadTs } : { channel: postTo.channelId };
  }
  return card ? { channel: card.channel, threadTs: card.threadTs ?? card.ts } : undefined;
}

async function updateCard(
  client: SlackClient,
  respond: Respond,
  card: CardRef,
  note: string,
  log: SlackHandlerDeps['logger'],
): Promise<void> {
  const blocks: KnownBlock[] = decidedCardBlocks(card.blocks, note);
  const text = note.replace(/<[^>]*>/g, '').replace(/\s+/g, ' ');
  try {
    await client.chat.update({ channel: card.channel, ts: card.ts, text, blocks });
  } catch (error) {
    // A card posted through a slash command's response_url may not be editable by the bot.
    log.warn(
      { err: error, channel: card.channel },
      'chat.update of the approval card failed; replacing it through response_url',
    );
    await respond({ replace_original: true, text, blocks }).catch((e: unknown) =>
      log.error({ err: e }, 'could not update the approval card'),
    );
  }
}

async function tellClicker(
  respond: Respond,
  msg: CoreMessage,
  log: SlackHandlerDeps['logger'],
): Promise<void> {
  const rendered = renderMessage(msg, { allowFiles: false });
  await respond({
    response_type: 'ephemeral',
    replace_original: false,
    text: rendered.text,
    blocks: rendered.blocks,
  }).catch((error: unknown) =>
    log.warn({ err: error }, 'could not tell the user why their click was refused'),
  );
}

function escapeRe(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
