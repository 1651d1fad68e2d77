import type { CommandContext } from '../../agent/command-context.js';
import { UserError } from '../../errors/user-error.js';
import { roleRank } from '../../policy/roles.js';
import type { Alert } from '../alert.js';
import type { AlertLifecycle } from '../lifecycle/alert-lifecycle.js';
import type { SilenceRepo } from '../silences/silence-repo.js';
import type { Silences } from '../silences/silences.js';

export interface AlertCommandDeps {
  lifecycle: AlertLifecycle;
  silences: Silences;
  silenceRepo: SilenceRepo;
  /** The alert clock (the same the lifecycle uses). */
  now: () => Date;
}

export function requireOperator(ctx: CommandContext, what: string): void {
  if (roleRank(ctx.caller.role) < roleRank('operator')) {
    throw new UserError(
      'forbidden',
      `Only operators and admins may ${what}; your role is ${ctx.caller.role}.`,
      'Ask an admin to give you the operator role.',
    );
  }
}

export function alertId(text: string): number {
  const m = /^#?(\d+)$/.exec(text.trim());
  if (!m)
    throw new UserError(
      'bad-input',
      `"${text}" is not an alert id.`,
      'Use the number from `alerts`, like 12 or #12.',
    );
  return Number(m[1]);
}

export async function findAlert(deps: AlertCommandDeps, id: number): Promise<Alert> {
  const alert = await deps.lifecycle.alerts.get(id);
  if (!alert)
    throw new UserError(
      'not-found',
      `There is no alert #${id}.`,
      'See the ids with `alerts --all`.',
    );
  return alert;
}

export function who(ctx: CommandContext): string {
  return ctx.caller.name ? `${ctx.caller.name} (${ctx.caller.id})` : ctx.caller.id;
}

/** `2h`, `30m`, `1d12h`, `45s`: how long a silence lasts, as the user wrote it. */
export function span(seconds: number): string {
  const parts: string[] = [];
  let left = seconds;
  for (const [unit, size] of [
    ['d', 86_400],
    ['h', 3600],
    ['m', 60],
    ['s', 1],
  ] as const) {
    const n = Math.floor(left / size);
    if (n > 0) parts.push(`${n}${unit}`);
    left -= n * size;
  }
  return parts.join('') || '0s';
}

export function iso(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
