// Turns a scenario into a cluster: nodes, namespaces, workloads and services are created at
// their creation times (scheduled on the engine), so the controllers and kubelet build pods,
// replica sets and events exactly as a live cluster would have, before the sim starts.
import type { Behaviours } from '../behaviour/behaviours.js';
import type { FaultManager } from '../behaviour/faults.js';
import type { Engine } from '../engine/engine.js';
import type { Container, KubeObject, ObjectMeta } from '../objects/types.js';
import type { ObjectStore } from '../store/object-store.js';
import { isoSeconds, parseDuration } from '../util/duration.js';
import { formatCpu, formatMemory } from '../util/quantity.js';
import { hashString, type SeededRandom } from '../util/random.js';
import { applyPodDefaults } from '../objects/pod-defaults.js';
import { buildNode } from './nodes.js';
import type { Scenario, ScenarioContainer, ScenarioWorkload } from './schema.js';
import { behaviourOf } from './usage.js';
import { systemWorkloads } from './system.js';

export interface BuildContext {
  store: ObjectStore;
  engine: Engine;
  rng: SeededRandom;
  behaviours: Behaviours;
  faults: FaultManager;
  /** When the sim clock starts. */
  start: number;
  /** Fault times (and usage-model times) are relative to this. */
  anchor: number;
}

const DAY = 86_400_000;
const SYSTEM_NAMESPACES = ['default', 'kube-node-lease', 'kube-public', 'kube-system'];

const meta = (name: string, namespace?: string, extra: Partial<ObjectMeta> = {}): ObjectMeta => ({
  name,
  ...(namespace ? { namespace } : {}),
  uid: '',
  resourceVersion: '',
  creationTimestamp: '',
  ...extra,
});

function memoryQuantity(v: string | number): string {
  return typeof v === 'number' ? formatMemory(v) : v;
}

function toContainer(c: ScenarioContainer): Container {
  const res = (r?: {
    cpu?: string | number;
    memory?: string | number;
  }): Record<string, string> | undefined =>
    r
      ? {
          ...(r.cpu !== undefined
            ? { cpu: typeof r.cpu === 'number' ? formatCpu(r.cpu) : r.cpu }
            : {}),
          ...(r.memory !== undefined ? { memory: memoryQuantity(r.memory) } : {}),
        }
      : undefined;
  const requests = res(c.requests);
  const limits = res(c.limits);
  const probe = c.readiness === true ? {} : c.readiness === false ? undefined : c.readiness;
  return {
    name: c.name,
    image: c.image,
    ...(c.command ? { command: c.command } : {}),
    ...(c.args ? { args: c.args } : {}),
    ...(c.port ? { ports: [{ containerPort: c.port, name: 'http', protocol: 'TCP' }] } : {}),
    ...(c.env ? { env: Object.entries(c.env).map(([name, value]) => ({ name, value })) } : {}),
    resources: { ...(limits ? { limits } : {}), ...(requests ? { requests } : {}) },
    ...(probe
      ? {
          readinessProbe: {
            httpGet: {
              path: probe.path ?? '/healthz',
              port: probe.port ?? c.port ?? 8080,
              scheme: 'HTTP',
            },
            initialDelaySeconds: probe.initialDelay ?? 0,
            timeoutSeconds: 1,
            periodSeconds: 10,
            successThreshold: 1,
            failureThreshold: 3,
          },
        }
      : {}),
  };
}

function clusterIP(rng: SeededRandom, used: Set<string>): string {
  for (;;) {
    const ip = `10.96.${rng.int(256)}.${rng.int(253) + 1}`;
    if (!used.has(ip)) {
      used.add(ip);
      return ip;
    }
  }
}

