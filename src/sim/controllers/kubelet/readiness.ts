// Container and pod readiness as the kubelet's readiness probes report it, and the Unhealthy
// events of a failing probe.
import type { Container } from '../../objects/types.js';
import { setCondition, type PodRt } from '../container-runtime.js';
import type { KubeletDeps, PodRuntimes } from './pod-runtimes.js';

const PROBE_EVENT_EVERY_MS = 60_000;

export class ReadinessProbes {
  constructor(
    private readonly d: KubeletDeps,
    private readonly rts: PodRuntimes,
  ) {}

  /** Readiness: containers are ready once started (after the probe's initial delay) unless a fault fails the probe. */
  updateReadiness(rt: PodRt, now: number): void {
    const pod = this.rts.podOf(rt);
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
          c.readyTimer = this.rts.later(rt, readyAt - now, () => {
            c.readyTimer = undefined;
            this.updateReadiness(rt, this.d.engine.time);
            this.rts.writeStatus(rt);
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
    this.rts.event(rt, container, 'Warning', 'Unhealthy', message);
    const tick = (): void => {
      rt.probeTimer = undefined;
      const pod = this.rts.podOf(rt);
      if (!pod || rt.killing) return;
      this.updateReadiness(rt, this.d.engine.time);
      if (rt.probeTimer) this.rts.event(rt, container, 'Warning', 'Unhealthy', message, 5);
    };
    rt.probeTimer = this.rts.later(rt, PROBE_EVENT_EVERY_MS, tick);
  }
}

function readinessDelay(c: Container): number {
  const probe = c.readinessProbe as
    { initialDelaySeconds?: number; periodSeconds?: number } | undefined;
  if (!probe) return 0;
  return ((probe.initialDelaySeconds ?? 0) + 1) * 1000;
}
