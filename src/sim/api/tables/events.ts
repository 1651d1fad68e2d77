// Table columns of core/v1 events (the columns `kubectl get events` shows).
import type { KubeObject } from '../../objects/types.js';
import { col, num, since, type TablePrinter, type TableRow } from './common.js';

function eventRow(ev: KubeObject, now: number): TableRow {
  const inv = (ev.involvedObject as Record<string, string> | undefined) ?? {};
  const first = ev.firstTimestamp ? since(ev.firstTimestamp, now) : since(ev.eventTime, now);
  const last = ev.lastTimestamp ? since(ev.lastTimestamp, now) : first;
  const target = inv.name
    ? `${String(inv.kind ?? '').toLowerCase()}/${inv.name}`
    : String(inv.kind ?? '').toLowerCase();
  const src = ev.source as { component?: string; host?: string } | undefined;
  const source = src?.component
    ? src.host
      ? `${src.component}, ${src.host}`
      : src.component
    : String(ev.reportingComponent ?? '');
  return {
    cells: [
      last,
      ev.type ?? '',
      ev.reason ?? '',
      target,
      inv.fieldPath ?? '',
      source,
      String(ev.message ?? '').trim(),
      first,
      num(ev.count) || 1,
      ev.metadata.name,
    ],
  };
}

export const EVENT_PRINTER: TablePrinter = {
  columns: [
    col('Last Seen', 'Deprecated: use Series.LastObservedTime instead'),
    col('Type', 'Type of this event (Normal, Warning), new types could be added in the future'),
    col(
      'Reason',
      "This should be a short, machine understandable string that gives the reason for the transition into the object's current status.",
    ),
    col('Object', 'Name of the referent.'),
    col(
      'Subobject',
      'If referring to a piece of an object instead of an entire object, this string should contain a valid JSON/Go field access statement, such as desiredState.manifest.containers[2].',
      1,
    ),
    col(
      'Source',
      'The component reporting this event. Should be a short machine understandable string.',
      1,
    ),
    col('Message', 'A human-readable description of the status of this operation.'),
    col(
      'First Seen',
      'The time at which the event was first recorded. (Time of server receipt is in TypeMeta.)',
      1,
    ),
    col('Count', 'The number of times this event has occurred.', 1),
    col('Name', 'Name must be unique within a namespace.', 1),
  ],
  row: eventRow,
};
