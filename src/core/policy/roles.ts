// Who may do what: every role reads; operators request and approve writes; admins request and
// approve writes and exec. One ordering (viewer < operator < admin) decides all of it.

export type Role = 'viewer' | 'operator' | 'admin';
export type Risk = 'read' | 'write' | 'exec';

export const ROLES: readonly Role[] = ['viewer', 'operator', 'admin'];
export const RISKS: readonly Risk[] = ['read', 'write', 'exec'];

const RANK: Record<Role, number> = { viewer: 0, operator: 1, admin: 2 };
const REQUIRED: Record<Risk, Role> = { read: 'viewer', write: 'operator', exec: 'admin' };

export function roleRank(role: Role): number {
  return RANK[role];
}

/** The least role that may request (and, for write and exec, approve) a call of this risk. */
export function requiredRoleFor(risk: Risk): Role {
  return REQUIRED[risk];
}

export function canInvoke(role: Role, risk: Risk): boolean {
  return roleRank(role) >= roleRank(requiredRoleFor(risk));
}

/** Reads need no approval, so nobody approves them; viewers approve nothing. */
export function canApprove(role: Role, risk: Risk): boolean {
  return risk !== 'read' && role !== 'viewer' && roleRank(role) >= roleRank(requiredRoleFor(risk));
}

/** Accepts any case and surrounding spaces (`" Admin "`); undefined for anything else. */
export function parseRole(text: string): Role | undefined {
  const role = text.trim().toLowerCase();
  return (ROLES as readonly string[]).includes(role) ? (role as Role) : undefined;
}
