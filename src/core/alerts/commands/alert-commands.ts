import type { ChatCommand } from '../../agent/commands/command-table.js';
import type { CommandContext } from '../../agent/command-context.js';
import { parseDurationSeconds } from '../../agent/commands/duration.js';
import { UserError } from '../../errors/user-error.js';
import { block, message, textMessage } from '../../messages/build.js';
import { roleRank } from '../../policy/roles.js';
import { formatDuration } from '../../tools/render/age.js';
import { subjectLabel, type Alert } from '../alert.js';
import type { AlertLifecycle } from '../lifecycle/alert-lifecycle.js';
import { formatMatchers, parseMatchers } from '../silences/matcher.js';
import type { SilenceRepo } from '../silences/silence-repo.js';
import type { Silences } from '../silences/silences.js';

export interface AlertCommandDeps {
  lifecycle: AlertLifecycle;
  silences: Silences;
  silenceRepo: SilenceRepo;
  /** The alert clock (the same the lifecycle uses). */
  now: () => Date;
}

const MAX_SILENCE_S = 30 * 86_400;

/** `alerts`, `ack`, `silence` and `unsilence`, for the agent's command table. */
export function createAlertCommands(deps: AlertCommandDeps): ChatCommand[] {
  return [alertsCommand(deps), ackCommand(deps), silenceCommand(deps), unsilenceCommand(deps)];
}

function alertsCommand(deps: AlertCommandDeps): ChatCommand {
  return {
    name: 'alerts',
    summary: 'open alerts (with --all, recently resolved ones too)',
    usage: 'alerts [--all]',
    args: {
      flags: [{ name: 'all', long: 'all', type: 'boolean', description: 'resolved alerts too' }],
      positionals: [],
    },
    examples: ['alerts', 'alerts --all'],
    async run(_ctx, args) {
      const all = args.flags.all === true;
      const alerts = all
        ? await deps.lifecycle.alerts.list({ includeResolved: true, limit: 50 })
        : await deps.lifecycle.openAlerts();
      await deps.silences.refreshIfStale();
      const now = deps.now().getTime();
      const silenced = new Set(alerts.filter((a) => deps.silences.covering(a)).map((a) => a.id));
      const blocks = [];
      if (alerts.length === 0) {
        blocks.push(block.text(all ? 'No alerts in the last days.' : 'No open alerts.'));
      } else {
        const rows = alerts
          .sort(
            (a, b) =>
              Number(b.state !== 'resolved') - Number(a.state !== 'resolved') ||
              b.lastSeenAt - a.lastSeenAt,
          )
          .map((a) => [
            `#${a.id}`,
            a.severity,
            stateText(a, silenced.has(a.id)),
            a.reason,
            `${subjectLabel(a.subject)} (${a.subject.cluster})`,
            formatDuration(now - a.firstSeenAt),
            a.summary,
          ]);
        blocks.push(
          block.table(['ID', 'SEVERITY', 'STATE', 'REASON', 'OBJECT', 'AGE', 'SUMMARY'], rows),
        );
      }
      const active = deps.silences.active();
      if (active.length > 0) {
        blocks.push(
          block.note(
            `Silences: ${active.map((s) => `S${s.id} ${s.fingerprint ? `fingerprint ${s.fingerprint}` : formatMatchers(s.matchers ?? [])} until ${iso(s.expiresAt)} by ${s.createdBy}`).join('; ')}`,
          ),
        );
      }
      blocks.push(
        block.note(
          '`ack ID` acknowledges; `silence ID|MATCHER 1h` silences; `unsilence ID` lifts it.',
        ),
      );
      const worst = alerts.some((a) => a.state !== 'resolved' && a.severity === 'critical')
        ? 'critical'
        : alerts.some((a) => a.state !== 'resolved')
          ? 'warning'
          : 'success';
      return [message(worst, blocks, all ? 'Alerts (including resolved)' : 'Open alerts')];
    },
  };
}

function ackCommand(deps: AlertCommandDeps): ChatCommand {
  return {
    name: 'ack',
    summary: 'acknowledge an alert: you are on it (noted in its thread)',
    usage: 'ack ID',
    args: {
      flags: [],
      positionals: [{ name: 'ID', required: true, description: 'the alert id from `alerts`' }],
    },
    examples: ['ack 12'],
    async run(ctx, args) {
      requireOperator(ctx, 'acknowledge alerts');
      const id = alertId(args.positionals[0] ?? '');
      const alert = await deps.lifecycle.acknowledge(id, who(ctx));
      return [
        textMessage(
          `Acknowledged #${alert.id} ${alert.reason} on ${subjectLabel(alert.subject)}.`,
          'success',
        ),
      ];
    },
  };
}

