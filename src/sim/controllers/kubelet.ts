// The kubelets of all nodes: start containers (pull, create, start), crash and OOM them when
// their behaviour says so, restart with back-off, probe readiness, and kill pods being deleted.
import type { Behaviours } from '../behaviour/behaviours.js';
import { memoryLimit } from '../behaviour/behaviours.js';
import type { FaultManager } from '../behaviour/faults.js';
import { crossingTime } from '../behaviour/usage-models.js';
import type { Controller, Engine } from '../engine/engine.js';
import type { EventRecorder } from '../engine/event-recorder.js';
import type { Container, KubeObject, Pod } from '../objects/types.js';
import type { ObjectStore } from '../store/object-store.js';
import { goDuration } from '../util/duration.js';
import { hashString, unitHash } from '../util/random.js';
import { setCondition, type ContainerRt, type Instance, type PodRt } from './container-runtime.js';
import { renderPodStatus } from './pod-status.js';
import { containerCommandPlan } from './command-plan.js';

export interface KubeletDeps {
  store: ObjectStore;
  engine: Engine;
  events: EventRecorder;
  behaviours: Behaviours;
  faults: FaultManager;
}

const MAX_BACKOFF_MS = 300_000;
const BACKOFF_RESET_MS = 600_000;
const PROBE_EVENT_EVERY_MS = 60_000;

export class Kubelet implements Controller {
  readonly name = 'kubelet';
  private readonly pods = new Map<string, PodRt>();
  private readonly uidByKey = new Map<string, string>();
  private readonly dirty = new Set<string>();
  private readonly images = new Map<string, Set<string>>();
  private readonly ipCounters = new Map<string, number>();
  /**
   * Pods admitted before this time start "silently" (running at once, no events): their
   * start-up events would have expired before the sim starts anyway, and skipping them keeps
   * the pre-history of a 10,000-pod cluster cheap.
   */
  historicalBefore = Number.NEGATIVE_INFINITY;

  constructor(private readonly d: KubeletDeps) {
    d.store.onChange((c) => {
      if (c.resource === 'pods')
        this.dirty.add(`${c.object.metadata.namespace}/${c.object.metadata.name}`);
    });
  }

  runtime(uid: string): PodRt | undefined {
    return this.pods.get(uid);
  }

  sync(): boolean {
    if (this.dirty.size === 0) return false;
    const keys = [...this.dirty];
    this.dirty.clear();
    let changed = false;
    for (const key of keys) {
      const slash = key.indexOf('/');
      const pod = this.d.store.get('pods', key.slice(0, slash), key.slice(slash + 1)) as
        Pod | undefined;
      changed = this.syncPod(key, pod) || changed;
    }
    return changed;
  }

  /** Pods of a scenario that exist before the sim starts: running since `startedAt`, no events. */
  adopt(pod: Pod, startedAt: number): void {
    const node = pod.spec.nodeName ?? '';
    const rt = this.newRuntime(pod, node, startedAt);
    rt.podIP = this.allocateIP(node);
    for (const type of ['PodReadyToStartContainers', 'Initialized', 'PodScheduled'])
      setCondition(rt, type, 'True', startedAt);
    for (const c of rt.containers) {
      this.imagesOf(node).add(c.image);
      c.everPulled = true;
      this.startInstance(rt, c, startedAt, false);
    }
    this.updateReadiness(rt, startedAt);
    this.writeStatus(rt);
  }

  /** Faults changed what these pods do: re-plan their running containers. */
  reevaluate(uids: string[]): void {
    for (const uid of uids) {
      const rt = this.pods.get(uid);
      if (!rt || rt.killing) continue;
      for (const c of rt.containers) if (c.phase === 'running') this.planExit(rt, c);
      this.updateReadiness(rt, this.d.engine.time);
      this.writeStatus(rt);
    }
  }

  /** A node came back: report the status the kubelet could not send while it was down. */
  nodeChanged(node: string): void {
    if (this.d.faults.nodeDown(node)) return;
    for (const rt of this.pods.values()) {
      if (rt.node !== node) continue;
      this.writeStatus(rt);
      const pod = this.podOf(rt);
      if (pod?.metadata.deletionTimestamp) this.finishKill(rt);
    }
  }

