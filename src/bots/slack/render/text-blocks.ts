import type { ContextBlock, KnownBlock, SectionBlock } from './block-kit.js';
import { cutEscaped, escapeMrkdwn } from './mrkdwn.js';
import { slackLimits } from './limits.js';

export function section(mrkdwn: string): SectionBlock {
  return { type: 'section', text: { type: 'mrkdwn', text: mrkdwn } };
}

/** Small grey text under the main content (notes, captions, footers). Takes escaped mrkdwn. */
export function context(mrkdwn: string): ContextBlock {
  return {
    type: 'context',
    elements: [{ type: 'mrkdwn', text: cutEscaped(mrkdwn, slackLimits.sectionText) }],
  };
}

/**
 * Splits escaped text into pieces of at most `max` characters, at line breaks where it can and
 * never inside an entity, so each piece fits one section.
 */
export function splitEscaped(escaped: string, max: number): string[] {
  const pieces: string[] = [];
  let rest = escaped;
  while (rest.length > max) {
    let cut = rest.lastIndexOf('\n', max);
    if (cut <= 0) {
      cut = max;
      const amp = rest.lastIndexOf('&', cut - 1);
      if (amp !== -1 && amp > cut - 6 && rest.indexOf(';', amp) >= cut) cut = amp;
    }
    pieces.push(rest.slice(0, cut));
    rest = rest.slice(cut).replace(/^\n/, '');
  }
  if (rest.length > 0 || pieces.length === 0) pieces.push(rest);
  return pieces;
}

/** A text block of the core model: plain, heading (bold) or note (context), split to fit. */
export function renderText(
  text: string,
  style: 'plain' | 'heading' | 'note' | undefined,
  prefix = '',
): KnownBlock[] {
  const escaped = escapeMrkdwn(text.trim());
  if (escaped.length === 0) return [];
  if (style === 'note') return [context(prefix + escaped)];
  const room = slackLimits.sectionText - prefix.length - (style === 'heading' ? 2 : 0);
  return splitEscaped(escaped, room).map((piece, i) => {
    const lead = i === 0 ? prefix : '';
    return section(style === 'heading' ? `${lead}*${piece}*` : lead + piece);
  });
}
