import { userInfo } from 'node:os';
import type { Command } from 'commander';
import type { Config } from '../core/config/schema.js';
import { isUserError } from '../core/errors/user-error.js';
import { createLogger } from '../core/log/logger.js';
import { openStore } from '../core/store/open-store.js';
import { ApprovalsRepo } from '../core/store/repos/approvals.js';
import { AuditRepo } from '../core/store/repos/audit.js';
import { ApprovalService, type Approval } from '../core/tools/registry/approval-service.js';
import { describeCall } from '../core/tools/registry/describe-approval.js';
import type { Caller } from '../core/tools/types.js';
import { configFromCommand, fail } from './context.js';

export interface ApproveCommandDeps {
  /** Opens the approval service; by default on the configured SQLite database. */
  openApprovals?: (
    config: Config,
  ) => Promise<{ approvals: ApprovalService; close(): Promise<void> }>;
  /** Who decides from this terminal; by default `cli:<os user>` with the config's `cli.role`. */
  caller?: (config: Config) => Caller;
}

/** `ai4k8s approve ID` and `ai4k8s deny ID`: decide approval requests from the terminal. */
export function registerApproveCommands(program: Command, deps: ApproveCommandDeps = {}): void {
  for (const decision of ['approve', 'deny'] as const) {
    program
      .command(`${decision} <id>`)
      .description(
        decision === 'approve'
          ? 'approve a pending write or exec request (the requester then runs it, once, exactly as shown)'
          : 'deny a pending write or exec request',
      )
      .action(async (id: string, _opts: unknown, command: Command) => {
        const config = configFromCommand(command);
        const caller = (deps.caller ?? cliCaller)(config);
        const { approvals, close } = await (deps.openApprovals ?? openApprovals)(config).catch(
          (error: Error) =>
            fail(`cannot open the database ${config.database.path}: ${error.message}`),
        );
        try {
          // Whoever runs this command already controls the server; the role check still applies.
          const approval = await approvals.decide(id.trim(), caller, decision, {
            selfAllowed: true,
          });
          process.stdout.write(`${confirmation(approval)}\n`);
        } catch (error) {
          if (isUserError(error)) fail(error.toText());
          fail(`could not ${decision} ${id}: ${(error as Error).message}`);
        } finally {
          await close();
        }
      });
  }
}

function confirmation(approval: Approval): string {
  const who = approval.requesterName ?? approval.requester;
  if (approval.status === 'denied')
    return `Denied ${approval.id}: ${describeCall(approval)} (asked by ${who}).`;
  const minutes = Math.max(Math.round((approval.expiresAt.getTime() - Date.now()) / 60_000), 0);
  return (
    `Approved ${approval.id}: ${describeCall(approval)} (asked by ${who}).\n` +
    `It runs once, when the requester calls it again with approvalId ${approval.id}, within ${minutes} min.`
  );
}

function cliCaller(config: Config): Caller {
  return { id: `cli:${userInfo().username}`, role: config.cli.role, surface: 'cli' };
}

async function openApprovals(config: Config) {
  const db = await openStore(config.database.path);
  const logger = createLogger({ level: config.log.level });
  const approvals = new ApprovalService({
    repo: new ApprovalsRepo(db),
    audit: new AuditRepo(db),
    logger,
    config: config.approvals,
  });
  return { approvals, close: () => db.close() };
}
