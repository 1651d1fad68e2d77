import { isUserError } from '../errors/user-error.js';
import { block, message } from '../messages/build.js';
import type { CoreMessage } from '../messages/core-message.js';
import type { Approval } from '../tools/registry/approval-service.js';
import type { AgentConfig, AgentServices } from './agent-services.js';
import { callerOf, noRoleMessage } from './caller.js';
import { describeCall } from './approval-card.js';
import type { ChatOrigin, ChatPlatform, ChatUser } from './chat-request.js';
import { callerId } from './conversation-key.js';
import { presentOutcome } from './present-outcome.js';
import { resolveRole } from './resolve-role.js';

export interface DecisionRequest {
  approvalId: string;
  decision: 'approve' | 'deny';
  user: ChatUser;
}

export interface DecisionResult {
  /** True when the decision was recorded (the call may still have failed when it ran). */
  decided: boolean;
  /** The reply: the decision and, on approve, the result of the call. */
  messages: CoreMessage[];
  /** Where the request was asked: post `messages` there (the clicking user may be elsewhere). */
  postTo?: ChatOrigin;
  approval?: Approval;
}

/**
 * Records a human's decision through the approval service (which enforces the role, self-
 * approval, expiry and audits it), then on approve runs the stored call exactly as stored, as
 * the approver. The terminal may approve its own requests (its user holds the kubeconfig).
 */
export async function decideApproval(
  request: DecisionRequest,
  deps: {
    services: AgentServices;
    config: AgentConfig;
    failure: (error: unknown) => CoreMessage[];
  },
): Promise<DecisionResult> {
  const { services } = deps;
  const { user, approvalId, decision } = request;
  const role = resolveRole(user, deps.config);
  const caller = callerOf(user, role);
  if (!caller) {
    await services.audit
      .record({
        at: services.now(),
        actor: callerId(user.platform, user.userId),
        role: 'none',
        surface: user.platform,
        action: `approval.${decision}`,
        outcome: 'error:forbidden',
        detail: `${approvalId}: no role`,
      })
      .catch((error: unknown) =>
        services.logger.error({ err: error }, 'could not audit a refused decision'),
      );
    return { decided: false, messages: [noRoleMessage(user)] };
  }

  let approval: Approval;
  try {
    approval = await services.approvals.decide(approvalId, caller, decision, {
      selfAllowed: user.platform === 'cli',
    });
  } catch (error) {
    if (!isUserError(error)) throw error;
    return { decided: false, messages: deps.failure(error) };
  }
  const postTo = await originFor(services, approvalId);
  const who = caller.name ?? caller.id;
  const call = describeCall(approval.tool, approval.args);
  if (decision === 'deny') {
    const msg = message(
      'info',
      [block.code(call, 'text'), block.note(`Request ${approvalId} will not run.`)],
      `Denied by ${who}`,
    );
    return { decided: true, messages: [msg], approval, ...(postTo ? { postTo } : {}) };
  }
  let result: CoreMessage;
  try {
    const outcome = await services.tools.invoke(
      { tool: approval.tool, args: approval.args, cluster: approval.cluster, approvalId },
      caller,
    );
    result = presentOutcome(
      outcome,
      services.now(),
      `Approved by ${who} and run on ${approval.cluster}`,
    );
  } catch (error) {
    [result] = deps.failure(error) as [CoreMessage];
  }
  result.blocks.unshift(block.code(call, 'text'));
  return { decided: true, messages: [result], approval, ...(postTo ? { postTo } : {}) };
}

async function originFor(
  services: AgentServices,
  approvalId: string,
): Promise<ChatOrigin | undefined> {
  const stored = await services.conversations.origin(approvalId);
  if (!stored) return undefined;
  return { ...stored, platform: stored.platform as ChatPlatform };
}
