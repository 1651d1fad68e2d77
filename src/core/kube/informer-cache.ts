import {
  makeInformer,
  type Informer,
  type KubeConfig,
  type KubernetesListObject,
  type KubernetesObject,
  type ObjectCache,
} from '@kubernetes/client-node';
import type { Logger } from '../log/logger.js';
import { allCachedKinds, cachedKindPaths } from './cached-kinds.js';
import type { CacheChange, CachedKind, CachedKinds, ClusterCache } from './cluster.js';
import { toKubeUserError } from './errors.js';
import { getJson } from './http-json.js';
import { slimObject } from './slim-object.js';

export interface InformerCacheOptions {
  clusterName: string;
  kubeConfig: KubeConfig;
  logger: Logger;
  /** Defaults to every kind of `CachedKinds`. */
  kinds?: CachedKind[];
  /** Restart delays after a failed list or watch: doubles from `initialMs` up to `maxMs`. */
  backoff?: { initialMs?: number; maxMs?: number };
  listTimeoutMs?: number;
}

export interface KindHealth {
  listed: boolean;
  count: number;
  lists: number;
  restarts: number;
  lastError?: string;
  lastErrorAt?: number;
}

type AnyInformer = Informer<KubernetesObject> & ObjectCache<KubernetesObject>;

interface KindState {
  kind: CachedKind;
  informer: AnyInformer;
  listed: boolean;
  lists: number;
  restarts: number;
  delayMs: number;
  startedAt: number;
  timer?: NodeJS.Timeout;
  lastError?: string;
  lastErrorAt?: number;
}

// A watch that stayed up this long was healthy: the next failure starts the back-off afresh.
const healthyRunMs = 30_000;

/** A `ClusterCache` made of one client-node informer per kind, restarted with back-off on failure. */
export class InformerCache implements ClusterCache {
  private readonly states = new Map<CachedKind, KindState>();
  private readonly listeners = new Set<(change: CacheChange) => void>();
  private readonly readyPromise: Promise<void>;
  private settleReady!: { resolve: () => void; reject: (error: unknown) => void };
  private started = false;
  private stopped = false;
  private readonly initialDelayMs: number;
  private readonly maxDelayMs: number;

  constructor(private readonly options: InformerCacheOptions) {
    this.initialDelayMs = options.backoff?.initialMs ?? 500;
    this.maxDelayMs = options.backoff?.maxMs ?? 30_000;
    this.readyPromise = new Promise<void>((resolve, reject) => {
      this.settleReady = { resolve, reject };
    });
    // Nobody may be waiting when the first list fails; the rejection is still given to later callers.
    this.readyPromise.catch(() => undefined);
    for (const kind of options.kinds ?? allCachedKinds)
      this.states.set(kind, this.createState(kind));
  }

  /** Starts every informer (idempotent); `ready()` tells when the first lists are in. */
  start(): this {
    if (this.started || this.stopped) return this;
    this.started = true;
    for (const state of this.states.values()) this.startInformer(state);
    return this;
  }

  ready(): Promise<void> {
    this.start();
    return this.readyPromise;
  }

  list<K extends CachedKind>(kind: K, namespace?: string): CachedKinds[K][] {
    const state = this.states.get(kind);
    // ListWatch.list builds a fresh array on every call, so handing it out is safe.
    return (state?.informer.list(namespace) ?? []) as CachedKinds[K][];
  }

  get<K extends CachedKind>(
    kind: K,
    namespace: string | undefined,
    name: string,
  ): CachedKinds[K] | undefined {
    return this.states.get(kind)?.informer.get(name, namespace) as CachedKinds[K] | undefined;
  }

  onChange(listener: (change: CacheChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Per kind: listed yet, object count, lists and restarts so far, last error. */
  health(): Record<string, KindHealth> {
    const result: Record<string, KindHealth> = {};
    for (const state of this.states.values()) {
      result[state.kind] = {
        listed: state.listed,
        count: state.informer.list().length,
        lists: state.lists,
        restarts: state.restarts,
        lastError: state.lastError,
        lastErrorAt: state.lastErrorAt,
      };
    }
    return result;
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    for (const state of this.states.values()) {
      clearTimeout(state.timer);
      void state.informer.stop();
    }
    this.listeners.clear();
    this.settleReady.reject(new Error('the cluster cache was stopped'));
  }

  private createState(kind: CachedKind): KindState {
    const { kubeConfig, listTimeoutMs } = this.options;
    const path = cachedKindPaths[kind];
    const state = {} as KindState;
    const listFn = async (): Promise<KubernetesListObject<KubernetesObject>> => {
      const list = await getJson<KubernetesListObject<KubernetesObject>>(kubeConfig, path, {
        timeoutMs: listTimeoutMs ?? 60_000,
      });
      for (const item of list.items ?? []) slimObject(item);
      // ListWatch stores the items right after this promise settles, in the same microtask run;
      // a macrotask later they are all in, so only then may readers count on them.
      setImmediate(() => this.onListed(state));
      return list;
    };
    const informer = makeInformer(kubeConfig, path, listFn) as AnyInformer;
    Object.assign(state, {
      kind,
      informer,
      listed: false,
      lists: 0,
      restarts: 0,
      delayMs: this.initialDelayMs,
      startedAt: 0,
    });

    informer.on('add', (object) => this.emit(kind, 'add', object));
    informer.on('update', (object) => this.emit(kind, 'update', object));
    informer.on('delete', (object) => this.emit(kind, 'delete', object));
    informer.on('error', (error: unknown) => this.onError(state, error));
    return state;
  }

  private startInformer(state: KindState): void {
    state.startedAt = Date.now();
    state.informer.start().catch((error: unknown) => this.onError(state, error));
  }

  private onListed(state: KindState): void {
    state.lists += 1;
    state.delayMs = this.initialDelayMs;
    if (state.listed) return;
    state.listed = true;
    if ([...this.states.values()].every((s) => s.listed)) this.settleReady.resolve();
  }

  private onError(state: KindState, error: unknown): void {
    // Stopping aborts the watch, which reports an AbortError: not a failure.
    if (this.stopped) return;
    const userError = toKubeUserError(
      error,
      this.options.clusterName,
      `listing and watching ${state.kind}`,
    );
    state.lastError = userError.message;
    state.lastErrorAt = Date.now();
    if (!state.listed) this.settleReady.reject(userError);
    if (Date.now() - state.startedAt > healthyRunMs) state.delayMs = this.initialDelayMs;
    const delay = state.delayMs;
    state.delayMs = Math.min(state.delayMs * 2, this.maxDelayMs);
    this.options.logger.warn(
      {
        cluster: this.options.clusterName,
        kind: state.kind,
        retryInMs: delay,
        err: userError.message,
      },
      'informer failed; restarting',
    );
    clearTimeout(state.timer);
    state.timer = setTimeout(() => {
      state.restarts += 1;
      this.startInformer(state);
    }, jitter(delay));
    state.timer.unref();
  }

  private emit(kind: CachedKind, type: CacheChange['type'], object: KubernetesObject): void {
    if (type !== 'delete') slimObject(object);
    for (const listener of this.listeners) {
      try {
        listener({ kind, type, object: object as CachedKinds[CachedKind] });
      } catch (error) {
        this.options.logger.error(
          { err: error, cluster: this.options.clusterName, kind },
          'cache listener failed',
        );
      }
    }
  }
}

function jitter(ms: number): number {
  return Math.round(ms * (0.8 + Math.random() * 0.4));
}
