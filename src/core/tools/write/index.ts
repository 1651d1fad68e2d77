import { executeKubectl } from './execute-kubectl.js';
import { execIntoPod } from './exec-into-pod.js';
import { runContainerInPod } from './run-container-in-pod.js';

export { executeKubectl, execIntoPod, runContainerInPod };

/** The tools whose calls can change the cluster (execute_kubectl only for its write verbs). */
export const writeTools = [executeKubectl, execIntoPod, runContainerInPod];
