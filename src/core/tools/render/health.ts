/** How a listed object is doing; list tools show problems first. */
export type Health = 'failing' | 'not-ready' | 'ok';

const rank: Record<Health, number> = { failing: 2, 'not-ready': 1, ok: 0 };

/**
 * The order of every list tool: failing rows, then not-ready ones, then the rest, each by
 * namespace and name (`name` picks the column: a container row sorts by its pod).
 */
export function problemsFirst<Row extends { health: Health; namespace: string }>(
  name: (row: Row) => string,
): (a: Row, b: Row) => number {
  return (a, b) =>
    rank[b.health] - rank[a.health] ||
    a.namespace.localeCompare(b.namespace) ||
    name(a).localeCompare(name(b));
}
