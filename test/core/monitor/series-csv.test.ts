import { describe, expect, it } from 'vitest';
import { UserError } from '../../../src/core/errors/user-error.js';
import { parseSeriesCsv, parseTimestamp } from '../../../src/core/monitor/series-csv.js';

function errorOf(text: string): UserError {
  try {
    parseSeriesCsv(text);
  } catch (error) {
    if (error instanceof UserError) return error;
    throw error;
  }
  throw new Error('expected a UserError');
}

describe('parseSeriesCsv', () => {
  it('reads "YYYY-MM-DD HH:MM:SS" as UTC, with a header, CRLF, blank lines and spaces', () => {
    const parsed = parseSeriesCsv(
      'timestamp,value\r\n\r\n2014-04-01 00:00:00, 12.5\r\n 2014-04-01 00:05:00 ,13\r\n\r\n',
    );
    expect(parsed.rows.map((r) => [r.t, r.v, r.timestamp, r.line])).toEqual([
      [Date.UTC(2014, 3, 1, 0, 0), 12.5, '2014-04-01 00:00:00', 3],
      [Date.UTC(2014, 3, 1, 0, 5), 13, '2014-04-01 00:05:00', 4],
    ]);
    expect(parsed.stepMs).toBe(300_000);
  });

  it('reads ISO 8601 with zones and fractions, and a file without a header', () => {
    const parsed = parseSeriesCsv(
      '2024-05-01T12:00:00Z,1\n2024-05-01T14:01:00.500+02:00,2\n"2024-05-01T12:02:00",3\n',
    );
    expect(parsed.rows.map((r) => r.t)).toEqual([
      Date.UTC(2024, 4, 1, 12, 0),
      Date.UTC(2024, 4, 1, 12, 1, 0, 500),
      Date.UTC(2024, 4, 1, 12, 2),
    ]);
  });

  it.each([
    { unit: 'seconds', first: '1700000000', second: '1700000060', firstMs: 1_700_000_000_000 },
    {
      unit: 'milliseconds',
      first: '1700000000000',
      second: '1700000060000',
      firstMs: 1_700_000_000_000,
    },
  ])(
    'reads epoch $unit (decided by magnitude) and keeps the timestamp a number',
    ({ first, second, firstMs }) => {
      const parsed = parseSeriesCsv(`timestamp,value\n${first},1\n${second},2\n`);
      expect(parsed.rows[0]?.t).toBe(firstMs);
      expect(parsed.rows[0]?.timestamp).toBe(Number(first));
      expect(parsed.stepMs).toBe(60_000);
    },
  );

  it('infers the median step despite gaps and duplicates', () => {
    const lines = ['timestamp,value'];
    for (const minute of [0, 1, 2, 3, 10, 11, 11, 12, 13])
      lines.push(`${1_700_000_000 + minute * 60},${minute}`);
    expect(parseSeriesCsv(lines.join('\n')).stepMs).toBe(60_000);
  });

  it.each([
    {
      text: 'timestamp,value\n2024-01-01 00:00:00,1\n2024-01-01 00:05:00,abc\n',
      message: /^line 3: value "abc" is not a number/,
      hint: /Write a plain number/,
    },
    {
      text: 'timestamp,value\n2024-01-01 00:00:00,1\nyesterday,2\n',
      message: /^line 3: cannot read timestamp "yesterday"/,
      hint: /ISO 8601 times .* or epoch seconds\/milliseconds/,
    },
    {
      text: '2024-01-01 00:00:00,1\n2024-13-01 00:00:00,2\n',
      message: /^line 2: cannot read timestamp/,
      hint: /ISO 8601 times .* or epoch seconds\/milliseconds/,
    },
    {
      text: '2024-01-01 00:05:00,1\n2024-01-01 00:00:00,2\n',
      message: /^line 2: .* earlier than the row before \(line 1\)/,
      hint: /Sort the rows by time/,
    },
    {
      text: '1700000000,1\n2024-01-01 00:00:00,2\n',
      message: /^line 2: timestamps mix epoch numbers and dates/,
      hint: /one timestamp format/,
    },
    {
      text: 'timestamp,value\n2024-01-01 00:00:00,1\n2024-01-01 00:01:00\n',
      message: /^line 3: expected "timestamp,value"/,
      hint: /ISO 8601 times .* or epoch seconds\/milliseconds/,
    },
    {
      text: 'timestamp,value\n2024-01-01 00:00:00,1\n',
      message: /fewer than two data rows/,
      hint: /Give at least two rows/,
    },
    { text: '', message: /fewer than two data rows/, hint: /Give at least two rows/ },
  ])('says which line is wrong and how to fix it: $message', ({ text, message, hint }) => {
    const error = errorOf(text);
    expect(error.kind).toBe('bad-input');
    expect(error.message).toMatch(message);
    expect(error.hint).toMatch(hint);
  });
});

describe('parseTimestamp', () => {
  it.each([
    ['2024-02-29 23:59:59', Date.UTC(2024, 1, 29, 23, 59, 59)],
    ['2024-02-29T23:59', Date.UTC(2024, 1, 29, 23, 59)],
    ['2024-02-29', Date.UTC(2024, 1, 29)],
    ['2024-02-29T23:00:00-0130', Date.UTC(2024, 2, 1, 0, 30)],
  ])('%s', (text, expected) => {
    expect(parseTimestamp(text)).toBe(expected);
  });

  it.each(['2023-02-29 00:00:00', '2024-01-01 25:00:00', '01/02/2024', '2024-01-01T00:00:00Q'])(
    'rejects %s',
    (text) => {
      expect(parseTimestamp(text)).toBeNaN();
    },
  );
});
