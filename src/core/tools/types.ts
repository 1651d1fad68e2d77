import type { z } from 'zod';
import type { Logger } from '../log/logger.js';
import type { Role, Risk } from '../policy/roles.js';
import type { Cluster } from '../kube/cluster.js';

/** Where a call came from; decides nothing by itself (the role does), but is audited. */
export type Surface = 'slack' | 'discord' | 'web' | 'cli' | 'mcp' | 'system';

/** Who is calling: an identity, its resolved role and the surface. */
export interface Caller {
  /** Stable id such as `slack:U123`, `web:alice`, `mcp-token:ci-bot`, `cli:root`. */
  id: string;
  name?: string;
  role: Role;
  surface: Surface;
}

/** What a tool returns: compact budgeted text, the structured form, and paging when cut. */
export interface ToolResult {
  text: string;
  data: unknown;
  page?: { shown: number; total: number; continue?: string };
}

export interface ToolContext {
  cluster: Cluster;
  /** The output budget in tokens (characters / 4) that `text` must fit. */
  budgetTokens: number;
  signal: AbortSignal;
  logger: Logger;
  /** Services some tools need (the kubectl runner, grep worker); injected by the registry's owner. */
  services: ToolServices;
}

/** Filled in by whoever builds the registry; tools take only what they need. */
export interface ToolServices {
  kubectl?: KubectlRunner;
}

export interface KubectlRunner {
  /** Runs an already-checked kubectl argv against `cluster` through the redacting proxy. */
  run(
    cluster: Cluster,
    argv: string[],
    risk: Risk,
    signal: AbortSignal,
  ): Promise<{ stdout: string; stderr: string; exitCode: number; truncated: boolean }>;
}

export interface ToolAnnotations {
  readOnlyHint: boolean;
  destructiveHint: boolean;
  openWorldHint: boolean;
}

/** One tool: the same name, description and schema for MCP, the LLM and chat commands. */
export interface ToolDefinition<Schema extends z.ZodObject = z.ZodObject> {
  name: string;
  title: string;
  description: string;
  input: Schema;
  annotations: ToolAnnotations;
  /** The risk class belongs to the call (`execute_kubectl get` is read, `... delete` is write). */
  risk(input: z.infer<Schema>): Risk;
  /** Roles that can ever use this tool (used to hide tools from callers who never could). */
  maxRisk: Risk;
  run(input: z.infer<Schema>, ctx: ToolContext): Promise<ToolResult>;
}

/** A request to call a tool, as every surface builds it. */
export interface ToolCall {
  tool: string;
  args: Record<string, unknown>;
  /** Defaults to the caller's channel cluster or the first configured cluster. */
  cluster?: string;
  /** For write and exec: the id of an approved approval request whose stored call matches. */
  approvalId?: string;
  budgetTokens?: number;
}

/** A stored request to run a write or exec call, decided by a human whose role allows it. */
export interface ApprovalRequest {
  id: string;
  tool: string;
  args: Record<string, unknown>;
  cluster: string;
  risk: Exclude<Risk, 'read'>;
  requiredRole: Role;
  requester: string;
  requesterName?: string;
  surface: Surface;
  createdAt: Date;
  expiresAt: Date;
  status: 'pending' | 'approved' | 'denied' | 'used';
  decidedBy?: string;
  decidedAt?: Date;
}

/** What `invoke` answers; user errors are values, never thrown. */
export type InvokeOutcome =
  | { status: 'ok'; tool: string; cluster: string; result: ToolResult }
  | { status: 'approval_required'; approval: ApprovalRequest }
  | { status: 'error'; error: import('../errors/user-error.js').UserError };

/** The one chokepoint every surface calls (implemented by ToolRegistry in ./registry/). */
export interface ToolInvoker {
  /** Tools this caller's role could ever use (execute_kubectl is listed for every role). */
  list(caller: Caller): ToolDefinition[];
  invoke(call: ToolCall, caller: Caller): Promise<InvokeOutcome>;
}