  private syncPod(key: string, pod: Pod | undefined): boolean {
    const knownUid = this.uidByKey.get(key);
    const existing =
      knownUid !== undefined && knownUid !== pod?.metadata.uid
        ? this.pods.get(knownUid)
        : undefined;
    if (existing) this.forget(existing);
    if (!pod || !pod.spec.nodeName) return existing !== undefined;
    const rt = this.pods.get(pod.metadata.uid);
    if (!rt) {
      if (pod.metadata.deletionTimestamp) return false;
      if (this.d.engine.time < this.historicalBefore) this.adopt(pod, this.d.engine.time + 2000);
      else this.admit(pod);
      return true;
    }
    if (pod.metadata.deletionTimestamp && !rt.killing) {
      this.kill(rt, pod);
      return true;
    }
    let changed = false;
    for (const spec of pod.spec.containers) {
      const c = rt.containers.find((x) => x.name === spec.name);
      if (c && c.image !== spec.image && !rt.killing) {
        this.changeImage(rt, c, spec.image);
        changed = true;
      }
    }
    return changed;
  }

  private newRuntime(pod: Pod, node: string, now: number): PodRt {
    const nodeObj = this.d.store.get('nodes', undefined, node);
    const addresses =
      (nodeObj?.status?.addresses as Array<{ type: string; address: string }> | undefined) ?? [];
    const rt: PodRt = {
      uid: pod.metadata.uid,
      namespace: pod.metadata.namespace ?? 'default',
      name: pod.metadata.name,
      node,
      hostIP: addresses.find((a) => a.type === 'InternalIP')?.address ?? '10.0.0.1',
      startTime: now,
      containers: pod.spec.containers.map((c) => ({
        name: c.name,
        image: c.image,
        phase: 'creating',
        restartCount: 0,
        failures: 0,
        pullFailures: 0,
        ready: false,
        everPulled: false,
      })),
      conditions: new Map(),
      killing: false,
      timers: new Set(),
    };
    this.pods.set(rt.uid, rt);
    this.uidByKey.set(`${rt.namespace}/${rt.name}`, rt.uid);
    return rt;
  }

  private admit(pod: Pod): PodRt {
    const now = this.d.engine.time;
    const rt = this.newRuntime(pod, pod.spec.nodeName ?? '', now);
    setCondition(rt, 'PodReadyToStartContainers', 'False', now);
    setCondition(rt, 'Initialized', 'True', now);
    setCondition(rt, 'PodScheduled', 'True', now);
    this.updateReadiness(rt, now);
    this.writeStatus(rt);
    this.later(rt, 150 + unitHash(rt.uid, 'sandbox') * 400, () => {
      rt.podIP = this.allocateIP(rt.node);
      setCondition(rt, 'PodReadyToStartContainers', 'True', this.d.engine.time);
      for (const c of rt.containers) this.pull(rt, c);
      this.writeStatus(rt);
    });
    return rt;
  }

  private pull(rt: PodRt, c: ContainerRt): void {
    const pod = this.podOf(rt);
    const spec = pod?.spec.containers.find((x) => x.name === c.name);
    if (!pod || !spec) return;
    const always = spec.imagePullPolicy === 'Always';
    if (this.imagesOf(rt.node).has(c.image) && !always && !this.d.faults.isBadImage(c.image)) {
      this.event(
        rt,
        c,
        'Normal',
        'Pulled',
        `Container image "${c.image}" already present on machine`,
      );
      this.create(rt, c);
      return;
    }
    c.phase = 'pulling';
    c.waiting = c.current ? c.waiting : { reason: 'ContainerCreating' };
    this.event(rt, c, 'Normal', 'Pulling', `Pulling image "${c.image}"`);
    const pullMs = 400 + unitHash(c.image, rt.node) * 2600;
    this.later(rt, pullMs, () => {
      if (this.d.faults.isBadImage(c.image)) {
        this.pullFailed(rt, c);
        return;
      }
      c.pullFailures = 0;
      c.everPulled = true;
      this.imagesOf(rt.node).add(c.image);
      const size = 20_000_000 + (hashString(c.image) % 180_000_000);
      this.event(
        rt,
        c,
        'Normal',
        'Pulled',
        `Successfully pulled image "${c.image}" in ${goDuration(pullMs)} (${goDuration(pullMs)} including waiting). Image size: ${size} bytes.`,
      );
      this.create(rt, c);
    });
  }

