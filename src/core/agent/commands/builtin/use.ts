import { UserError } from '../../../errors/user-error.js';
import { textMessage } from '../../../messages/build.js';
import { conversationKey } from '../../conversation-key.js';
import type { ChatCommand } from '../command-table.js';
import { closest } from '../levenshtein.js';

export const useCommand: ChatCommand = {
  name: 'use',
  summary: 'switch this thread (or channel) to another cluster',
  usage: 'use CLUSTER',
  args: {
    flags: [],
    positionals: [{ name: 'CLUSTER', required: true, description: 'a name from `clusters`' }],
  },
  examples: ['use staging'],
  async run(ctx, args) {
    const name = args.positionals[0] as string;
    const known = ctx.services.clusters.names();
    if (!known.includes(name)) {
      const guess = closest(name, known)[0];
      throw new UserError(
        'not-found',
        `There is no cluster named "${name}".${guess ? ` Did you mean \`${guess}\`?` : ''}`,
        `Known clusters: ${known.join(', ')}.`,
      );
    }
    const { request } = ctx;
    await ctx.services.conversations.setClusterChoice(conversationKey(request), {
      cluster: name,
      setBy: request.userName ?? request.userId,
      setAt: ctx.services.now(),
    });
    const scope = request.threadId === undefined ? 'this channel' : 'this thread';
    return [textMessage(`Now using cluster ${name} in ${scope}.`, 'success')];
  },
};
