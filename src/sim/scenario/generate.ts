// `--pods N`: a generated cluster of exactly N pods (benchmarks), with realistic workloads.
import { SeededRandom } from '../util/random.js';
import type { Scenario, ScenarioWorkload } from './schema.js';
import { systemWorkloads } from './system.js';

const IMAGES = [
  'ghcr.io/acme/api:1.14.2',
  'ghcr.io/acme/worker:2.3.0',
  'nginx:1.27.3',
  'redis:7.4.1',
  'ghcr.io/acme/web:3.8.1',
  'ghcr.io/acme/events:0.9.4',
];
const REPLICA_PATTERN = [3, 1, 2, 5, 2, 8, 1, 3, 10, 4];
const PODS_PER_NODE = 90;

export function generateScenario(pods: number, seed = 'generated'): Scenario {
  const rng = new SeededRandom(`${seed}/gen`);
  const workers = Math.max(3, Math.ceil(pods / PODS_PER_NODE));
  const withSystem = pods >= 40;
  const system = withSystem ? systemWorkloads('control-plane') : [];
  const systemPods = withSystem ? 4 + 2 + 1 + (workers + 1) : 0;
  let remaining = pods - systemPods;
  const namespaces: Scenario['namespaces'] = [];
  let nsIndex = 0;
  let pattern = 0;
  while (remaining > 0) {
    nsIndex++;
    const workloads: ScenarioWorkload[] = [];
    let nsPods = 0;
    while (remaining > 0 && nsPods < 250) {
      const replicas = Math.min(
        REPLICA_PATTERN[pattern++ % REPLICA_PATTERN.length] ?? 1,
        remaining,
      );
      const image = rng.pick(IMAGES);
      const cpuReq = 20 + rng.int(80);
      const memReq = 32 + rng.int(96);
      workloads.push({
        name: `svc-${workloads.length + 1}`,
        replicas,
        age: `${1 + rng.int(20)}d`,
        containers: [
          {
            name: 'app',
            image,
            port: 8080,
            requests: { cpu: `${cpuReq}m`, memory: `${memReq}Mi` },
            limits: { memory: `${memReq * 2}Mi` },
            usage: {
              cpu: {
                model: 'daily',
                base: `${Math.round(cpuReq * 0.4)}m`,
                amplitude: `${Math.round(cpuReq * 0.2)}m`,
                noise: 0.1,
              },
              memory: { model: 'constant', value: `${Math.round(memReq * 0.7)}Mi`, noise: 0.03 },
            },
          },
        ],
        ...(rng.next() < 0.5 ? { service: { port: 80, targetPort: 8080 } } : {}),
      });
      nsPods += replicas;
      remaining -= replicas;
    }
    namespaces.push({ name: `team-${String(nsIndex).padStart(3, '0')}`, workloads });
  }
  if (withSystem) namespaces.push({ name: 'kube-system', workloads: system });
  return {
    name: `generated-${pods}`,
    seed,
    system: false,
    nodes: [
      ...(withSystem
        ? [{ name: 'control-plane', role: 'control-plane' as const, cpu: '4', memory: '16Gi' }]
        : []),
      {
        namePrefix: 'worker',
        count: workers,
        cpu: '32',
        memory: '128Gi',
        pods: 110,
        instanceType: 'm6i.8xlarge',
      },
    ],
    namespaces,
  };
}
