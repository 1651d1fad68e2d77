// GET pods/{name}/log: the current or previous container instance's generated log, with
// tailLines, sinceSeconds/sinceTime, timestamps, limitBytes and follow.
import type { ServerResponse } from 'node:http';
import type { SimCluster } from '../cluster.js';
import { containerCommandPlan } from '../controllers/command-plan.js';
import type { Instance } from '../controllers/container-runtime.js';
import { renderLogs, type LogQuery, type LogSpec } from '../behaviour/log-templates.js';
import type { Pod } from '../objects/types.js';
import { badRequest, notFound } from './status.js';

const FOLLOW_POLL_MS = 500;

function positiveInt(query: URLSearchParams, name: string): number | undefined {
  const raw = query.get(name);
  if (raw === null || raw === '') return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0)
    throw badRequest(`${name}: Invalid value: "${raw}": must be a non-negative integer`);
  return n;
}

export function handlePodLog(
  res: ServerResponse,
  cluster: SimCluster,
  namespace: string,
  name: string,
  query: URLSearchParams,
): void {
  const pod = cluster.store.get('pods', namespace, name) as Pod | undefined;
  if (!pod) throw notFound('pods', '', name);
  const names = pod.spec.containers.map((c) => c.name);
  let containerName = query.get('container') ?? undefined;
  if (!containerName) {
    if (names.length !== 1)
      throw badRequest(
        `a container name must be specified for pod ${name}, choose one of: [${names.join(' ')}]`,
      );
    containerName = names[0];
  }
  const spec = pod.spec.containers.find((c) => c.name === containerName);
  if (!spec) throw badRequest(`container ${containerName} is not valid for pod ${name}`);
  const rt = cluster.kubelet.runtime(pod.metadata.uid);
  const c = rt?.containers.find((x) => x.name === containerName);
  const previous = query.get('previous') === 'true';
  // Same choice as the kubelet: "previous" is the container in lastState.terminated.
  const ended = c?.current?.endedAt !== undefined ? c.current : undefined;
  const lastState =
    c?.phase === 'running' || c?.phase === 'exited' ? c.previous : (ended ?? c?.previous);
  let inst: Instance | undefined;
  if (previous) {
    inst = lastState;
    if (!inst)
      throw badRequest(
        `previous terminated container "${containerName}" in pod "${name}" not found`,
      );
  } else {
    inst = c?.phase === 'running' || c?.phase === 'exited' ? c.current : lastState;
    if (!inst) {
      const waiting = c?.waiting?.reason ?? 'ContainerCreating';
      const why =
        waiting === 'ImagePullBackOff'
          ? 'trying and failing to pull image'
          : waiting === 'ErrImagePull'
            ? "image can't be pulled"
            : waiting;
      throw badRequest(`container "${containerName}" in pod "${name}" is waiting to start: ${why}`);
    }
  }
  const now = cluster.apiNow();
  const b = cluster.behaviours.base(pod, spec);
  const plan = containerCommandPlan(pod, spec, cluster.store, b.files, inst.startedAt);
  const logSpec: LogSpec = plan ? { every: 3_600_000, startup: plan.output, lines: [] } : b.logs;
  const sinceSeconds = positiveInt(query, 'sinceSeconds');
  const sinceTime = query.get('sinceTime');
  const q: LogQuery = {
    tailLines: positiveInt(query, 'tailLines'),
    sinceMs:
      sinceSeconds !== undefined
        ? now - sinceSeconds * 1000
        : sinceTime
          ? Date.parse(sinceTime)
          : undefined,
    timestamps: query.get('timestamps') === 'true',
    limitBytes: positiveInt(query, 'limitBytes'),
  };
  const vars = {
    pod: name,
    container: containerName ?? '',
    namespace,
    node: pod.spec.nodeName ?? '',
  };
  const logInstance = {
    key: `${pod.metadata.uid}/${containerName}/${inst.n}`,
    startedAt: inst.startedAt,
    endedAt: inst.endedAt,
    finalLines: plan ? [] : inst.finalLines,
    vars,
  };
  const text = renderLogs(logSpec, logInstance, now, q);
  if (query.get('follow') !== 'true' || inst.endedAt !== undefined) {
    res.writeHead(200, {
      'Content-Type': 'text/plain',
      'Cache-Control': 'no-cache, private',
      'Content-Length': Buffer.byteLength(text),
    });
    res.end(text);
    return;
  }
  res.writeHead(200, {
    'Content-Type': 'text/plain',
    'Cache-Control': 'no-cache, private',
    'Transfer-Encoding': 'chunked',
  });
  res.write(text);
  let shownUntil = now;
  const current = inst;
  const timer = setInterval(() => {
    cluster.catchUp();
    const t = cluster.apiNow();
    const more = renderLogs(logSpec, logInstance, t, {
      timestamps: q.timestamps,
      sinceMs: shownUntil + 1,
    });
    shownUntil = t;
    if (more) res.write(more);
    if (current.endedAt !== undefined || !cluster.store.get('pods', namespace, name)) {
      clearInterval(timer);
      res.end();
    }
  }, FOLLOW_POLL_MS);
  timer.unref();
  res.on('close', () => clearInterval(timer));
}