/** The scenario with kube-system's standard workloads merged in (unless `system: false`). */
function withSystem(s: Scenario): Scenario {
  if (s.system === false) return s;
  const cp = s.nodes.find((n) => n.role === 'control-plane');
  const cpName = cp
    ? cp.name && (cp.count ?? 1) === 1
      ? cp.name
      : `${cp.namePrefix ?? cp.name}-1`
    : undefined;
  const system = systemWorkloads(cpName ?? '').filter((w) => cpName || w.kind !== 'Pod');
  const existing = s.namespaces.find((n) => n.name === 'kube-system');
  const own = new Set((existing?.workloads ?? []).map((w) => w.name));
  const merged = {
    name: 'kube-system',
    ...existing,
    workloads: [...(existing?.workloads ?? []), ...system.filter((w) => !own.has(w.name))],
  };
  return { ...s, namespaces: [...s.namespaces.filter((n) => n.name !== 'kube-system'), merged] };
}

export function buildScenario(input: Scenario, ctx: BuildContext): void {
  const s = withSystem(input);
  const { store, engine, rng, start, anchor } = ctx;
  const ages = s.namespaces.flatMap((n) =>
    (n.workloads ?? []).map((w) => (w.age !== undefined ? parseDuration(w.age) : 3 * DAY)),
  );
  const oldest = Math.max(3 * DAY, ...ages);
  const clusterBorn = start - oldest - 2 * DAY;
  const faultStarts = (s.faults ?? []).map(
    (f) => anchor + (f.at !== undefined ? parseDuration(f.at) : 0),
  );
  engine.time = Math.min(clusterBorn, start, ...faultStarts);
  const usedIPs = new Set<string>(['10.96.0.1', '10.96.0.10']);

  engine.schedule(clusterBorn, () => {
    let index = 0;
    for (const n of s.nodes) {
      const count = n.count ?? 1;
      for (let i = 0; i < count; i++) {
        const name = n.name && count === 1 ? n.name : `${n.namePrefix ?? n.name}-${i + 1}`;
        store.create(
          'nodes',
          buildNode(name, n, index++, s.seed ?? s.name, isoSeconds(engine.time)),
        );
      }
    }
    const names = new Set([...SYSTEM_NAMESPACES, ...s.namespaces.map((n) => n.name)]);
    for (const name of [...names].sort()) {
      const labels = {
        'kubernetes.io/metadata.name': name,
        ...(s.namespaces.find((n) => n.name === name)?.labels ?? {}),
      };
      store.create('namespaces', {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: meta(name, undefined, { labels }),
        spec: { finalizers: ['kubernetes'] },
        status: { phase: 'Active' },
      });
    }
    store.create('services', {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: meta('kubernetes', 'default', {
        labels: { component: 'apiserver', provider: 'kubernetes' },
      }),
      spec: {
        clusterIP: '10.96.0.1',
        clusterIPs: ['10.96.0.1'],
        type: 'ClusterIP',
        sessionAffinity: 'None',
        ipFamilies: ['IPv4'],
        ipFamilyPolicy: 'SingleStack',
        internalTrafficPolicy: 'Cluster',
        ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }],
      },
      status: { loadBalancer: {} },
    });
  });

  for (const ns of s.namespaces) {
    const nsBorn = clusterBorn + 60_000;
    engine.schedule(nsBorn, () => {
      for (const cm of ns.configMaps ?? [])
        store.create('configmaps', {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: meta(cm.name, ns.name),
          data: cm.data,
        });
      for (const sec of ns.secrets ?? []) {
        const data = Object.fromEntries(
          Object.entries(sec.data).map(([k, v]) => [k, Buffer.from(v).toString('base64')]),
        );
        store.create('secrets', {
          apiVersion: 'v1',
          kind: 'Secret',
          metadata: meta(sec.name, ns.name),
          type: sec.type ?? 'Opaque',
          data,
        });
      }
    });
    for (const w of ns.workloads ?? []) {
      for (const c of w.containers)
        ctx.behaviours.define(
          ns.name,
          w.kind ?? 'Deployment',
          w.name,
          c.name,
          behaviourOf(c, anchor),
        );
      const born = start - (w.age !== undefined ? parseDuration(w.age) : 3 * DAY);
      engine.schedule(born, () => {
        createWorkload(store, rng, ns.name, w);
        if (w.service) createService(store, rng, ns.name, w, usedIPs);
      });
    }
  }

  // Targets are created later by the timers above, so they are not checked here.
  for (const f of s.faults ?? []) ctx.faults.add(f, anchor, false);
}

