import type { ApprovalRequest } from '../types.js';
import { canonicalJson } from './canonical-json.js';

/** One paragraph for whoever asked: what needs approval, who may give it, how to go on. */
export function describeApprovalRequest(approval: ApprovalRequest): string {
  const minutes = Math.round(
    (approval.expiresAt.getTime() - approval.createdAt.getTime()) / 60_000,
  );
  return (
    `This ${approval.risk} call needs approval: ${describeCall(approval)}. ` +
    `Approval request ${approval.id} is waiting for someone with the ${approval.requiredRole} role ` +
    `(\`ai4k8s approve ${approval.id}\`, or the button in chat or the dashboard); it expires in ${minutes} min. ` +
    `Once approved, make the same call again with approvalId "${approval.id}".`
  );
}

/** `execute_kubectl {"command":"scale ..."} on cluster prod`: the call exactly as it will run. */
export function describeCall(approval: Pick<ApprovalRequest, 'tool' | 'args' | 'cluster'>): string {
  return `${approval.tool} ${canonicalJson(approval.args)} on cluster ${approval.cluster}`;
}
