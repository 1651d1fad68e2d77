import type { Config } from '../config/schema.js';
import type { ConversationsRepo } from '../store/repos/conversations.js';
import type { ChatRequest } from './chat-request.js';
import { channelKey, conversationKey } from './conversation-key.js';

/** The part of the cluster registry the agent needs: which clusters exist and the default. */
export interface ClusterNames {
  names(): string[];
  readonly defaultName: string;
}

export interface ClusterResolution {
  cluster: string;
  /** Why this cluster, for `whoami` and `clusters`. */
  source: string;
}

/**
 * The cluster a line runs against: `--cluster` of the terminal; `use` in this thread; `use` in
 * this channel; the channel's binding in the config; the first configured cluster.
 */
export async function resolveCluster(
  req: ChatRequest,
  deps: {
    clusters: ClusterNames;
    conversations: ConversationsRepo;
    channels: Config['roles']['channels'];
  },
): Promise<ClusterResolution> {
  if (req.cluster) return { cluster: req.cluster, source: '--cluster' };
  if (req.threadId !== undefined) {
    const thread = await deps.conversations.clusterChoice(conversationKey(req));
    if (thread)
      return { cluster: thread.cluster, source: `\`use\` in this thread by ${thread.setBy}` };
  }
  const channel = await deps.conversations.clusterChoice(channelKey(req));
  if (channel)
    return { cluster: channel.cluster, source: `\`use\` in this channel by ${channel.setBy}` };
  const binding = deps.channels.find(
    (c) => c.platform === req.platform && c.channel === req.channelId && c.cluster,
  );
  if (binding?.cluster)
    return { cluster: binding.cluster, source: 'the channel binding in the config' };
  return { cluster: deps.clusters.defaultName, source: 'the default (first configured) cluster' };
}