function createWorkload(
  store: ObjectStore,
  rng: SeededRandom,
  ns: string,
  w: ScenarioWorkload,
): void {
  const labels = { app: w.name, 'app.kubernetes.io/name': w.name, ...(w.labels ?? {}) };
  const tolerations = w.tolerateControlPlane
    ? [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }]
    : undefined;
  const podSpec = {
    containers: w.containers.map(toContainer),
    ...(w.priorityClassName ? { priorityClassName: w.priorityClassName } : {}),
    ...(tolerations ? { tolerations } : {}),
  };
  const kind = w.kind ?? 'Deployment';
  if (kind === 'Pod') {
    const pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: meta(w.name, ns, { labels }),
      spec: {
        ...podSpec,
        ...(w.node
          ? { nodeName: w.node, tolerations: [{ operator: 'Exists', effect: 'NoExecute' }] }
          : {}),
      },
      status: { phase: 'Pending' },
    };
    store.create('pods', applyPodDefaults(pod as never, rng.suffix(5)) as KubeObject);
    return;
  }
  const spec: Record<string, unknown> = {
    selector: { matchLabels: { app: w.name } },
    template: { metadata: { labels }, spec: podSpec },
  };
  if (kind !== 'DaemonSet') spec.replicas = w.replicas ?? 1;
  if (kind === 'Deployment') {
    Object.assign(spec, {
      strategy: {
        type: 'RollingUpdate',
        rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' },
      },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
    });
  }
  if (kind === 'StatefulSet')
    Object.assign(spec, {
      serviceName: w.service?.name ?? w.name,
      podManagementPolicy: 'OrderedReady',
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
    });
  if (kind === 'DaemonSet')
    Object.assign(spec, {
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } },
    });
  const resource =
    kind === 'Deployment'
      ? 'apps/deployments'
      : kind === 'StatefulSet'
        ? 'apps/statefulsets'
        : 'apps/daemonsets';
  store.create(resource, {
    apiVersion: 'apps/v1',
    kind,
    metadata: meta(w.name, ns, { labels: { ...labels }, annotations: {} }),
    spec,
    status: {},
  });
}

function createService(
  store: ObjectStore,
  rng: SeededRandom,
  ns: string,
  w: ScenarioWorkload,
  used: Set<string>,
): void {
  const svc = w.service;
  if (!svc) return;
  const ip = clusterIP(rng, used);
  const type = svc.type ?? 'ClusterIP';
  const port: Record<string, unknown> = {
    name: svc.portName ?? 'http',
    port: svc.port,
    protocol: 'TCP',
    targetPort: svc.targetPort ?? w.containers[0]?.port ?? svc.port,
  };
  if (type !== 'ClusterIP') port.nodePort = 30000 + (hashString(`${ns}/${w.name}`) % 2768);
  store.create('services', {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: meta(svc.name ?? w.name, ns, {
      labels: { app: w.name, 'app.kubernetes.io/name': w.name },
    }),
    spec: {
      clusterIP: ip,
      clusterIPs: [ip],
      type,
      sessionAffinity: 'None',
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
      internalTrafficPolicy: 'Cluster',
      ports: [port],
      selector: { app: w.name },
      ...(type !== 'ClusterIP' ? { externalTrafficPolicy: 'Cluster' } : {}),
    },
    status: {
      loadBalancer:
        type === 'LoadBalancer'
          ? { ingress: [{ ip: `203.0.113.${(hashString(w.name) % 200) + 10}`, ipMode: 'VIP' }] }
          : {},
    },
  });
}
