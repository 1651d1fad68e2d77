import type { Queryable } from '../../store/database.js';
import { ApprovalsRepo } from '../../store/repos/approvals.js';
import { AuditRepo } from '../../store/repos/audit.js';
import { ToolRegistry, type ToolRegistryOptions } from './tool-registry.js';

/** The registry over one database: its approval and audit repositories built from `db`. */
export function createToolRegistry(
  options: Omit<ToolRegistryOptions, 'approvals' | 'audit'> & { db: Queryable },
): ToolRegistry {
  const { db, ...rest } = options;
  return new ToolRegistry({ ...rest, approvals: new ApprovalsRepo(db), audit: new AuditRepo(db) });
}
