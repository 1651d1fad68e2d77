import { UserError } from '../../errors/user-error.js';
import type { Caller } from '../types.js';
import type { Approval, StoredCall } from './approval-service.js';

const askAgain = 'Call again without approvalId to get a new approval request.';

/** Why an approval cannot run this call, in words the requester can act on. */
export function explainUnusable(
  id: string,
  approval: Approval | undefined,
  call: StoredCall,
  runner: Caller,
): UserError {
  if (!approval) {
    return new UserError('approval', `There is no approval request ${id}.`, askAgain);
  }
  switch (approval.state) {
    case 'pending':
      return new UserError(
        'approval',
        `Approval request ${id} is still waiting for a decision.`,
        `Ask someone with the ${approval.requiredRole} role to approve it (\`ai4k8s approve ${id}\`), then call again.`,
      );
    case 'denied':
      return new UserError(
        'approval',
        `Approval request ${id} was denied by ${approval.decidedBy ?? 'someone'}.`,
      );
    case 'used':
      return new UserError(
        'approval',
        `Approval request ${id} has already been used; it runs only once.`,
        askAgain,
      );
    case 'expired':
      return new UserError('approval', `Approval request ${id} has expired.`, askAgain);
    case 'approved':
      break;
  }
  if (
    approval.tool !== call.tool ||
    approval.argsJson !== call.argsJson ||
    approval.cluster !== call.cluster
  ) {
    return new UserError(
      'approval',
      `Approval request ${id} was approved for a different call: ${approval.tool} ${approval.argsJson} on cluster ${approval.cluster}.`,
      `It runs only exactly as approved. ${askAgain}`,
    );
  }
  if (runner.id !== approval.requester && runner.id !== approval.decidedBy) {
    return new UserError(
      'approval',
      `Approval request ${id} can be run only by the requester (${approval.requester}) or the approver.`,
    );
  }
  // Everything matched yet the update changed nothing: another call consumed it first.
  return new UserError(
    'approval',
    `Approval request ${id} has already been used; it runs only once.`,
    askAgain,
  );
}
