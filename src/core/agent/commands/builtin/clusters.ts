import { block, message } from '../../../messages/build.js';
import type { ChatCommand } from '../command-table.js';

export const clustersCommand: ChatCommand = {
  name: 'clusters',
  summary: 'the configured clusters and which one this conversation uses',
  usage: 'clusters',
  args: { flags: [], positionals: [] },
  async run(ctx) {
    const { clusters } = ctx.services;
    const current = ctx.cluster.cluster;
    const rows = clusters
      .names()
      .map((name) => [
        name === current ? `* ${name}` : `  ${name}`,
        name === clusters.defaultName ? 'default' : '',
      ]);
    return [
      message(
        'info',
        [
          block.table(['CLUSTER', ''], rows),
          block.note(
            `This conversation uses ${current} (${ctx.cluster.source}). Switch with \`use CLUSTER\`.`,
          ),
        ],
        'Clusters',
      ),
    ];
  },
};
