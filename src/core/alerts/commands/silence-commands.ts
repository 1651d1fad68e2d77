import type { ChatCommand } from '../../agent/commands/command-table.js';
import { parseDurationSeconds } from '../../agent/commands/duration.js';
import { UserError } from '../../errors/user-error.js';
import { textMessage } from '../../messages/build.js';
import { subjectLabel } from '../alert.js';
import { formatMatchers, parseMatchers } from '../silences/matcher.js';
import {
  alertId,
  findAlert,
  iso,
  requireOperator,
  span,
  who,
  type AlertCommandDeps,
} from './command-helpers.js';

const MAX_SILENCE_S = 30 * 86_400;

export function silenceCommand(deps: AlertCommandDeps): ChatCommand {
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

export function unsilenceCommand(deps: AlertCommandDeps): ChatCommand {
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
