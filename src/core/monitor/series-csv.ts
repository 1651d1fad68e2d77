import { UserError } from '../errors/user-error.js';
import { inferStepMs, type SeriesPoint } from './detector/sampling.js';

/** One data row of a series CSV: its time, value, the timestamp as written, and its line. */
export interface CsvRow extends SeriesPoint {
  /** The timestamp exactly as given: a string, or a number for epoch seconds/milliseconds. */
  timestamp: string | number;
  line: number;
}

export interface ParsedSeries {
  rows: CsvRow[];
  /** Median gap between timestamps. */
  stepMs: number;
}

const FORMAT_HINT =
  'Expected two columns "timestamp,value" with ISO 8601 times (2024-05-01T12:00:00Z), ' +
  '"YYYY-MM-DD HH:MM:SS" (UTC) or epoch seconds/milliseconds.';

/**
 * Parses a `timestamp,value` CSV (header optional; CRLF, blank lines and spaces tolerated).
 * Timestamps are ISO 8601, `YYYY-MM-DD HH:MM:SS` read as UTC, or epoch seconds or milliseconds
 * (decided for the whole file by magnitude). Rows must be in time order. Throws a UserError that
 * names the line and the fix.
 */
export function parseSeriesCsv(text: string): ParsedSeries {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  const raw: { fields: string[]; line: number }[] = [];
  lines.forEach((content, i) => {
    if (content.trim() !== '') raw.push({ fields: splitCsvLine(content), line: i + 1 });
  });
  if (raw.length > 0 && isHeader(raw[0]!.fields)) raw.shift();
  if (raw.length < 2) {
    throw new UserError(
      'bad-input',
      'the CSV has fewer than two data rows.',
      `Give at least two rows. ${FORMAT_HINT}`,
    );
  }

  const numeric = raw.map(({ fields }) => isPlainNumber(fields[0] ?? ''));
  const epochKind = numeric.every(Boolean) ? 'epoch' : numeric.some(Boolean) ? 'mixed' : 'text';
  if (epochKind === 'mixed') {
    const line = raw[numeric.findIndex((n) => n !== numeric[0])]!.line;
    throw new UserError(
      'bad-input',
      `line ${line}: timestamps mix epoch numbers and dates.`,
      'Use one timestamp format for the whole file.',
    );
  }
  // Epoch milliseconds from 1973 on exceed 1e11; epoch seconds stay below it until the year 5138.
  const epochScale =
    epochKind === 'epoch' && raw.some(({ fields }) => Math.abs(Number(fields[0])) >= 1e11)
      ? 1
      : 1000;

  const rows: CsvRow[] = [];
  for (const { fields, line } of raw) {
    if (fields.length < 2) {
      throw new UserError(
        'bad-input',
        `line ${line}: expected "timestamp,value", got ${JSON.stringify(fields.join(','))}.`,
        FORMAT_HINT,
      );
    }
    const [rawTime, rawValue] = fields as [string, string];
    const value = parseValue(rawValue);
    if (value === undefined) {
      throw new UserError(
        'bad-input',
        `line ${line}: value ${JSON.stringify(rawValue)} is not a number.`,
        'Write a plain number such as 42 or 0.75 in the second column.',
      );
    }
    let t: number;
    let timestamp: string | number;
    if (epochKind === 'epoch') {
      timestamp = Number(rawTime);
      t = timestamp * epochScale;
    } else {
      timestamp = rawTime;
      t = parseTimestamp(rawTime);
      if (Number.isNaN(t)) {
        throw new UserError(
          'bad-input',
          `line ${line}: cannot read timestamp ${JSON.stringify(rawTime)}.`,
          FORMAT_HINT,
        );
      }
    }
    const previous = rows[rows.length - 1];
    if (previous && t < previous.t) {
      throw new UserError(
        'bad-input',
        `line ${line}: timestamp ${JSON.stringify(rawTime)} is earlier than the row before (line ${previous.line}).`,
        'Sort the rows by time, oldest first.',
      );
    }
    rows.push({ t, v: value, timestamp, line });
  }
  const stepMs = inferStepMs(rows.map((r) => r.t));
  if (!(stepMs > 0)) {
    throw new UserError(
      'bad-input',
      'all rows have the same timestamp.',
      'Give rows at a regular sampling step.',
    );
  }
  return { rows, stepMs };
}

function splitCsvLine(content: string): string[] {
  return content.split(',').map((f) =>
    f
      .trim()
      .replace(/^"(.*)"$/, '$1')
      .trim(),
  );
}

/** A first row with neither a readable time nor a numeric value is a header. */
function isHeader(fields: string[]): boolean {
  const [time = '', value = ''] = fields;
  return (
    parseValue(value) === undefined && !isPlainNumber(time) && Number.isNaN(parseTimestamp(time))
  );
}

function isPlainNumber(text: string): boolean {
  return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text);
}

function parseValue(text: string): number | undefined {
  if (!isPlainNumber(text)) return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}

const ISO_LIKE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/**
 * ISO 8601 and `YYYY-MM-DD HH:MM[:SS[.fff]]`; without a zone the time is UTC. NaN if unreadable
 * or out of range (month 13, 25:00, February 30).
 */
export function parseTimestamp(text: string): number {
  const m = ISO_LIKE.exec(text.trim());
  if (!m) return Number.NaN;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', zone] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 24 || minute > 59 || second > 60)
    return Number.NaN;
  const ms = frac ? Math.round(Number(`0.${frac}`) * 1000) : 0;
  let t = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  if (new Date(Date.UTC(year, month - 1, day)).getUTCDate() !== day) return Number.NaN;
  if (zone && zone.toUpperCase() !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const offset = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || '0');
    t -= sign * offset * 60_000;
  }
  return t;
}
