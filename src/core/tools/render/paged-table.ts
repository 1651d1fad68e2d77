import { renderBudgetedTable } from './budget.js';
import { makeContinue, moreFooter } from './paging.js';
import type { Column } from './table.js';

export interface PagedTableOptions<Row> {
  /** Every matching row, problems first. */
  rows: readonly Row[];
  /** Where this page starts (from `readContinue`) and how many rows the data page holds. */
  offset: number;
  limit: number;
  /** The filters the continue tokens are bound to. */
  query: unknown;
  intro: string[];
  columns: Column<Row>[];
  isProblem: (row: Row) => boolean;
  /** Short form of a problem row that must be named outside the table. */
  name: (row: Row) => string;
  /** What to narrow with, for the footer (`namespace / labelSelector`). */
  narrow: string;
  budgetTokens: number;
  empty: string;
}

export interface PagedTable<Row> {
  text: string;
  /** The data page: up to `limit` rows from `offset`. */
  items: Row[];
  /** Token for the row after the data page. */
  dataContinue?: string;
  /** `shown`: rows in the text; `continue`: resumes right after them. */
  page: { shown: number; total: number; continue?: string };
}

/**
 * One page of a list tool: the data page (`limit` rows from `offset`) and its text, budgeted,
 * with every problem on the page named and a footer giving the continue token.
 */
export function renderPagedTable<Row>(options: PagedTableOptions<Row>): PagedTable<Row> {
  const { rows, offset, query } = options;
  const total = rows.length;
  const items = rows.slice(offset, offset + options.limit);
  const rendered = renderBudgetedTable({
    intro: options.intro,
    columns: options.columns,
    rows: items,
    mustName: items.filter(options.isProblem).length,
    name: options.name,
    more: (k) =>
      offset + k < total
        ? moreFooter(total - offset - k, makeContinue(offset + k, query), options.narrow)
        : undefined,
    budgetTokens: options.budgetTokens,
    empty: options.empty,
  });
  const pageEnd = offset + items.length;
  const shownEnd = offset + rendered.shown;
  return {
    text: rendered.text,
    items,
    dataContinue: pageEnd < total ? makeContinue(pageEnd, query) : undefined,
    page: {
      shown: rendered.shown,
      total,
      continue: shownEnd < total ? makeContinue(shownEnd, query) : undefined,
    },
  };
}
