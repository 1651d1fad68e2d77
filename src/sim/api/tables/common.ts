// Shared pieces of the server-side table printers: the Table types, the column builder and
// the Name/Age columns every printer starts with.
import type { KubeObject } from '../../objects/types.js';
import { humanDuration } from '../../util/duration.js';

export interface Column {
  name: string;
  type: string;
  format?: string;
  description: string;
  priority?: number;
}

export interface TableRow {
  cells: unknown[];
  conditions?: Array<{ type: string; status: string }>;
}

export interface TablePrinter {
  columns: Column[];
  row(obj: KubeObject, now: number): TableRow;
}

export const col = (
  name: string,
  description: string,
  priority = 0,
  type = 'string',
  format?: string,
): Column => ({ name, type, ...(format ? { format } : {}), description, priority });
export const NAME = col('Name', 'Name must be unique within a namespace.', 0, 'string', 'name');
export const AGE = col(
  'Age',
  'CreationTimestamp is a timestamp representing the server time when this object was created.',
);
export const age = (o: KubeObject, now: number): string => since(o.metadata.creationTimestamp, now);
export const since = (ts: unknown, now: number): string =>
  ts ? humanDuration(now - Date.parse(String(ts))) : '<unknown>';
export const num = (v: unknown): number => Number(v ?? 0);