  private pullFailed(rt: PodRt, c: ContainerRt): void {
    const repo = c.image.replace(/[:@][^/]*$/, '');
    const ref = `docker.io/${repo.includes('/') ? repo : `library/${repo}`}`;
    const detail = `rpc error: code = NotFound desc = failed to pull and unpack image "${ref}:${c.image.split(':').pop()}": failed to resolve reference "${ref}:${c.image.split(':').pop()}": ${ref}:${c.image.split(':').pop()}: not found`;
    this.event(rt, c, 'Warning', 'Failed', `Failed to pull image "${c.image}": ${detail}`);
    this.event(rt, c, 'Warning', 'Failed', 'Error: ErrImagePull');
    c.pullFailures++;
    c.phase = 'pull-error';
    c.waiting = { reason: 'ErrImagePull', message: detail };
    this.writeStatus(rt);
    const backoff = Math.min(10_000 * 2 ** (c.pullFailures - 1), MAX_BACKOFF_MS);
    this.later(rt, 1000, () => {
      c.waiting = {
        reason: 'ImagePullBackOff',
        message: `Back-off pulling image "${c.image}": ErrImagePull: ${detail}`,
      };
      this.event(rt, c, 'Normal', 'BackOff', `Back-off pulling image "${c.image}"`);
      this.event(rt, c, 'Warning', 'Failed', 'Error: ImagePullBackOff');
      this.writeStatus(rt);
    });
    this.later(rt, 1000 + backoff, () => this.pull(rt, c));
  }

  private create(rt: PodRt, c: ContainerRt): void {
    this.event(rt, c, 'Normal', 'Created', `Created container: ${c.name}`);
    this.event(rt, c, 'Normal', 'Started', `Started container ${c.name}`);
    this.startInstance(rt, c, this.d.engine.time, true);
    this.updateReadiness(rt, this.d.engine.time);
    this.writeStatus(rt);
  }

  private startInstance(rt: PodRt, c: ContainerRt, at: number, restart: boolean): void {
    const n = (c.current?.n ?? 0) + 1;
    if (c.current) c.previous = c.current;
    const id = [
      hashString(`${rt.uid}/${c.name}/${n}`),
      hashString(`${c.name}/${n}/${rt.uid}`),
      hashString(`${n}${rt.uid}`),
      hashString(`x${rt.uid}${c.name}`),
    ];
    const inst: Instance = {
      n,
      image: c.image,
      startedAt: at,
      finalLines: [],
      containerID: `containerd://${id
        .map((x) => x.toString(16).padStart(8, '0'))
        .join('')
        .repeat(2)}`,
    };
    c.current = inst;
    c.restartCount = n - 1;
    c.phase = 'running';
    c.waiting = undefined;
    c.ready = false;
    if (restart || n > 1) c.everPulled = true;
    this.planExit(rt, c);
  }

  /** Schedules the moment the running instance ends (crash, OOM, command exit), if it does. */
  private planExit(rt: PodRt, c: ContainerRt): void {
    if (c.timer) c.timer.cancelled = true;
    c.timer = undefined;
    const pod = this.podOf(rt);
    const spec = pod?.spec.containers.find((x) => x.name === c.name);
    const inst = c.current;
    if (!pod || !spec || !inst || inst.endedAt !== undefined) return;
    const now = this.d.engine.time;
    const b = this.d.behaviours.resolve(pod, spec);
    const exits: Array<{ at: number; reason: string; code: number; lines: string[] }> = [];
    if (b.crash)
      exits.push({
        at: Math.max(inst.startedAt, b.crash.since) + b.crash.after,
        reason: b.crash.exitCode === 0 ? 'Completed' : 'Error',
        code: b.crash.exitCode,
        lines: b.crash.lines,
      });
    const limit = memoryLimit(spec);
    if (limit !== undefined) {
      const oom = crossingTime(b.memory, limit, inst.startedAt, inst.startedAt);
      if (oom !== undefined) exits.push({ at: oom, reason: 'OOMKilled', code: 137, lines: [] });
    }
    const cmd = containerCommandPlan(pod, spec, this.d.store, b.files, inst.startedAt);
    if (cmd)
      exits.push({
        at: inst.startedAt + cmd.durationMs,
        reason: cmd.exitCode === 0 ? 'Completed' : 'Error',
        code: cmd.exitCode,
        lines: cmd.output,
      });
    const first = exits.sort((a, b2) => a.at - b2.at)[0];
    if (!first) return;
    const timer = this.d.engine.schedule(Math.max(first.at, now), () =>
      this.exit(rt, c, first.reason, first.code, first.lines),
    );
    c.timer = timer;
    rt.timers.add(timer);
  }

