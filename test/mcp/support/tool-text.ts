import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';

/** The text content of a tool result, as a client shows it. */
export function textOf(result: CallToolResult): string {
  return result.content.map((c) => (c.type === 'text' ? c.text : '')).join('\n');
}

/** The first row under a table's header line (NAME ... or NAMESPACE ...). */
export function firstRow(text: string): string {
  const lines = text.split('\n');
  const header = lines.findIndex((line) => /^(NAMESPACE|NAME)\s/.test(line));
  return header === -1 ? '' : (lines[header + 1] ?? '');
}
