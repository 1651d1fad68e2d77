import type { Block, CoreMessage, Field, Severity, TableBlock } from './core-message.js';

/** Small constructors so callers build messages without spelling out every `type`. */
export const block = {
  text: (text: string, style?: 'plain' | 'heading' | 'note'): Block =>
    style ? { type: 'text', text, style } : { type: 'text', text },
  note: (text: string): Block => ({ type: 'text', text, style: 'note' }),
  code: (text: string, language?: string): Block =>
    language ? { type: 'code', text, language } : { type: 'code', text },
  fields: (fields: Field[]): Block => ({ type: 'fields', fields }),
  table: (columns: string[], rows: string[][], caption?: string): TableBlock => {
    const width = columns.length;
    // A short row would break every renderer's column layout; pad or cut it here, once.
    const even = rows.map((r) =>
      r.length === width ? r : [...r, ...Array(width).fill('')].slice(0, width),
    );
    return caption
      ? { type: 'table', columns, rows: even, caption }
      : { type: 'table', columns, rows: even };
  },
};

export function message(severity: Severity, blocks: Block[], title?: string): CoreMessage {
  return title === undefined ? { severity, blocks } : { severity, blocks, title };
}

export function textMessage(
  text: string,
  severity: Severity = 'info',
  title?: string,
): CoreMessage {
  return message(severity, [block.text(text)], title);
}

export function errorMessage(text: string, hint?: string): CoreMessage {
  const blocks: Block[] = [block.text(text)];
  if (hint) blocks.push(block.note(hint));
  return message('error', blocks);
}
