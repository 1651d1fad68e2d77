import { randomBytes } from 'node:crypto';

/** `apr_` and 10 URL-safe random characters (60 bits): short enough to type, too many to guess. */
export function newApprovalId(): string {
  return `apr_${randomBytes(8).toString('base64url').slice(0, 10)}`;
}

export const approvalIdPattern = /^apr_[A-Za-z0-9_-]{10}$/;
