// The shared render helpers of the read tools (src/core/tools/render), checked against what
// kubectl prints for the same input.
import { describe, expect, it } from 'vitest';
import { formatDuration } from '../../../../src/core/tools/render/age.js';
import { estimateTokens, renderBudgetedTable } from '../../../../src/core/tools/render/budget.js';
import {
  collapseRepeats,
  compileGrep,
  printableLine,
} from '../../../../src/core/tools/render/log-lines.js';
import { makeContinue, readContinue } from '../../../../src/core/tools/render/paging.js';
import { formatMemory, parseQuantity } from '../../../../src/core/tools/render/quantity.js';

describe('formatDuration (kubectl HumanDuration)', () => {
  it.each([
    [0, '0s'],
    [59_000, '59s'],
    [119_000, '119s'],
    [120_000, '2m'],
    [330_000, '5m30s'],
    [600_000, '10m'],
    [179 * 60_000, '179m'],
    [3 * 3600_000, '3h'],
    [(7 * 60 + 59) * 60_000, '7h59m'],
    [47 * 3600_000, '47h'],
    [(2 * 24 + 4) * 3600_000, '2d4h'],
    [30 * 86400_000, '30d'],
    [(2 * 365 + 3) * 86400_000, '2y3d'],
  ])('%i ms is %s', (ms, text) => expect(formatDuration(ms)).toBe(text));
});

describe('parseQuantity', () => {
  it.each([
    ['250m', 0.25],
    ['2', 2],
    ['1.5', 1.5],
    ['128Mi', 128 * 2 ** 20],
    ['1Gi', 2 ** 30],
    ['2G', 2e9],
    ['1e3', 1000],
    ['500n', 5e-7],
    ['12345Ki', 12345 * 1024],
  ])('%s = %d', (text, value) => expect(parseQuantity(text)).toBeCloseTo(value, 12));

  it('returns undefined for garbage and formats memory like kubectl top', () => {
    expect(parseQuantity('lots')).toBeUndefined();
    expect(formatMemory(300 * 2 ** 20)).toBe('300Mi');
  });
});

describe('renderBudgetedTable', () => {
  const columns = [
    { header: 'NAME', cell: (r: { name: string; bad: boolean }) => r.name },
    {
      header: 'STATUS',
      cell: (r: { name: string; bad: boolean }) => (r.bad ? 'CrashLoopBackOff' : 'Running'),
    },
  ];
  const rows = [
    ...Array.from({ length: 60 }, (_, i) => ({
      name: `broken-${i}-with-a-rather-long-generated-name-abcde`,
      bad: true,
    })),
    ...Array.from({ length: 3000 }, (_, i) => ({ name: `fine-${i}`, bad: false })),
  ];

  it('fits the budget, names every problem even when the table cannot hold them all, and says how to get more', () => {
    const { text, shown } = renderBudgetedTable({
      intro: ['Pods: 3060'],
      columns,
      rows,
      mustName: 60,
      name: (r) => r.name,
      more: (k) => `${rows.length - k} more; ask with continue=T${k}`,
      budgetTokens: 1000,
      empty: 'none',
    });
    expect(estimateTokens(text)).toBeLessThanOrEqual(1000);
    expect(shown).toBeLessThan(60);
    for (let i = 0; i < 60; i++) expect(text).toContain(`broken-${i}-`);
    expect(text).toContain(`${rows.length - shown} more; ask with continue=T${shown}`);
  });

  it('when even the names do not fit, names as many as fit and counts the rest', () => {
    const { text } = renderBudgetedTable({
      intro: ['Pods: 3060'],
      columns,
      rows,
      mustName: 60,
      name: (r) => r.name,
      more: (k) => `${rows.length - k} more; ask with continue=T${k}`,
      budgetTokens: 300,
      empty: 'none',
    });
    expect(estimateTokens(text)).toBeLessThanOrEqual(300);
    expect(text).toMatch(/broken-0-.*, and \d+ more\n3060 more; ask with continue=T0$/);
  });

  it('shows every row and no footer when all fit', () => {
    const few = rows.slice(58, 62);
    const { text, shown } = renderBudgetedTable({
      intro: [],
      columns,
      rows: few,
      mustName: 2,
      name: (r) => r.name,
      more: () => undefined,
      budgetTokens: 2000,
      empty: 'none',
    });
    expect(shown).toBe(4);
    expect(text.split('\n')).toHaveLength(5);
    expect(text.split('\n')[0]).toMatch(/^NAME {3,}STATUS$/);
  });
});

describe('paging tokens', () => {
  it('round-trip for the same query and are refused for another', () => {
    const token = makeContinue(42, { namespace: 'shop' });
    expect(readContinue(token, { namespace: 'shop' })).toBe(42);
    expect(() => readContinue(token, { namespace: 'kube-system' })).toThrow(
      /does not belong to this query/,
    );
    expect(() => readContinue('garbage!', { namespace: 'shop' })).toThrow(/does not belong/);
  });
});

describe('log lines', () => {
  it('collapses identical consecutive lines with a count', () => {
    const lines = collapseRepeats(['a', 'b', 'b', 'b', 'a', 'a']);
    expect(lines.map((l) => printableLine(l))).toEqual(['a', 'b (x3)', 'a (x2)']);
  });

  it('strips ANSI colours and cuts very long lines', () => {
    expect(printableLine({ text: '\u001b[31mERROR\u001b[0m boom', repeat: 1 })).toBe('ERROR boom');
    expect(printableLine({ text: 'x'.repeat(50), repeat: 1 }, 10)).toBe(
      `${'x'.repeat(10)}… (40 more characters)`,
    );
  });

  it('greps with RE2: a catastrophic pattern on a long line answers correctly', () => {
    const grep = compileGrep('(a+)+$');
    expect(grep(`${'a'.repeat(100_000)}b`)).toBe(false);
    expect(grep(`${'a'.repeat(100_000)}`)).toBe(true);
    expect(compileGrep('(?i)timeout')('Upstream TIMEOUT after 30s')).toBe(true);
  });

  it('refuses a pattern RE2 cannot read, with a fix', () => {
    expect(() => compileGrep('(unclosed')).toThrow(
      /grep pattern "\(unclosed" is not a valid regular expression/,
    );
    expect(() => compileGrep('(a)\\1')).toThrow(/not a valid regular expression/);
  });
});
