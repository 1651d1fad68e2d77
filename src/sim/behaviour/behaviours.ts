// How each container behaves: usage models and logs from the scenario (or defaults guessed from
// the image), overridden by active faults.
import type { Container, KubeObject, Pod } from '../objects/types.js';
import type { ObjectStore } from '../store/object-store.js';
import { parseDuration } from '../util/duration.js';
import { parseQuantity } from '../util/quantity.js';
import { unitHash } from '../util/random.js';
import type { FaultManager } from './faults.js';
import { defaultLogSpec, type LogSpec } from './log-templates.js';
import { trendAt, type UsageModel } from './usage-models.js';
import { workloadKey, workloadOf } from './workload-ref.js';

export interface ContainerBehaviourSpec {
  cpu?: UsageModel;
  memory?: UsageModel;
  logs?: LogSpec;
  files?: Record<string, string>;
}

export interface CrashPlan {
  /** Crash countdown starts at max(container start, since). */
  since: number;
  after: number;
  exitCode: number;
  lines: string[];
}

export interface ResolvedBehaviour {
  cpu: UsageModel;
  memory: UsageModel;
  logs: LogSpec;
  files: Record<string, string>;
  crash?: CrashPlan;
  unready?: string;
}

const DEFAULT_CRASH_LINES = [
  '{"level":"error","msg":"failed to load configuration","error":"open /etc/app/config.yaml: no such file or directory"}',
  '{"level":"fatal","msg":"shutting down","exit_code":1}',
];

export class Behaviours {
  constructor(
    private readonly store: ObjectStore,
    private readonly faults: FaultManager,
    /** Scenario specs by "ns/Kind/name/container". */
    private readonly specs: Map<string, ContainerBehaviourSpec>,
  ) {}

  define(
    namespace: string,
    kind: string,
    name: string,
    container: string,
    spec: ContainerBehaviourSpec,
  ): void {
    this.specs.set(`${namespace}/${kind}/${name}/${container}`, spec);
  }

  base(
    pod: KubeObject,
    container: Container,
  ): Required<Omit<ContainerBehaviourSpec, 'files'>> & { files: Record<string, string> } {
    const key = `${workloadKey(workloadOf(this.store, pod))}/${container.name}`;
    const spec = this.specs.get(key) ?? {};
    return {
      cpu: spec.cpu ?? defaultUsage(container, 'cpu', key),
      memory: spec.memory ?? defaultUsage(container, 'memory', key),
      logs: spec.logs ?? defaultLogSpec(container.image),
      files: spec.files ?? {},
    };
  }

  resolve(pod: Pod, container: Container): ResolvedBehaviour {
    const base = this.base(pod, container);
    const out: ResolvedBehaviour = { ...base };
    for (const f of this.faults.podFaults(pod)) {
      const s = f.spec;
      if (s.container && s.container !== container.name) continue;
      switch (s.type) {
        case 'crashloop':
          out.crash = {
            since: f.startAt,
            after: s.runFor !== undefined ? parseDuration(s.runFor) : 3000,
            exitCode: s.exitCode ?? 1,
            lines: s.logs ?? DEFAULT_CRASH_LINES,
          };
          break;
        case 'oomkill': {
          const limit = memoryLimit(container) ?? 512 * 2 ** 20;
          const from = Math.min(trendAt(base.memory, f.startAt, f.startAt), limit * 0.5);
          const after = s.after !== undefined ? parseDuration(s.after) : 120_000;
          out.memory = {
            model: 'linear',
            from,
            perHour: ((limit - from) * 3_600_000) / Math.max(after, 1000),
            startAt: f.startAt,
          };
          break;
        }
        case 'memory-leak': {
          const from = trendAt(base.memory, f.startAt, f.startAt);
          out.memory = {
            model: 'linear',
            from,
            perHour: parseQuantity(s.perHour ?? '64Mi'),
            startAt: f.startAt,
            noise: 0.01,
          };
          break;
        }
        case 'cpu-spike':
          out.cpu = { model: 'constant', value: parseQuantity(s.cpu ?? '1'), noise: 0.05 };
          break;
        case 'unready':
          out.unready =
            s.message ?? 'Readiness probe failed: HTTP probe failed with statuscode: 503';
          break;
        default:
          break;
      }
    }
    return out;
  }
}

export function memoryLimit(c: Container): number | undefined {
  const l = c.resources?.limits?.memory;
  return l ? parseQuantity(l) : undefined;
}

export function cpuLimit(c: Container): number | undefined {
  const l = c.resources?.limits?.cpu;
  return l ? parseQuantity(l) : undefined;
}

/** A believable steady usage for containers nobody described: a share of requests, or a small constant. */
function defaultUsage(c: Container, resource: 'cpu' | 'memory', key: string): UsageModel {
  const req = c.resources?.requests?.[resource] ?? c.resources?.limits?.[resource];
  const share = 0.25 + unitHash(key, resource) * 0.4;
  if (resource === 'cpu') {
    const value = req ? parseQuantity(req) * share : 0.002 + unitHash(key, 'c') * 0.01;
    return { model: 'daily', base: value, amplitude: value * 0.3, noise: 0.15 };
  }
  const value = req ? parseQuantity(req) * share : (8 + unitHash(key, 'm') * 40) * 2 ** 20;
  return { model: 'constant', value, noise: 0.02 };
}
