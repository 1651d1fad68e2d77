import type { CoreV1Event, V1Pod } from '@kubernetes/client-node';
import type { Evidence, EvidenceEvent } from '../../alerts/alert.js';
import type { Cluster } from '../../kube/cluster.js';
import { httpStatusOf } from '../../kube/errors.js';
import { toMillis } from '../../tools/render/age.js';

export interface EvidenceRequest {
  namespace: string;
  /** Objects whose events belong to the incident (pods, the workload, a node). */
  objects: string[];
  owner?: string;
  pods: string[];
  /** The container whose previous instance's log explains a crash. */
  logsOf?: { pod: string; container: string };
  logLines: number;
  events: number;
}

const LOG_TIMEOUT_MS = 3000;

/** Gathers an incident's evidence: recent events from the cache, the crashed container's log from the API. */
export async function gatherEvidence(
  cluster: Pick<Cluster, 'core' | 'cache'>,
  request: EvidenceRequest,
): Promise<Evidence> {
  const evidence: Evidence = {
    pods: request.pods.slice(0, 5),
    events: recentEvents(cluster, request),
  };
  if (request.owner) evidence.owner = request.owner;
  if (request.logsOf && request.logLines > 0) {
    const { pod, container } = request.logsOf;
    const read = (previous: boolean) =>
      withTimeout(
        cluster.core.readNamespacedPodLog({
          name: pod,
          namespace: request.namespace,
          container,
          previous,
          tailLines: request.logLines,
        }),
        LOG_TIMEOUT_MS,
      );
    try {
      // The crashed instance is the previous one once restarted; before that it is the current one.
      const text = await read(true).catch((error: unknown) => {
        if (httpStatusOf(error) === 400) return read(false);
        throw error;
      });
      const lines = String(text ?? '').split('\n');
      if (lines[lines.length - 1] === '') lines.pop();
      evidence.logs = { pod, container, lines: lines.slice(-request.logLines) };
    } catch (error) {
      evidence.logs = { pod, container, lines: [], error: errorText(error) };
    }
  }
  return evidence;
}

function recentEvents(cluster: Pick<Cluster, 'cache'>, request: EvidenceRequest): EvidenceEvent[] {
  if (request.events <= 0) return [];
  const wanted = new Set(request.objects);
  const events = cluster.cache.list('events', request.namespace || undefined) as CoreV1Event[];
  return events
    .filter(
      (e) =>
        wanted.has(e.involvedObject?.name ?? '') &&
        (request.namespace === '' || e.involvedObject?.namespace === request.namespace),
    )
    .map((e) => ({
      at: eventTime(e),
      type: e.type ?? 'Normal',
      reason: e.reason ?? '',
      object: `${e.involvedObject?.kind ?? ''}/${e.involvedObject?.name ?? ''}`,
      message: (e.message ?? '').slice(0, 500),
      count: e.count ?? 1,
    }))
    .sort((a, b) => b.at - a.at)
    .slice(0, request.events);
}

export function eventTime(e: CoreV1Event): number {
  const any = e as unknown as {
    lastTimestamp?: string;
    eventTime?: string;
    firstTimestamp?: string;
    metadata?: { creationTimestamp?: string };
  };
  return (
    toMillis(any.lastTimestamp) ??
    toMillis(any.eventTime) ??
    toMillis(any.firstTimestamp) ??
    toMillis(any.metadata?.creationTimestamp) ??
    0
  );
}

/** `Deployment shop/web (ready 1/2)` */
export function ownerLabel(
  kind: string,
  namespace: string,
  name: string,
  ready?: { ready: number; desired: number },
): string {
  const where = namespace ? `${namespace}/${name}` : name;
  return `${kind} ${where}${ready ? ` (ready ${ready.ready}/${ready.desired})` : ''}`;
}

export function podNames(pods: V1Pod[]): string[] {
  return pods.map((p) => p.metadata?.name ?? '').filter(Boolean);
}

function errorText(error: unknown): string {
  const body = (error as { body?: unknown }).body;
  if (typeof body === 'string') {
    try {
      const parsed = JSON.parse(body) as { message?: string };
      if (parsed.message) return parsed.message;
    } catch {
      // not JSON: fall through
    }
  }
  return error instanceof Error ? (error.message.split('\n')[0] ?? 'unknown error') : String(error);
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}
