/**
 * Turns the text of a Slack message or slash command back into what the user typed: Slack
 * escapes `&`, `<`, `>` and rewrites names it recognises as links (`app.kubernetes.io/name=web`
 * arrives as `<http://app.kubernetes.io/name=web|app.kubernetes.io/name=web>`), and phones
 * turn quotes curly. The bot's own mention is dropped.
 */
export function inboundText(text: string, botUserId?: string): string {
  const withoutLinks = text.replace(/<([^<>]*)>/g, (_whole, inner: string) => {
    const [target = '', label] = splitOnce(inner, '|');
    if (target.startsWith('@')) {
      const id = target.slice(1);
      return botUserId !== undefined && id === botUserId ? '' : `@${label ?? id}`;
    }
    if (target.startsWith('#')) return `#${label ?? target.slice(1)}`;
    if (target.startsWith('!')) return `@${label ?? target.slice(1).split('^')[0]}`;
    return label ?? target.replace(/^mailto:/, '');
  });
  return withoutLinks
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201C\u201D]/g, '"')
    .replace(/\u00A0/g, ' ')
    .trim();
}

function splitOnce(text: string, separator: string): [string, string | undefined] {
  const at = text.indexOf(separator);
  return at === -1 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)];
}

/** `pods -n shop --private` -> the line without the flag, and that the answer is private. */
export function splitPrivateFlag(text: string): { text: string; private: boolean } {
  const match = /(^|\s)--private\s*$/.exec(text);
  if (!match) return { text, private: false };
  return { text: text.slice(0, match.index).trim(), private: true };
}
