import type { Migration } from '../migrate.js';
import { migration001 } from './001-core.js';
import { migration003 } from './003-agent.js';

/** Every migration in order. Append only: a shipped migration is never edited. */
export const migrations: Migration[] = [migration001, migration003];
