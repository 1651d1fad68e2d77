import type { CoreMessage } from '../messages/core-message.js';
import type { Caller } from '../tools/types.js';
import type { AgentOutcome } from './agent-tools.js';
import type { AgentServices } from './agent-services.js';
import type { ChatRequest } from './chat-request.js';
import { presentOutcome } from './present-outcome.js';
import type { ClusterResolution } from './resolve-cluster.js';
import type { RoleResolution } from './resolve-role.js';

/** What a command (or the offline router) gets for one chat line. */
export interface CommandContext {
  request: ChatRequest;
  caller: Caller;
  role: RoleResolution;
  cluster: ClusterResolution;
  services: AgentServices;
  /** Calls a tool through the registry as this caller, on the conversation's cluster unless told otherwise. */
  invoke(tool: string, args: Record<string, unknown>, cluster?: string): Promise<AgentOutcome>;
  /** The reply for an outcome: its result, an approval card or the error with its fix. */
  present(outcome: AgentOutcome, title?: string): CoreMessage;
  /** Tool calls made for this line, in order (the offline router and the LLM cite them). */
  calls: { tool: string; args: Record<string, unknown>; status: AgentOutcome['status'] }[];
}

export function createCommandContext(parts: {
  request: ChatRequest;
  caller: Caller;
  role: RoleResolution;
  cluster: ClusterResolution;
  services: AgentServices;
}): CommandContext {
  const calls: CommandContext['calls'] = [];
  return {
    ...parts,
    calls,
    async invoke(tool, args, cluster) {
      const outcome = await parts.services.tools.invoke(
        { tool, args, cluster: cluster ?? parts.cluster.cluster },
        parts.caller,
      );
      calls.push({ tool, args, status: outcome.status });
      return outcome;
    },
    present: (outcome, title) => presentOutcome(outcome, parts.services.now(), title),
  };
}
