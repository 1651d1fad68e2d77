/**
 * Markup with formatting whitespace removed, so assertions survive Prettier reflowing the `html`
 * templates (it formats them as embedded HTML): whitespace runs become one space, none is kept
 * next to a tag boundary, and `<input />` reads `<input>`.
 */
export function normalizeHtml(markup: string): string {
  return markup
    .replace(/\s+/g, ' ')
    .replace(/\s*\/>/g, '>')
    .replace(/\s*([<>])\s*/g, '$1')
    .trim();
}
