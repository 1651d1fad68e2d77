import { UserError } from '../../../errors/user-error.js';
import { block, message } from '../../../messages/build.js';
import type { ChatCommand } from '../command-table.js';
import { flagLabel } from '../parse-args.js';

export const helpCommand: ChatCommand = {
  name: 'help',
  summary: 'list the commands, or explain one',
  usage: 'help [COMMAND]',
  args: {
    flags: [],
    positionals: [{ name: 'COMMAND', required: false, description: 'a command to explain' }],
  },
  examples: ['help', 'help logs'],
  async run(ctx, args) {
    const table = ctx.services.commands;
    const wanted = args.positionals[0];
    if (wanted === undefined) {
      const rows = table.list().map((c) => [c.usage, c.summary]);
      return [
        message(
          'info',
          [
            block.table(['COMMAND', 'WHAT IT DOES'], rows),
            block.note(
              'Anything else is a question in plain language, e.g. "why is checkout crashing?". ' +
                '`help COMMAND` explains one command.',
            ),
          ],
          'AI4K8s commands',
        ),
      ];
    }
    const command = table.get(wanted);
    if (!command) {
      const guess = table.suggest(wanted)[0];
      throw new UserError(
        'not-found',
        `There is no command \`${wanted}\`.${guess ? ` Did you mean \`${guess}\`?` : ''}`,
        'Type `help` for the list.',
      );
    }
    const blocks = [
      block.code(command.usage, 'text'),
      block.text(capitalise(command.summary) + '.'),
    ];
    const options = [
      ...command.args.positionals.map((p) => ({ label: p.name, value: p.description })),
      ...command.args.flags.map((f) => ({
        label: `${flagLabel(f)}${f.type === 'boolean' ? '' : ` ${f.value ?? 'VALUE'}`}`,
        value: f.description,
      })),
    ];
    if (options.length > 0) blocks.push(block.fields(options));
    if (command.examples?.length)
      blocks.push(block.text(`Examples: ${command.examples.map((e) => `\`${e}\``).join(', ')}`));
    return [message('info', blocks, `help ${command.name}`)];
  },
};

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
