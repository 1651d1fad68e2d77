import type { KnownBlock } from './block-kit.js';
import { renderTable, type TableBlock } from '../../../core/messages/index.js';
import { inlineCodeLimit, previewChars, previewLines } from './limits.js';
import { codeFence, escapeMrkdwn, fenceOverhead } from './mrkdwn.js';
import { context, section } from './text-blocks.js';
import type { RenderContext } from './types.js';

/** A table as an aligned code block (Slack has no table block that survives every client). */
export function renderTableBlock(table: TableBlock, ctx: RenderContext): KnownBlock[] {
  const { caption, ...bare } = table;
  const blocks = renderCode(renderTable(bare), ctx);
  if (caption) blocks.push(context(escapeMrkdwn(caption)));
  return blocks;
}

/**
 * Code that fits is one code block. Longer output is attached as a file with the first lines
 * shown above it, or, where no file can go, cut with a note saying how to get the rest.
 */
export function renderCode(text: string, ctx: RenderContext): KnownBlock[] {
  const body = text.replace(/\n+$/, '');
  const escaped = escapeMrkdwn(body);
  if (escaped.length + fenceOverhead <= inlineCodeLimit) return [section(codeFence(escaped))];
  const lines = body.split('\n');
  if (ctx.allowFiles) {
    const filename = nextFilename(ctx);
    ctx.files.push({ filename, title: filename, content: `${body}\n` });
    const shown = headLines(lines, previewLines, previewChars);
    const more =
      lines.length > shown.length
        ? `Showing the first ${shown.length} of ${lines.length} lines; `
        : '';
    return [
      section(codeFence(escapeMrkdwn(shown.join('\n')))),
      context(`${more}the whole output is in the attached file \`${escapeMrkdwn(filename)}\`.`),
    ];
  }
  const shown = headLines(lines, lines.length, inlineCodeLimit - fenceOverhead);
  return [
    section(codeFence(escapeMrkdwn(shown.join('\n')))),
    context(
      `Showing the first ${shown.length} of ${lines.length} lines. ${escapeMrkdwn(ctx.cutHint)}`,
    ),
  ];
}

/** The first lines whose escaped text fits `maxChars` (at least part of one line). */
function headLines(lines: string[], maxLines: number, maxChars: number): string[] {
  const out: string[] = [];
  let used = 0;
  for (const line of lines.slice(0, maxLines)) {
    const cost = escapeMrkdwn(line).length + 1;
    if (used + cost > maxChars) break;
    out.push(line);
    used += cost;
  }
  if (out.length === 0) out.push(cutLine(lines[0] ?? '', maxChars));
  return out;
}

function cutLine(line: string, maxChars: number): string {
  let cut = line.slice(0, maxChars);
  while (escapeMrkdwn(cut).length > maxChars) cut = cut.slice(0, -1);
  return cut;
}

function nextFilename(ctx: RenderContext): string {
  const n = ctx.files.filter((f) => f.filename.endsWith('.txt')).length;
  return n === 0 ? `${ctx.fileStem}.txt` : `${ctx.fileStem}-${n + 1}.txt`;
}
