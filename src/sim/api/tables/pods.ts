// Table columns of pods, with the STATUS/RESTARTS cell logic of the API server's pod printer.
import type { ContainerStatus, KubeObject, Pod } from '../../objects/types.js';
import { humanDuration } from '../../util/duration.js';
import { AGE, NAME, age, col, type TablePrinter, type TableRow } from './common.js';

function podRow(obj: KubeObject, now: number): TableRow {
  const pod = obj as Pod;
  const statuses: ContainerStatus[] = pod.status?.containerStatuses ?? [];
  let reason = pod.status?.reason ?? pod.status?.phase ?? 'Pending';
  let restarts = 0;
  let ready = 0;
  let lastRestart = 0;
  let hasRunning = false;
  for (let i = statuses.length - 1; i >= 0; i--) {
    const c = statuses[i];
    if (!c) continue;
    restarts += c.restartCount;
    const finished = c.lastState?.terminated?.finishedAt;
    if (finished && Date.parse(finished) > lastRestart) lastRestart = Date.parse(finished);
    if (c.state?.waiting?.reason) reason = c.state.waiting.reason;
    else if (c.state?.terminated?.reason) reason = c.state.terminated.reason;
    else if (c.state?.terminated) reason = `ExitCode:${c.state.terminated.exitCode}`;
    else if (c.ready && c.state?.running) {
      hasRunning = true;
      ready++;
    }
  }
  if (reason === 'Completed' && hasRunning) {
    reason = pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')
      ? 'Running'
      : 'NotReady';
  }
  const phase = pod.status?.phase;
  if (pod.metadata.deletionTimestamp && phase !== 'Succeeded' && phase !== 'Failed')
    reason = 'Terminating';
  const restartsCell =
    restarts !== 0 && lastRestart
      ? `${restarts} (${humanDuration(now - lastRestart)} ago)`
      : String(restarts);
  const nominated = (pod.status?.nominatedNodeName as string | undefined) ?? '<none>';
  const row: TableRow = {
    cells: [
      pod.metadata.name,
      `${ready}/${pod.spec.containers.length}`,
      reason,
      restartsCell,
      age(pod, now),
      pod.status?.podIP ?? '<none>',
      pod.spec.nodeName ?? '<none>',
      nominated,
      '<none>',
    ],
  };
  if (phase === 'Succeeded') row.conditions = [{ type: 'Completed', status: 'True' }];
  if (phase === 'Failed') row.conditions = [{ type: 'Completed', status: 'True' }];
  return row;
}

export const POD_PRINTER: TablePrinter = {
  columns: [
    NAME,
    col('Ready', 'The aggregate readiness state of this pod for accepting traffic.'),
    col('Status', 'The aggregate status of the containers in this pod.'),
    col(
      'Restarts',
      'The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.',
    ),
    AGE,
    col(
      'IP',
      'podIP is the IP address allocated to the pod. Routable at least within the cluster. Empty if not yet allocated.',
      1,
    ),
    col('Node', 'NodeName indicates in which node this pod is scheduled.', 1),
    col(
      'Nominated Node',
      'nominatedNodeName is set only when this pod preempts other pods on the node.',
      1,
    ),
    col(
      'Readiness Gates',
      'If specified, all readiness gates will be evaluated for pod readiness.',
      1,
    ),
  ],
  row: podRow,
};