  private exit(rt: PodRt, c: ContainerRt, reason: string, code: number, lines: string[]): void {
    const pod = this.podOf(rt);
    const inst = c.current;
    if (!pod || !inst || rt.killing) return;
    const now = this.d.engine.time;
    inst.endedAt = now;
    inst.exitCode = code;
    inst.reason = reason;
    inst.finalLines = lines;
    c.phase = 'exited';
    c.ready = false;
    if (c.readyTimer) c.readyTimer.cancelled = true;
    const policy = pod.spec.restartPolicy ?? 'Always';
    const restart = policy === 'Always' || (policy === 'OnFailure' && code !== 0);
    this.updateReadiness(rt, now);
    if (!restart) {
      this.writeStatus(rt);
      return;
    }
    c.failures = now - inst.startedAt >= BACKOFF_RESET_MS ? 1 : c.failures + 1;
    if (c.failures <= 1) {
      this.writeStatus(rt);
      this.later(rt, 1000, () => this.restart(rt, c));
      return;
    }
    const delay = Math.min(10_000 * 2 ** (c.failures - 2), MAX_BACKOFF_MS);
    c.phase = 'backoff';
    c.waiting = {
      reason: 'CrashLoopBackOff',
      message: `back-off ${goDuration(delay).replace(/\.0+s$/, 's')} restarting failed container=${c.name} pod=${rt.name}_${rt.namespace}(${rt.uid})`,
    };
    this.event(
      rt,
      c,
      'Warning',
      'BackOff',
      `Back-off restarting failed container ${c.name} in pod ${rt.name}_${rt.namespace}(${rt.uid})`,
    );
    this.writeStatus(rt);
    this.later(rt, delay, () => this.restart(rt, c));
  }

  private restart(rt: PodRt, c: ContainerRt): void {
    if (rt.killing || !this.podOf(rt)) return;
    this.pull(rt, c);
  }

  private changeImage(rt: PodRt, c: ContainerRt, image: string): void {
    this.event(
      rt,
      c,
      'Normal',
      'Killing',
      `Container ${c.name} definition changed, will be restarted`,
    );
    if (c.timer) c.timer.cancelled = true;
    if (c.current && c.current.endedAt === undefined) {
      c.current.endedAt = this.d.engine.time;
      c.current.exitCode = 0;
      c.current.reason = 'Completed';
    }
    c.image = image;
    c.ready = false;
    c.phase = 'creating';
    this.updateReadiness(rt, this.d.engine.time);
    this.writeStatus(rt);
    this.later(rt, 500, () => this.pull(rt, c));
  }

  /** Readiness: containers are ready once started (after the probe's initial delay) unless a fault fails the probe. */
  private updateReadiness(rt: PodRt, now: number): void {
    const pod = this.podOf(rt);
    if (!pod) return;
    let unreadyMessage: string | undefined;
    for (const c of rt.containers) {
      const spec = pod.spec.containers.find((x) => x.name === c.name);
      if (!spec) continue;
      const b = c.phase === 'running' ? this.d.behaviours.resolve(pod, spec) : undefined;
      if (c.phase !== 'running' || !c.current) {
        c.ready = false;
      } else if (b?.unready) {
        c.ready = false;
        unreadyMessage ??= b.unready;
      } else if (!c.ready) {
        const readyAt = c.current.startedAt + readinessDelay(spec);
        if (readyAt <= now) c.ready = true;
        else if (!c.readyTimer || c.readyTimer.cancelled) {
          c.readyTimer = this.later(rt, readyAt - now, () => {
            c.readyTimer = undefined;
            this.updateReadiness(rt, this.d.engine.time);
            this.writeStatus(rt);
          });
        }
      }
    }
    const notReady = rt.containers.filter((c) => !c.ready).map((c) => c.name);
    const completed =
      rt.containers.every((c) => c.phase === 'exited') &&
      (pod.spec.restartPolicy ?? 'Always') !== 'Always';
    if (notReady.length === 0) {
      setCondition(rt, 'Ready', 'True', now);
      setCondition(rt, 'ContainersReady', 'True', now);
    } else {
      const reason = completed ? 'PodCompleted' : 'ContainersNotReady';
      const message = completed
        ? undefined
        : `containers with unready status: [${notReady.join(' ')}]`;
      setCondition(rt, 'Ready', 'False', now, reason, message);
      setCondition(rt, 'ContainersReady', 'False', now, reason, message);
    }
    this.planProbeEvents(rt, unreadyMessage);
  }

