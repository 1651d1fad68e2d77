import { block, message } from '../../../messages/build.js';
import type { ChatCommand } from '../command-table.js';

const mayDo: Record<string, string> = {
  viewer: 'read (pods, logs, top, deployments, services, read-only kubectl)',
  operator: 'read; request and approve write calls (scale, restart, delete, run)',
  admin: 'read; request and approve write and exec calls',
};

export const whoamiCommand: ChatCommand = {
  name: 'whoami',
  summary: 'your identity, role and the cluster this conversation uses',
  usage: 'whoami',
  args: { flags: [], positionals: [] },
  async run(ctx) {
    const { request, caller, role, cluster } = ctx;
    return [
      message(
        'info',
        [
          block.fields([
            { label: 'You', value: `${request.userName ?? request.userId} (${caller.id})` },
            { label: 'Role', value: `${caller.role} — from ${role.source}` },
            { label: 'May', value: mayDo[caller.role] ?? caller.role },
            { label: 'Cluster', value: `${cluster.cluster} — ${cluster.source}` },
          ]),
        ],
        'whoami',
      ),
    ];
  },
};
