export interface Column<Row> {
  header: string;
  cell: (row: Row) => string;
  /** Longer cells are cut with `…` so one odd value cannot blow the budget. Default 60. */
  maxWidth?: number;
}

const gap = '   ';

/** A kubectl-style table: upper-case headers, columns padded to the widest cell, three spaces apart. */
export function renderTable<Row>(columns: Column<Row>[], rows: readonly Row[]): string {
  const cells = rows.map((row) =>
    columns.map((column) => clean(column.cell(row), column.maxWidth ?? 60)),
  );
  const widths = columns.map((column, i) =>
    Math.max(column.header.length, ...cells.map((r) => (r[i] as string).length)),
  );
  const line = (values: string[]): string =>
    values
      .map((v, i) => (i === values.length - 1 ? v : v.padEnd(widths[i] as number)))
      .join(gap)
      .trimEnd();
  return [line(columns.map((c) => c.header)), ...cells.map(line)].join('\n');
}

/** One line, no control characters, at most `max` characters. */
export function clean(text: string, max: number): string {
  // eslint-disable-next-line no-control-regex
  const flat = text.replace(/[\u0000-\u001f\u007f]+/g, ' ');
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** `1,234` — counts in summaries read better with separators. */
export function count(n: number): string {
  return n.toLocaleString('en-US');
}

/** `3 pods` / `1 pod`. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${count(n)} ${n === 1 ? one : many}`;
}