  /** While a readiness probe fails, the kubelet keeps reporting Unhealthy (folded into one event). */
  private planProbeEvents(rt: PodRt, message: string | undefined): void {
    if (!message) {
      if (rt.probeTimer) rt.probeTimer.cancelled = true;
      rt.probeTimer = undefined;
      return;
    }
    if (rt.probeTimer && !rt.probeTimer.cancelled) return;
    const container = rt.containers.find((c) => c.phase === 'running');
    if (!container) return;
    this.event(rt, container, 'Warning', 'Unhealthy', message);
    const tick = (): void => {
      rt.probeTimer = undefined;
      const pod = this.podOf(rt);
      if (!pod || rt.killing) return;
      this.updateReadiness(rt, this.d.engine.time);
      if (rt.probeTimer) this.event(rt, container, 'Warning', 'Unhealthy', message, 5);
    };
    rt.probeTimer = this.later(rt, PROBE_EVENT_EVERY_MS, tick);
  }

  private kill(rt: PodRt, pod: Pod): void {
    rt.killing = true;
    for (const t of rt.timers) t.cancelled = true;
    rt.timers.clear();
    for (const c of rt.containers) {
      if (c.phase === 'running')
        this.event(rt, c, 'Normal', 'Killing', `Stopping container ${c.name}`);
    }
    if (this.d.faults.nodeDown(rt.node)) return;
    const grace = Number(pod.metadata.deletionGracePeriodSeconds ?? 30) * 1000;
    const timer = this.d.engine.after(Math.min(grace, 1000), () => this.finishKill(rt));
    rt.timers.add(timer);
  }

  private finishKill(rt: PodRt): void {
    const pod = this.podOf(rt);
    this.forget(rt);
    if (pod) this.d.store.remove('pods', rt.namespace, rt.name);
  }

  private forget(rt: PodRt): void {
    for (const t of rt.timers) t.cancelled = true;
    for (const c of rt.containers) if (c.timer) c.timer.cancelled = true;
    this.pods.delete(rt.uid);
    const key = `${rt.namespace}/${rt.name}`;
    if (this.uidByKey.get(key) === rt.uid) this.uidByKey.delete(key);
  }

  private later(rt: PodRt, ms: number, fn: () => void): ReturnType<Engine['after']> {
    const timer = this.d.engine.after(ms, () => {
      rt.timers.delete(timer);
      if (this.pods.get(rt.uid) !== rt) return;
      fn();
    });
    rt.timers.add(timer);
    return timer;
  }

  private podOf(rt: PodRt): Pod | undefined {
    const pod = this.d.store.get('pods', rt.namespace, rt.name) as Pod | undefined;
    return pod && pod.metadata.uid === rt.uid ? pod : undefined;
  }

  private writeStatus(rt: PodRt): void {
    if (this.d.faults.nodeDown(rt.node)) return;
    const pod = this.podOf(rt);
    if (!pod) return;
    this.d.store.setFields('pods', rt.namespace, rt.name, { status: renderPodStatus(pod, rt) });
  }

  private event(
    rt: PodRt,
    c: ContainerRt,
    type: 'Normal' | 'Warning',
    reason: string,
    message: string,
    count?: number,
  ): void {
    if (this.d.faults.nodeDown(rt.node)) return;
    const pod = this.podOf(rt);
    if (!pod) return;
    this.d.events.record(pod as KubeObject, type, reason, message, {
      fieldPath: `spec.containers{${c.name}}`,
      source: { component: 'kubelet', host: rt.node },
      count,
    });
  }

  private imagesOf(node: string): Set<string> {
    let set = this.images.get(node);
    if (!set) {
      set = new Set();
      this.images.set(node, set);
    }
    return set;
  }

  private allocateIP(node: string): string {
    const nodeObj = this.d.store.get('nodes', undefined, node);
    const cidr = String(nodeObj?.spec?.podCIDR ?? '10.244.0.0/24');
    const base = cidr.split('/')[0]?.split('.') ?? ['10', '244', '0', '0'];
    const n = (this.ipCounters.get(node) ?? 0) + 1;
    this.ipCounters.set(node, n);
    return `${base[0]}.${base[1]}.${Number(base[2]) + Math.floor(n / 250)}.${(n % 250) + 2}`;
  }
}

function readinessDelay(c: Container): number {
  const probe = c.readinessProbe as
    { initialDelaySeconds?: number; periodSeconds?: number } | undefined;
  if (!probe) return 0;
  return ((probe.initialDelaySeconds ?? 0) + 1) * 1000;
}
