import type { Logger } from '../../log/logger.js';
import { UserError } from '../../errors/user-error.js';
import { redactObject } from '../../policy/redact.js';
import { canApprove, requiredRoleFor, type Risk, type Role } from '../../policy/roles.js';
import type { ApprovalRecord, ApprovalsRepo } from '../../store/repos/approvals.js';
import type { AuditRepo } from '../../store/repos/audit.js';
import type { ApprovalRequest, Caller, Surface } from '../types.js';
import { newApprovalId } from './approval-id.js';
import { explainUnusable } from './explain-approval.js';

/** An approval request as surfaces show it: the stored call plus its effective state. */
export interface Approval extends ApprovalRequest {
  /** The canonical JSON the call must match byte for byte. */
  argsJson: string;
  /** `status`, except that an undecided or unused request past its expiry reads `expired`. */
  state: ApprovalRequest['status'] | 'expired';
  usedAt?: Date;
  origin?: unknown;
}

/** The exact call an approval is for; `argsJson` is the canonical JSON of the validated arguments. */
export interface StoredCall {
  tool: string;
  argsJson: string;
  cluster: string;
  risk: Exclude<Risk, 'read'>;
}

export interface DecideOptions {
  /** Lets a requester approve their own request (the CLI sets it when the config role permits). */
  selfAllowed?: boolean;
}

export interface ApprovalServiceOptions {
  repo: ApprovalsRepo;
  audit: AuditRepo;
  logger: Logger;
  config: { ttlMinutes: number; allowSelf: boolean };
  now?: () => number;
}

/** Approval requests: created by the registry, decided by humans, consumed once by the matching call. */
export class ApprovalService {
  private readonly now: () => number;

  constructor(private readonly options: ApprovalServiceOptions) {
    this.now = options.now ?? Date.now;
  }

  async request(call: StoredCall, requester: Caller, origin?: unknown): Promise<Approval> {
    const createdAt = this.now();
    const record = await this.options.repo.create({
      id: newApprovalId(),
      tool: call.tool,
      argsJson: call.argsJson,
      cluster: call.cluster,
      risk: call.risk,
      requiredRole: requiredRoleFor(call.risk),
      requester: requester.id,
      requesterName: requester.name,
      surface: requester.surface,
      origin,
      createdAt,
      expiresAt: createdAt + this.options.config.ttlMinutes * 60_000,
    });
    return this.toApproval(record);
  }

  /** Marks the approval used for exactly this call, or throws a UserError saying why it cannot be. */
  async consume(id: string, call: StoredCall, runner: Caller): Promise<Approval> {
    const now = this.now();
    const ok = await this.options.repo.consume({ id, ...call, runner: runner.id, now });
    const record = await this.options.repo.get(id);
    if (ok && record) return this.toApproval(record);
    throw explainUnusable(id, record && this.toApproval(record), call, runner);
  }

  async decide(
    id: string,
    decider: Caller,
    decision: 'approve' | 'deny',
    options: DecideOptions = {},
  ): Promise<Approval> {
    const startedAt = this.now();
    let approval: Approval | undefined;
    try {
      approval = await this.get(id);
      this.checkDecision(id, approval, decider, decision, options);
      const status = decision === 'approve' ? 'approved' : 'denied';
      const changed = await this.options.repo.decide(id, status, decider.id, this.now());
      const after = await this.get(id);
      if (!changed || !after) {
        // Lost a race with another decider or the clock: explain from the fresh state.
        this.checkDecision(id, after, decider, decision, options);
        throw new UserError(
          'conflict',
          `Approval request ${id} changed while deciding; try again.`,
        );
      }
      await this.audit(decider, decision, approval, 'ok', startedAt);
      return after;
    } catch (error) {
      const kind = error instanceof UserError ? error.kind : 'unexpected';
      await this.audit(
        decider,
        decision,
        approval,
        `error:${kind}`,
        startedAt,
        (error as Error).message,
      );
      throw error;
    }
  }

  async get(id: string): Promise<Approval | undefined> {
    const record = await this.options.repo.get(id);
    return record && this.toApproval(record);
  }

  async listPending(): Promise<Approval[]> {
    const records = await this.options.repo.listPending(this.now());
    return records.map((r) => this.toApproval(r));
  }

  private checkDecision(
    id: string,
    approval: Approval | undefined,
    decider: Caller,
    decision: 'approve' | 'deny',
    options: DecideOptions,
  ): asserts approval is Approval {
    if (!approval) {
      throw new UserError(
        'not-found',
        `There is no approval request ${id}.`,
        'Check the id in the request message.',
      );
    }
    if (approval.state === 'expired') {
      throw new UserError(
        'approval',
        `Approval request ${id} has expired.`,
        'Ask for the call again to get a new request.',
      );
    }
    if (approval.state !== 'pending') {
      const by = approval.decidedBy ? ` by ${approval.decidedBy}` : '';
      throw new UserError('conflict', `Approval request ${id} was already ${approval.state}${by}.`);
    }
    if (!canApprove(decider.role, approval.risk)) {
      throw new UserError(
        'forbidden',
        `Deciding a ${approval.risk} request needs the ${approval.requiredRole} role; you have ${decider.role}.`,
        'Ask someone with that role to decide it.',
      );
    }
    const self = decider.id === approval.requester;
    if (self && decision === 'approve' && !this.options.config.allowSelf && !options.selfAllowed) {
      throw new UserError(
        'forbidden',
        `You cannot approve your own request ${id}.`,
        `Ask another ${approval.requiredRole} to approve it (or set approvals.allowSelf: true in the config).`,
      );
    }
  }

  private async audit(
    decider: Caller,
    decision: 'approve' | 'deny',
    approval: Approval | undefined,
    outcome: string,
    startedAt: number,
    detail?: string,
  ): Promise<void> {
    try {
      await this.options.audit.record({
        at: startedAt,
        actor: decider.id,
        role: decider.role,
        surface: decider.surface,
        action: `approval.${decision}`,
        tool: approval?.tool,
        args: approval && redactObject(approval.args),
        cluster: approval?.cluster,
        outcome,
        durationMs: this.now() - startedAt,
        detail: [approval?.id, detail].filter(Boolean).join(': ') || undefined,
      });
    } catch (error) {
      this.options.logger.error(
        { err: error, approval: approval?.id },
        'could not write the audit row of a decision',
      );
    }
  }

  private toApproval(record: ApprovalRecord): Approval {
    const open = record.status === 'pending' || record.status === 'approved';
    const date = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms));
    return {
      id: record.id,
      tool: record.tool,
      args: JSON.parse(record.argsJson) as Record<string, unknown>,
      argsJson: record.argsJson,
      cluster: record.cluster,
      risk: record.risk,
      requiredRole: record.requiredRole as Role,
      requester: record.requester,
      requesterName: record.requesterName,
      surface: record.surface as Surface,
      origin: record.origin,
      createdAt: new Date(record.createdAt),
      expiresAt: new Date(record.expiresAt),
      status: record.status,
      state: open && record.expiresAt <= this.now() ? 'expired' : record.status,
      decidedBy: record.decidedBy,
      decidedAt: date(record.decidedAt),
      usedAt: date(record.usedAt),
    };
  }
}
