// Masks the value of `name=value`, `name: value` and `"name": "value"` when the name looks secret:
// env dumps, logfmt, YAML, JSON, Java properties. One pass; line starts and ends are tracked as the
// scan moves forward, so a single megabyte-long line costs no more than many short ones.
import { MASK } from './mask.js';
import { isSecretName } from './secret-name.js';

/** A candidate name and separator; the value is found by hand after it. */
const ASSIGNMENT =
  /(?<![A-Za-z0-9_.-])(-{0,2}[A-Za-z_][A-Za-z0-9_.-]{0,99})(?:\\?["'])?[ \t]{0,8}[:=][ \t]*/g;

/** Header names whose whole value is a credential, spaces included (`Authorization: Basic x`). */
const HEADER_NAMES = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie']);

/** Text-only exception: `key:` is how YAML names a key (selectors, secretKeyRef), not a secret. */
const STRUCTURAL_NAMES = new Set(['key', 'keys']);

/** Values that are not secrets even under a secret-looking name. */
const NOT_SECRET =
  /^(?:<redacted>|\\u003credacted\\u003e|PHJlZGFjdGVkPg==|<set to the key |<none>|<unset>|<nil>|true$|false$|null$|~$|\d+ bytes$|[{[]$)/i;

const LINE_PREFIX = /^[ \t]*(?:- )?(?:export )?$/;
const BLOCK_SCALAR = /^[|>][-+0-9]*[ \t]*(?:#.*)?$/;
const WORD_STOPS = new Set([' ', '\t', ',', ';', '&', '"', "'", '}', ']']);

interface Span {
  start: number;
  end: number;
  replacement: string;
}

/** Start and end of the line around a position that only moves forward. */
class LineTracker {
  private start = 0;
  private nextNewline: number;

  constructor(private readonly text: string) {
    this.nextNewline = this.find(0);
  }

  moveTo(position: number): void {
    while (this.nextNewline < position) {
      this.start = this.nextNewline + 1;
      this.nextNewline = this.find(this.start);
    }
  }

  get lineStart(): number {
    return this.start;
  }

  /** End of the current line, before any `\r`. */
  get lineEnd(): number {
    const end = this.nextNewline;
    return end > this.start && this.text[end - 1] === '\r' ? end - 1 : end;
  }

  private find(from: number): number {
    const nl = this.text.indexOf('\n', from);
    return nl < 0 ? this.text.length : nl;
  }
}

export function redactAssignments(text: string): string {
  const lines = new LineTracker(text);
  const pattern = new RegExp(ASSIGNMENT.source, 'g');
  const parts: string[] = [];
  let last = 0;
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(text)) !== null) {
    const name = (match[1] as string).replace(/^-+/, '');
    const lower = name.toLowerCase();
    if (STRUCTURAL_NAMES.has(lower) || !isSecretName(name)) continue;
    lines.moveTo(match.index);
    const indent = match.index - lines.lineStart;
    const atLineStart = indent <= 200 && LINE_PREFIX.test(text.slice(lines.lineStart, match.index));
    const from = match.index + match[0].length;
    const extent = atLineStart ? 'line' : HEADER_NAMES.has(lower) ? 'header' : 'word';
    const span = valueSpan(text, from, lines.lineEnd, extent, indent);
    if (!span || span.end <= span.start) continue;
    const value = text.slice(span.start, span.end);
    if (NOT_SECRET.test(value) || value === span.replacement) continue;
    parts.push(text.slice(last, span.start), span.replacement);
    last = span.end;
    pattern.lastIndex = Math.max(span.end, pattern.lastIndex);
  }
  if (last === 0) return text;
  parts.push(text.slice(last));
  return parts.join('');
}

/** How far an unquoted value reaches: the rest of the line (env dumps, YAML), a header value up to a
 * quote (`-H 'Authorization: Basic x'`), or one word (logfmt). */
type Extent = 'line' | 'header' | 'word';

function valueSpan(
  text: string,
  from: number,
  eol: number,
  extent: Extent,
  keyIndent: number,
): Span | undefined {
  if (from >= eol) return undefined;
  const quote =
    text.startsWith('\\"', from) || text.startsWith("\\'", from)
      ? text.slice(from, from + 2)
      : text[from];
  if (quote === '"' || quote === "'" || quote === '\\"' || quote === "\\'") {
    const start = from + quote.length;
    return { start, end: closingQuote(text, start, eol, quote), replacement: MASK };
  }
  if (BLOCK_SCALAR.test(text.slice(from, eol))) return blockScalarSpan(text, eol, keyIndent);
  let end = from;
  if (extent === 'word') {
    while (end < eol && !WORD_STOPS.has(text[end] as string)) end++;
  } else {
    while (end < eol && (extent === 'line' || (text[end] !== '"' && text[end] !== "'"))) end++;
    while (end > from && (text[end - 1] === ' ' || text[end - 1] === '\t')) end--;
  }
  return { start: from, end, replacement: MASK };
}

/** The closing quote on the same line, honouring backslash escapes; the line end if there is none. */
function closingQuote(text: string, start: number, eol: number, quote: string): number {
  for (let i = start; i < eol; i++) {
    if (text.startsWith(quote, i)) return i;
    if (text[i] === '\\' && quote === '"') i++;
  }
  return eol;
}

/** A YAML `password: |` block: every following line indented deeper than the key. */
function blockScalarSpan(text: string, eol: number, keyIndent: number): Span | undefined {
  if (eol >= text.length) return undefined;
  const start = text.indexOf('\n', eol) + 1;
  if (start === 0) return undefined;
  let end = start;
  let indent: string | undefined;
  while (end < text.length) {
    const nl = text.indexOf('\n', end);
    const next = nl < 0 ? text.length : nl;
    const line = text.slice(end, next).replace(/\r$/, '');
    const lead = /^[ \t]*/.exec(line)?.[0] ?? '';
    const blank = lead.length === line.length;
    if (!blank && lead.length <= keyIndent) break;
    if (!blank && indent === undefined) indent = lead;
    end = nl < 0 ? next : nl + 1;
  }
  if (indent === undefined) return undefined;
  const replacement = `${indent}${MASK}${text[end - 1] === '\n' ? '\n' : ''}`;
  return { start, end, replacement };
}
