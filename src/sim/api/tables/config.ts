// Table columns of the configuration kinds: config maps, secrets, service accounts.
import { AGE, NAME, age, col, type TablePrinter } from './common.js';

export const CONFIGMAP_PRINTER: TablePrinter = {
  columns: [NAME, col('Data', 'Data contains the configuration data.', 0, 'integer'), AGE],
  row: (o, now) => ({
    cells: [
      o.metadata.name,
      Object.keys((o.data as object | undefined) ?? {}).length +
        Object.keys((o.binaryData as object | undefined) ?? {}).length,
      age(o, now),
    ],
  }),
};

export const SECRET_PRINTER: TablePrinter = {
  columns: [
    NAME,
    col('Type', 'Used to facilitate programmatic handling of secret data.'),
    col('Data', 'Data contains the secret data.', 0, 'integer'),
    AGE,
  ],
  row: (o, now) => ({
    cells: [
      o.metadata.name,
      o.type ?? 'Opaque',
      Object.keys((o.data as object | undefined) ?? {}).length,
      age(o, now),
    ],
  }),
};

export const SERVICEACCOUNT_PRINTER: TablePrinter = {
  columns: [
    NAME,
    col(
      'Secrets',
      'Secrets is a list of the secrets in the same namespace that pods running using this ServiceAccount are allowed to use.',
      0,
      'integer',
    ),
    AGE,
  ],
  row: (o, now) => ({
    cells: [o.metadata.name, ((o.secrets as unknown[] | undefined) ?? []).length, age(o, now)],
  }),
};
