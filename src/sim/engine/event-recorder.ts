// Writes core/v1 Events the way client-go's recorder does: similar events (same object, reason,
// message, source) are folded into one with a rising count, and events expire after an hour.
import { isoSeconds } from '../util/duration.js';
import type { KubeObject } from '../objects/types.js';
import type { ObjectStore } from '../store/object-store.js';

export interface EventSource {
  component: string;
  host?: string;
}

export interface RecordOptions {
  fieldPath?: string;
  source: EventSource;
  /** Fold repeats into the existing event only if it was last seen within this window. */
  count?: number;
}

const EVENT_TTL_MS = 60 * 60 * 1000;

export class EventRecorder {
  private readonly similar = new Map<string, { namespace: string; name: string }>();
  private seq = 0;
  /** Events before this time would have expired before the sim starts: not recorded at all. */
  floor = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly store: ObjectStore,
    private readonly now: () => number,
  ) {}

  record(
    involved: KubeObject,
    type: 'Normal' | 'Warning',
    reason: string,
    message: string,
    opts: RecordOptions,
  ): void {
    const now = this.now();
    if (now < this.floor) return;
    const namespace = involved.metadata.namespace ?? 'default';
    const key = [
      involved.metadata.uid,
      reason,
      message,
      opts.fieldPath ?? '',
      opts.source.component,
      opts.source.host ?? '',
    ].join('\u0000');
    const existing = this.similar.get(key);
    if (existing && this.store.get('events', existing.namespace, existing.name)) {
      this.store.mutate('events', existing.namespace, existing.name, (ev) => {
        ev.count = Number(ev.count ?? 1) + (opts.count ?? 1);
        ev.lastTimestamp = isoSeconds(now);
      });
      return;
    }
    // Same shape as client-go's name: object name plus the timestamp in hex nanoseconds.
    const name = `${involved.metadata.name}.${(BigInt(Math.floor(now)) * 1_000_000n + BigInt(this.seq++ % 1_000_000)).toString(16)}`;
    const ts = isoSeconds(now);
    this.store.create('events', {
      kind: 'Event',
      apiVersion: 'v1',
      metadata: { name, namespace, uid: '', resourceVersion: '', creationTimestamp: ts },
      involvedObject: {
        kind: involved.kind,
        namespace: involved.metadata.namespace,
        name: involved.metadata.name,
        uid: involved.metadata.uid,
        apiVersion: involved.apiVersion,
        resourceVersion: involved.metadata.resourceVersion,
        ...(opts.fieldPath ? { fieldPath: opts.fieldPath } : {}),
      },
      reason,
      message,
      source: {
        component: opts.source.component,
        ...(opts.source.host ? { host: opts.source.host } : {}),
      },
      firstTimestamp: ts,
      lastTimestamp: ts,
      count: opts.count ?? 1,
      type,
      eventTime: null,
      reportingComponent: opts.source.component,
      reportingInstance: opts.source.host ?? '',
    });
    this.similar.set(key, { namespace, name });
  }

  /** Deletes events last seen over an hour ago, as the API server's event TTL does. */
  expire(): void {
    const cutoff = this.now() - EVENT_TTL_MS;
    for (const ev of this.store.list('events')) {
      const last = Date.parse(String(ev.lastTimestamp ?? ev.metadata.creationTimestamp));
      if (last < cutoff) this.store.remove('events', ev.metadata.namespace, ev.metadata.name);
    }
    for (const [key, ref] of this.similar) {
      if (!this.store.get('events', ref.namespace, ref.name)) this.similar.delete(key);
    }
  }
}
