/**
 * Slack parses `<...>` in message text as mentions and links (`<!channel>`, `<https://x|click>`)
 * and `&` as the start of an entity. Everything we show, above all what comes from the cluster
 * (names, logs, event messages), goes through `escapeMrkdwn` so it is shown, never interpreted.
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Cuts escaped text to `max` characters without splitting an entity such as `&amp;`. */
export function cutEscaped(escaped: string, max: number, marker = '…'): string {
  if (escaped.length <= max) return escaped;
  let cut = escaped.slice(0, Math.max(0, max - marker.length));
  const amp = cut.lastIndexOf('&');
  if (amp !== -1 && cut.indexOf(';', amp) === -1) cut = cut.slice(0, amp);
  return cut + marker;
}

/** Escapes, then cuts to `max` characters. */
export function fitMrkdwn(text: string, max: number): string {
  return cutEscaped(escapeMrkdwn(text), max);
}

/**
 * Plain text (headers, button labels) is not parsed for mentions, but Slack decodes entities in
 * every text field, so it is escaped the same way and kept on one line.
 */
export function fitPlain(text: string, max: number): string {
  return fitMrkdwn(text.replace(/\s*\n\s*/g, ' '), max);
}

/** A code block; a ``` inside the text would close it early, so it is broken with zero-width spaces. */
export function codeFence(escapedBody: string): string {
  const body = escapedBody.replace(/```/g, '`\u200b`\u200b`').replace(/\n+$/, '');
  return `\`\`\`${body.length > 0 ? body : ' '}\`\`\``;
}

/** The characters a code fence adds around its body. */
export const fenceOverhead = 6;
