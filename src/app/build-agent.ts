import type { Agent } from '../core/agent/agent.js';
import { createAgent } from '../core/agent/create-agent.js';
import type { Services } from './build-services.js';

/** The agent core over the shared services: the same for chat adapters, the dashboard and the terminal. */
export function buildAgent(services: Services): Agent {
  return createAgent({
    config: services.config,
    tools: services.tools,
    approvals: services.tools.approvals,
    clusters: services.clusters,
    db: services.db,
    logger: services.logger.child({ component: 'agent' }),
  });
}
