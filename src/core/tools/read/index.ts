import type { ToolDefinition } from '../types.js';
import { getClusterInfo } from './get-cluster-info.js';
import { getDeployments } from './get-deployments.js';
import { getDockerContainers } from './get-docker-containers.js';
import { getPodLogs } from './get-pod-logs.js';
import { getPodTop } from './get-pod-top.js';
import { getPods } from './get-pods.js';
import { getServices } from './get-services.js';

export {
  getClusterInfo,
  getDeployments,
  getDockerContainers,
  getPodLogs,
  getPodTop,
  getPods,
  getServices,
};

/** The read tools, served from the informer cache (logs and metrics from the API); all of risk `read`. */
export const readTools: ToolDefinition[] = [
  getClusterInfo,
  getPods,
  getServices,
  getDeployments,
  getPodLogs,
  getDockerContainers,
  getPodTop,
];
