import type { KnownBlock } from './render/block-kit.js';
import {
  renderPlainText,
  type Block,
  type CoreMessage,
  type Severity,
} from '../../core/messages/index.js';
import { renderCode, renderTableBlock } from './render/code-blocks.js';
import { renderButtons, renderFields } from './render/interactive-blocks.js';
import { slackLimits } from './render/limits.js';
import { escapeMrkdwn, fitMrkdwn, fitPlain } from './render/mrkdwn.js';
import { context, renderText } from './render/text-blocks.js';
import type { RenderContext, RenderedMessage, RenderOptions } from './render/types.js';

export type { RenderedFile, RenderedMessage, RenderOptions } from './render/types.js';

const severityEmoji: Record<Severity, string> = {
  info: '',
  success: ':white_check_mark: ',
  warning: ':warning: ',
  error: ':x: ',
  critical: ':rotating_light: ',
};

/**
 * Turns a platform-neutral message into one Slack message within Block Kit's limits. Every piece
 * of text is escaped: nothing in a message (least of all cluster output) can mention or link.
 */
export function renderMessage(msg: CoreMessage, options: RenderOptions = {}): RenderedMessage {
  const ctx: RenderContext = {
    allowFiles: options.allowFiles ?? true,
    cutHint: options.cutHint ?? 'The rest was cut to fit a Slack message.',
    files: [],
    fileStem: fileStem(msg.title),
  };
  const emoji = severityEmoji[msg.severity];
  const blocks: KnownBlock[] = [];
  if (msg.title) {
    blocks.push({
      type: 'header',
      text: {
        type: 'plain_text',
        text: fitPlain(emoji + msg.title, slackLimits.headerText),
        emoji: true,
      },
    });
  }
  let prefix = msg.title ? '' : emoji;
  for (const block of msg.blocks) {
    const rendered = renderBlock(block, ctx, prefix);
    if (rendered.length > 0 && block.type === 'text') prefix = '';
    blocks.push(...rendered);
  }
  if (msg.partial)
    blocks.push(
      context(':hourglass: Partial answer: the step limit or the token budget was reached.'),
    );
  if (msg.image) {
    if (ctx.allowFiles) {
      const filename = msg.image.filename ?? `${ctx.fileStem}.png`;
      ctx.files.push({
        filename,
        title: msg.image.alt,
        content: Buffer.from(msg.image.png),
        altText: msg.image.alt,
      });
      blocks.push(context(`Chart attached: ${escapeMrkdwn(msg.image.alt)}`));
    } else {
      blocks.push(
        context(
          `A chart (${escapeMrkdwn(msg.image.alt)}) was left out. ${escapeMrkdwn(ctx.cutHint)}`,
        ),
      );
    }
  }
  return { text: fallbackText(msg), blocks: fitBlockCount(blocks, msg, ctx), files: ctx.files };
}

function renderBlock(block: Block, ctx: RenderContext, prefix: string): KnownBlock[] {
  switch (block.type) {
    case 'text':
      return renderText(block.text, block.style, prefix);
    case 'code':
      return renderCode(block.text, ctx);
    case 'table':
      return renderTableBlock(block, ctx);
    case 'fields':
      return renderFields(block.fields);
    case 'buttons':
      return renderButtons(block.buttons);
  }
}

/** Over 50 blocks: the first ones and every button stay; the whole answer goes to a file. */
function fitBlockCount(blocks: KnownBlock[], msg: CoreMessage, ctx: RenderContext): KnownBlock[] {
  if (blocks.length <= slackLimits.blocksPerMessage) return blocks;
  const actions = blocks.filter((b) => b.type === 'actions');
  const content = blocks.filter((b) => b.type !== 'actions');
  const keep = content.slice(0, slackLimits.blocksPerMessage - actions.length - 1);
  const left = content.length - keep.length;
  let note = `${left} more part(s) did not fit in one Slack message.`;
  if (ctx.allowFiles) {
    const filename = `${ctx.fileStem}-full.txt`;
    ctx.files.push({ filename, title: filename, content: `${renderPlainText(msg)}\n` });
    note += ` The whole answer is in the attached file \`${escapeMrkdwn(filename)}\`.`;
  } else {
    note += ` ${escapeMrkdwn(ctx.cutHint)}`;
  }
  return [...keep, context(note), ...actions];
}

/** The text of notifications and of clients that show no blocks. */
function fallbackText(msg: CoreMessage): string {
  const first = msg.blocks.find((b) => b.type === 'text' || b.type === 'code');
  const text = msg.title ?? (first && 'text' in first ? first.text : undefined) ?? 'AI4K8s';
  return fitMrkdwn(text.split('\n')[0] ?? text, slackLimits.fallbackText);
}

function fileStem(title: string | undefined): string {
  const slug = (title ?? '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return slug || 'output';
}
