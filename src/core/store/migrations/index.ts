import type { Migration } from '../migrate.js';
import { migration001 } from './001-core.js';
import { migration003 } from './003-agent.js';
import { migration004 } from './004-alerts.js';
import { migration005 } from './005-series.js';
import { migration006 } from './006-web.js';

/** Every migration in order. Append only: a shipped migration is never edited. */
export const migrations: Migration[] = [
  migration001,
  migration003,
  migration004,
  migration005,
  migration006,
];
