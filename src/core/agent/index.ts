export { Agent, type AgentOptions } from './agent.js';
export { createAgent, type CreateAgentOptions } from './create-agent.js';
export type { ChatOrigin, ChatPlatform, ChatRequest, ChatUser } from './chat-request.js';
export type { DecisionRequest, DecisionResult } from './decide-approval.js';
export type { ApprovalDesk, AgentConfig } from './agent-services.js';
export { CommandTable, type ChatCommand } from './commands/command-table.js';
export type { CommandContext } from './command-context.js';
export type { ArgsSpec, FlagSpec, ParsedArgs } from './commands/parse-args.js';
export { createBuiltinCommands } from './commands/builtin/index.js';
