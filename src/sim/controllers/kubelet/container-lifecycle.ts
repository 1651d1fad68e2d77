// Container lifecycle on the kubelet: pull images, create and start containers, end them when
// their behaviour says so (crash, OOM, command exit) and restart them with back-off.
import { memoryLimit } from '../../behaviour/behaviours.js';
import { crossingTime } from '../../behaviour/usage-models.js';
import { goDuration } from '../../util/duration.js';
import { hashString, unitHash } from '../../util/random.js';
import { containerCommandPlan } from '../command-plan.js';
import type { ContainerRt, Instance, PodRt } from '../container-runtime.js';
import type { KubeletDeps, PodRuntimes } from './pod-runtimes.js';
import type { ReadinessProbes } from './readiness.js';

const MAX_BACKOFF_MS = 300_000;
const BACKOFF_RESET_MS = 600_000;

export class ContainerLifecycle {
  private readonly images = new Map<string, Set<string>>();

  constructor(
    private readonly d: KubeletDeps,
    private readonly rts: PodRuntimes,
    private readonly readiness: ReadinessProbes,
  ) {}

  pull(rt: PodRt, c: ContainerRt): void {
    const pod = this.rts.podOf(rt);
    const spec = pod?.spec.containers.find((x) => x.name === c.name);
    if (!pod || !spec) return;
    const always = spec.imagePullPolicy === 'Always';
    if (this.imagesOf(rt.node).has(c.image) && !always && !this.d.faults.isBadImage(c.image)) {
      this.rts.event(
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
    this.rts.event(rt, c, 'Normal', 'Pulling', `Pulling image "${c.image}"`);
    const pullMs = 400 + unitHash(c.image, rt.node) * 2600;
    this.rts.later(rt, pullMs, () => {
      if (this.d.faults.isBadImage(c.image)) {
        this.pullFailed(rt, c);
        return;
      }
      c.pullFailures = 0;
      c.everPulled = true;
      this.imagesOf(rt.node).add(c.image);
      const size = 20_000_000 + (hashString(c.image) % 180_000_000);
      this.rts.event(
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
    this.rts.event(rt, c, 'Warning', 'Failed', `Failed to pull image "${c.image}": ${detail}`);
    this.rts.event(rt, c, 'Warning', 'Failed', 'Error: ErrImagePull');
    c.pullFailures++;
    c.phase = 'pull-error';
    c.waiting = { reason: 'ErrImagePull', message: detail };
    this.rts.writeStatus(rt);
    const backoff = Math.min(10_000 * 2 ** (c.pullFailures - 1), MAX_BACKOFF_MS);
    this.rts.later(rt, 1000, () => {
      c.waiting = {
        reason: 'ImagePullBackOff',
        message: `Back-off pulling image "${c.image}": ErrImagePull: ${detail}`,
      };
      this.rts.event(rt, c, 'Normal', 'BackOff', `Back-off pulling image "${c.image}"`);
      this.rts.event(rt, c, 'Warning', 'Failed', 'Error: ImagePullBackOff');
      this.rts.writeStatus(rt);
    });
    this.rts.later(rt, 1000 + backoff, () => this.pull(rt, c));
  }

  private create(rt: PodRt, c: ContainerRt): void {
    this.rts.event(rt, c, 'Normal', 'Created', `Created container: ${c.name}`);
    this.rts.event(rt, c, 'Normal', 'Started', `Started container ${c.name}`);
    this.startInstance(rt, c, this.d.engine.time, true);
    this.readiness.updateReadiness(rt, this.d.engine.time);
    this.rts.writeStatus(rt);
  }

  startInstance(rt: PodRt, c: ContainerRt, at: number, restart: boolean): void {
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
  planExit(rt: PodRt, c: ContainerRt): void {
    if (c.timer) c.timer.cancelled = true;
    c.timer = undefined;
    const pod = this.rts.podOf(rt);
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
    const pod = this.rts.podOf(rt);
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
    this.readiness.updateReadiness(rt, now);
    if (!restart) {
      this.rts.writeStatus(rt);
      return;
    }
    c.failures = now - inst.startedAt >= BACKOFF_RESET_MS ? 1 : c.failures + 1;
    if (c.failures <= 1) {
      this.rts.writeStatus(rt);
      this.rts.later(rt, 1000, () => this.restart(rt, c));
      return;
    }
    const delay = Math.min(10_000 * 2 ** (c.failures - 2), MAX_BACKOFF_MS);
    c.phase = 'backoff';
    c.waiting = {
      reason: 'CrashLoopBackOff',
      message: `back-off ${goDuration(delay).replace(/\.0+s$/, 's')} restarting failed container=${c.name} pod=${rt.name}_${rt.namespace}(${rt.uid})`,
    };
    this.rts.event(
      rt,
      c,
      'Warning',
      'BackOff',
      `Back-off restarting failed container ${c.name} in pod ${rt.name}_${rt.namespace}(${rt.uid})`,
    );
    this.rts.writeStatus(rt);
    this.rts.later(rt, delay, () => this.restart(rt, c));
  }

  private restart(rt: PodRt, c: ContainerRt): void {
    if (rt.killing || !this.rts.podOf(rt)) return;
    this.pull(rt, c);
  }

  changeImage(rt: PodRt, c: ContainerRt, image: string): void {
    this.rts.event(
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
    this.readiness.updateReadiness(rt, this.d.engine.time);
    this.rts.writeStatus(rt);
    this.rts.later(rt, 500, () => this.pull(rt, c));
  }

  imagesOf(node: string): Set<string> {
    let set = this.images.get(node);
    if (!set) {
      set = new Set();
      this.images.set(node, set);
    }
    return set;
  }
}