function silenceCommand(deps: AlertCommandDeps): ChatCommand {
  return {
    name: 'silence',
    summary: 'no notifications for an alert, or for every alert a matcher selects, for a while',
    usage: 'silence ID|MATCHER DURATION [--comment TEXT]',
    args: {
      flags: [
        {
          name: 'comment',
          long: 'comment',
          type: 'string',
          value: 'TEXT',
          description: 'why (shown with the silence)',
        },
      ],
      positionals: [
        {
          name: 'ID|MATCHER',
          required: true,
          description: 'an alert id, or field=value pairs such as namespace=shop,reason=OOMKilled',
        },
        { name: 'DURATION', required: true, description: 'how long, e.g. 30m, 2h, 1d' },
      ],
    },
    examples: ['silence 12 2h', 'silence namespace=shop,reason=CrashLoopBackOff 1h'],
    async run(ctx, args) {
      requireOperator(ctx, 'silence alerts');
      const [target = '', duration = ''] = args.positionals;
      const seconds = parseDurationSeconds(duration, 'duration');
      if (seconds <= 0 || seconds > MAX_SILENCE_S) {
        throw new UserError(
          'bad-input',
          `A silence lasts between 1 second and 30 days, not ${duration}.`,
          'Write it like 30m, 2h or 1d.',
        );
      }
      const now = deps.now().getTime();
      const comment = typeof args.flags.comment === 'string' ? args.flags.comment : undefined;
      const base = {
        createdBy: who(ctx),
        createdAt: now,
        expiresAt: now + seconds * 1000,
        ...(comment && { comment }),
      };
      let what: string;
      let id: number;
      if (/^#?\d+$/.test(target)) {
        const alert = await findAlert(deps, alertId(target));
        ({ id } = await deps.silenceRepo.create({ ...base, fingerprint: alert.fingerprint }));
        what = `#${alert.id} ${alert.reason} on ${subjectLabel(alert.subject)} (and its repeats)`;
      } else {
        const matchers = parseMatchers(target);
        ({ id } = await deps.silenceRepo.create({ ...base, matchers }));
        what = `every alert matching ${formatMatchers(matchers)}`;
      }
      await deps.silences.refresh();
      return [
        textMessage(
          `Silenced ${what} for ${span(seconds)}, until ${iso(base.expiresAt)} (S${id}).`,
          'success',
        ),
      ];
    },
  };
}

function unsilenceCommand(deps: AlertCommandDeps): ChatCommand {
  return {
    name: 'unsilence',
    summary: 'lift a silence (by its S-id, or an alert id for that alert’s silences)',
    usage: 'unsilence ID',
    args: {
      flags: [],
      positionals: [
        { name: 'ID', required: true, description: 'a silence id (S3) or an alert id (12)' },
      ],
    },
    examples: ['unsilence S3', 'unsilence 12'],
    async run(ctx, args) {
      requireOperator(ctx, 'lift silences');
      const target = args.positionals[0] ?? '';
      const now = deps.now().getTime();
      const silenceMatch = /^[sS](\d+)$/.exec(target);
      if (silenceMatch) {
        const id = Number(silenceMatch[1]);
        if (!(await deps.silenceRepo.revoke(id, who(ctx), now))) {
          throw new UserError(
            'not-found',
            `There is no active silence S${id}.`,
            'See the silences under `alerts`.',
          );
        }
        await deps.silences.refresh();
        return [textMessage(`Lifted silence S${id}.`, 'success')];
      }
      const alert = await findAlert(deps, alertId(target));
      const lifted = await deps.silenceRepo.revokeFingerprint(alert.fingerprint, who(ctx), now);
      await deps.silences.refresh();
      const still = deps.silences.covering(alert);
      if (lifted === 0 && still) {
        throw new UserError(
          'conflict',
          `Alert #${alert.id} is silenced by S${still.id}, a matcher silence.`,
          `Lift it with \`unsilence S${still.id}\`.`,
        );
      }
      if (lifted === 0) throw new UserError('not-found', `Alert #${alert.id} is not silenced.`);
      return [
        textMessage(
          `Lifted ${lifted === 1 ? 'the silence' : `${lifted} silences`} of #${alert.id}.`,
          'success',
        ),
      ];
    },
  };
}

function requireOperator(ctx: CommandContext, what: string): void {
  if (roleRank(ctx.caller.role) < roleRank('operator')) {
    throw new UserError(
      'forbidden',
      `Only operators and admins may ${what}; your role is ${ctx.caller.role}.`,
      'Ask an admin to give you the operator role.',
    );
  }
}

function alertId(text: string): number {
  const m = /^#?(\d+)$/.exec(text.trim());
  if (!m)
    throw new UserError(
      'bad-input',
      `"${text}" is not an alert id.`,
      'Use the number from `alerts`, like 12 or #12.',
    );
  return Number(m[1]);
}

async function findAlert(deps: AlertCommandDeps, id: number): Promise<Alert> {
  const alert = await deps.lifecycle.alerts.get(id);
  if (!alert)
    throw new UserError(
      'not-found',
      `There is no alert #${id}.`,
      'See the ids with `alerts --all`.',
    );
  return alert;
}

function who(ctx: CommandContext): string {
  return ctx.caller.name ? `${ctx.caller.name} (${ctx.caller.id})` : ctx.caller.id;
}

function stateText(a: Alert, silenced: boolean): string {
  const parts: string[] = [
    a.state === 'acknowledged' && a.ackedBy ? `acked by ${a.ackedBy}` : a.state,
  ];
  if (a.flapping) parts.push('flapping');
  if (silenced) parts.push('silenced');
  return parts.join(', ');
}

/** `2h`, `30m`, `1d12h`, `45s`: how long a silence lasts, as the user wrote it. */
function span(seconds: number): string {
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

function iso(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
