import { block, message } from '../messages/build.js';
import { approvalActions, type CoreMessage } from '../messages/core-message.js';

/** What a card shows about a request; both the registry's ApprovalRequest and stored approvals fit. */
export interface ApprovalView {
  id: string;
  tool: string;
  args: Record<string, unknown>;
  cluster: string;
  risk: 'write' | 'exec';
  requiredRole: string;
  requester: string;
  requesterName?: string;
  expiresAt: number | Date;
}

/** The exact call as a human reads it: kubectl lines as typed, other tools as name + JSON. */
export function describeCall(tool: string, args: Record<string, unknown>): string {
  if (tool === 'execute_kubectl' && typeof args.command === 'string') {
    const command = args.command.trim();
    return command.startsWith('kubectl ') ? command : `kubectl ${command}`;
  }
  return `${tool} ${JSON.stringify(args)}`;
}

/** The card a chat shows for a write or exec request: who, what exactly, where, until when, and the buttons. */
export function approvalCard(a: ApprovalView, now: number): CoreMessage {
  const expires = typeof a.expiresAt === 'number' ? a.expiresAt : a.expiresAt.getTime();
  const who = a.requesterName ? `${a.requesterName} (${a.requester})` : a.requester;
  const card = message(
    'warning',
    [
      block.text(
        `This ${a.risk} call runs only after someone with the ${a.requiredRole} role approves it.`,
      ),
      block.code(describeCall(a.tool, a.args), a.tool === 'execute_kubectl' ? 'shell' : 'json'),
      block.fields([
        { label: 'Requested by', value: who },
        { label: 'Cluster', value: a.cluster },
        { label: 'Risk', value: a.risk },
        { label: 'Approver role', value: a.requiredRole },
        {
          label: 'Expires',
          value: `${new Date(expires).toISOString().replace('.000Z', 'Z')} (${inMinutes(expires - now)})`,
        },
        { label: 'Request', value: a.id },
      ]),
      {
        type: 'buttons',
        buttons: [
          { id: approvalActions.approve, label: 'Approve', style: 'primary', value: a.id },
          { id: approvalActions.deny, label: 'Deny', style: 'danger', value: a.id },
        ],
      },
    ],
    `Approval needed: ${a.risk} on ${a.cluster}`,
  );
  card.approvalId = a.id;
  return card;
}

function inMinutes(ms: number): string {
  if (ms <= 0) return 'expired';
  const minutes = Math.round(ms / 60_000);
  return minutes < 1 ? 'in under a minute' : `in ${minutes} min`;
}
