import type { Config } from '../config/schema.js';
import type { Logger } from '../log/logger.js';
import type { AuditRepo } from '../store/repos/audit.js';
import type { ConversationsRepo } from '../store/repos/conversations.js';
import type { UsageRepo } from '../store/repos/usage.js';
import type { Approval, DecideOptions } from '../tools/registry/approval-service.js';
import type { Caller } from '../tools/types.js';
import type { AgentTools } from './agent-tools.js';
import type { CommandTable } from './commands/command-table.js';
import type { ClusterNames } from './resolve-cluster.js';

/** The approval requests the agent shows and decides (implemented by the registry's ApprovalService). */
export interface ApprovalDesk {
  get(id: string): Promise<Approval | undefined>;
  listPending(): Promise<Approval[]>;
  decide(
    id: string,
    decider: Caller,
    decision: 'approve' | 'deny',
    options?: DecideOptions,
  ): Promise<Approval>;
}

export type AgentConfig = Pick<Config, 'roles' | 'cli' | 'approvals' | 'anthropic'>;

/** Everything commands, the offline router and the LLM loop reach through; built once per agent. */
export interface AgentServices {
  config: AgentConfig;
  tools: AgentTools;
  approvals: ApprovalDesk;
  clusters: ClusterNames;
  conversations: ConversationsRepo;
  usage: UsageRepo;
  audit: AuditRepo;
  commands: CommandTable;
  logger: Logger;
  now: () => number;
}
