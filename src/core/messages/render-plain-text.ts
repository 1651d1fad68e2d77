import type { Block, CoreMessage, Field, TableBlock } from './core-message.js';

const severityLabel: Record<CoreMessage['severity'], string> = {
  info: '',
  success: '',
  warning: 'WARNING',
  error: 'ERROR',
  critical: 'CRITICAL',
};

/** Renders a message for a terminal: aligned tables, code as-is, one blank line between blocks. */
export function renderPlainText(msg: CoreMessage): string {
  const parts: string[] = [];
  const label = severityLabel[msg.severity];
  if (msg.title || label) parts.push([label && `[${label}]`, msg.title].filter(Boolean).join(' '));
  if (msg.partial) parts.push('(partial answer)');
  for (const b of msg.blocks) parts.push(renderBlock(b));
  if (msg.image) parts.push(`[image: ${msg.image.alt}]`);
  return parts.filter((p) => p.length > 0).join('\n\n');
}

/** Several messages, separated so a reader sees where one ends. */
export function renderPlainTextAll(messages: CoreMessage[]): string {
  return messages.map(renderPlainText).join('\n\n');
}

function renderBlock(b: Block): string {
  switch (b.type) {
    case 'text':
      return b.style === 'heading' ? `== ${b.text} ==` : b.text;
    case 'code':
      return b.text.replace(/\n+$/, '');
    case 'table':
      return renderTable(b);
    case 'fields':
      return renderFields(b.fields);
    case 'buttons':
      return b.buttons.map((button) => `[${button.label}]`).join(' ');
  }
}

export function renderTable(t: TableBlock): string {
  const rows = t.rows.map((r) => t.columns.map((_, i) => oneLine(r[i] ?? '')));
  const widths = t.columns.map((c, i) =>
    Math.max(c.length, ...rows.map((r) => (r[i] ?? '').length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
      .join('   ')
      .trimEnd();
  const lines = [line(t.columns), ...rows.map(line)];
  if (t.rows.length === 0) lines.push('(none)');
  if (t.caption) lines.push(t.caption);
  return lines.join('\n');
}

function renderFields(fields: Field[]): string {
  const width = Math.max(0, ...fields.map((f) => f.label.length));
  return fields.map((f) => `${`${f.label}:`.padEnd(width + 1)} ${f.value}`).join('\n');
}

/** A cell with a newline would break the alignment of every row after it. */
function oneLine(cell: string): string {
  return cell.includes('\n') ? cell.replace(/\s*\n\s*/g, ' ') : cell;
}
