import type { ChatCommand } from '../../agent/commands/command-table.js';
import { block, message, textMessage } from '../../messages/build.js';
import { formatDuration } from '../../tools/render/age.js';
import { subjectLabel, type Alert } from '../alert.js';
import { formatMatchers } from '../silences/matcher.js';
import { alertId, iso, requireOperator, who, type AlertCommandDeps } from './command-helpers.js';
import { silenceCommand, unsilenceCommand } from './silence-commands.js';

export type { AlertCommandDeps } from './command-helpers.js';

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

function stateText(a: Alert, silenced: boolean): string {
  const parts: string[] = [
    a.state === 'acknowledged' && a.ackedBy ? `acked by ${a.ackedBy}` : a.state,
  ];
  if (a.flapping) parts.push('flapping');
  if (silenced) parts.push('silenced');
  return parts.join(', ');
}
