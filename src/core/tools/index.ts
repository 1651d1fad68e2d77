import { readTools } from './read/index.js';
import type { RegisteredTool } from './registry/tool-registry.js';
import { writeTools } from './write/index.js';

/** The tool names MCP clients, the LLM and chat commands see (issue 4); a test keeps this list exact. */
export const toolNames = [
  'get_cluster_info',
  'get_pods',
  'get_services',
  'get_deployments',
  'get_pod_logs',
  'execute_kubectl',
  'get_docker_containers',
  'get_pod_top',
  'exec_into_pod',
  'run_container_in_pod',
] as const;

export type ToolName = (typeof toolNames)[number];

/** Every tool, in the order of `toolNames`. */
export const allTools: RegisteredTool[] = [...(readTools as RegisteredTool[]), ...writeTools].sort(
  (a, b) => toolNames.indexOf(a.name as ToolName) - toolNames.indexOf(b.name as ToolName),
);
