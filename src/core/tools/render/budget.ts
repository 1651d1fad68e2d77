import { renderTable, type Column } from './table.js';

/** Tokens are estimated as characters / 4 everywhere (the output budget's unit). */
export const charsPerToken = 4;

export function estimateTokens(text: string): number {
  return Math.ceil(text.length / charsPerToken);
}

export interface BudgetedTableOptions<Row> {
  /** Summary lines above the table; always shown. */
  intro: string[];
  columns: Column<Row>[];
  /** In priority order: problems first. */
  rows: readonly Row[];
  /** The first `mustName` rows (the problems) are at least named, even when the table cannot hold them. */
  mustName: number;
  /** The short form of a row named outside the table (`shop/web-1 CrashLoopBackOff`). */
  name: (row: Row) => string;
  /** Footer when rows are left out (`undefined`: nothing left out); gets how many rows the table shows. */
  more: (shownInTable: number) => string | undefined;
  budgetTokens: number;
  /** Shown instead of a table when there are no rows. */
  empty: string;
}

export interface BudgetedText {
  text: string;
  /** Rows shown as table rows (a `continue` resumes after them). */
  shown: number;
}

/**
 * The largest table that fits the budget, with problems first; problems that do not fit as rows
 * are still named in one compact line, and a footer says what was left out and how to get it.
 */
export function renderBudgetedTable<Row>(options: BudgetedTableOptions<Row>): BudgetedText {
  const budgetChars = options.budgetTokens * charsPerToken;
  if (options.rows.length === 0)
    return { text: [...options.intro, options.empty].join('\n'), shown: 0 };
  const compose = (k: number, names?: string): string => {
    const parts = [...options.intro];
    if (k > 0) parts.push(renderTable(options.columns, options.rows.slice(0, k)));
    if (k < options.mustName) parts.push(names ?? namesLine(options, k, Infinity));
    const more = options.more(k);
    if (more !== undefined) parts.push(more);
    return parts.join('\n');
  };

  // Length grows with k (a table row is longer than a name), so the largest fitting k is found by bisection.
  let low = 0;
  let high = Math.min(options.rows.length, Math.floor(budgetChars / 8));
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (compose(mid).length <= budgetChars) low = mid;
    else high = mid - 1;
  }
  const k = low;
  const text = compose(k);
  if (text.length <= budgetChars || k >= options.mustName) return { text, shown: k };

  // Even the names of the problems do not all fit: name as many as the budget allows.
  const room = budgetChars - compose(k, '').length - 1;
  return { text: compose(k, namesLine(options, k, room)), shown: k };
}

function namesLine<Row>(options: BudgetedTableOptions<Row>, from: number, room: number): string {
  const names = options.rows.slice(from, options.mustName).map(options.name);
  const head = from === 0 ? 'Problems: ' : 'Also with problems (details on the next page): ';
  let line = head + names.join(', ');
  if (line.length <= room) return line;
  line = head;
  for (let i = 0; i < names.length; i++) {
    const tail = `, and ${names.length - i} more`;
    const next = (i === 0 ? '' : ', ') + (names[i] as string);
    if (line.length + next.length + tail.length > room)
      return i === 0 ? `${head}${names.length} not shown` : line + tail;
    line += next;
  }
  return line;
}
