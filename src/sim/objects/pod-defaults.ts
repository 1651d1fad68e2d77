// The defaults the API server applies to a new pod, so stored pods look like a real cluster's.
import type { Container, Pod, PodTemplate } from './types.js';

const DEFAULT_TOLERATIONS = [
  {
    key: 'node.kubernetes.io/not-ready',
    operator: 'Exists',
    effect: 'NoExecute',
    tolerationSeconds: 300,
  },
  {
    key: 'node.kubernetes.io/unreachable',
    operator: 'Exists',
    effect: 'NoExecute',
    tolerationSeconds: 300,
  },
];

function pullPolicy(image: string): string {
  const last = image.split('/').pop() ?? image;
  if (last.includes('@')) return 'IfNotPresent';
  return !last.includes(':') || last.endsWith(':latest') ? 'Always' : 'IfNotPresent';
}

function defaultContainer(c: Container, mountName: string): Container {
  return {
    ...c,
    resources: c.resources ?? {},
    terminationMessagePath: c.terminationMessagePath ?? '/dev/termination-log',
    terminationMessagePolicy: c.terminationMessagePolicy ?? 'File',
    imagePullPolicy: c.imagePullPolicy ?? pullPolicy(c.image ?? ''),
    ...(c.ports ? { ports: c.ports.map((p) => ({ ...p, protocol: p.protocol ?? 'TCP' })) } : {}),
    volumeMounts: [
      ...((c.volumeMounts as unknown[] | undefined) ?? []),
      {
        name: mountName,
        readOnly: true,
        mountPath: '/var/run/secrets/kubernetes.io/serviceaccount',
      },
    ],
  };
}

/** Fills spec defaults in place (restartPolicy, dnsPolicy, tolerations, service account volume). */
export function applyPodDefaults(pod: Pod, mountSuffix: string): Pod {
  const spec = pod.spec;
  const mountName = `kube-api-access-${mountSuffix}`;
  const hasMount = (spec.volumes as Array<{ name: string }> | undefined)?.some((v) =>
    v.name.startsWith('kube-api-access-'),
  );
  spec.containers = spec.containers.map((c) =>
    hasMount ? { ...c } : defaultContainer(c, mountName),
  );
  spec.restartPolicy ??= 'Always';
  spec.terminationGracePeriodSeconds ??= 30;
  spec.dnsPolicy ??= 'ClusterFirst';
  spec.serviceAccountName ??= 'default';
  spec.serviceAccount ??= spec.serviceAccountName;
  spec.securityContext ??= {};
  spec.schedulerName ??= 'default-scheduler';
  spec.enableServiceLinks ??= true;
  spec.preemptionPolicy ??= 'PreemptLowerPriority';
  spec.priority ??= 0;
  const tolerations = spec.tolerations ?? [];
  for (const t of DEFAULT_TOLERATIONS)
    if (!tolerations.some((x) => x.key === t.key)) tolerations.push({ ...t });
  spec.tolerations = tolerations;
  if (!hasMount) {
    spec.volumes = [
      ...((spec.volumes as unknown[] | undefined) ?? []),
      {
        name: mountName,
        projected: {
          sources: [
            { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
            { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
            {
              downwardAPI: {
                items: [
                  {
                    path: 'namespace',
                    fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' },
                  },
                ],
              },
            },
          ],
          defaultMode: 420,
        },
      },
    ];
  }
  pod.status = { phase: 'Pending', qosClass: qosClass(spec.containers) };
  return pod;
}

export function qosClass(containers: Container[]): string {
  let any = false;
  let guaranteed = true;
  for (const c of containers) {
    const req = c.resources?.requests ?? {};
    const lim = c.resources?.limits ?? {};
    if (req.cpu || req.memory || lim.cpu || lim.memory) any = true;
    for (const r of ['cpu', 'memory']) {
      if (!lim[r] || (req[r] && req[r] !== lim[r])) guaranteed = false;
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

/** The template a controller stamps pods from, with workload defaults (used for the hash too). */
export function defaultTemplate(t: PodTemplate): PodTemplate {
  const spec = { ...t.spec };
  spec.restartPolicy ??= 'Always';
  spec.terminationGracePeriodSeconds ??= 30;
  spec.dnsPolicy ??= 'ClusterFirst';
  spec.securityContext ??= {};
  spec.schedulerName ??= 'default-scheduler';
  spec.containers = (spec.containers ?? []).map((c) => ({
    ...c,
    resources: c.resources ?? {},
    terminationMessagePath: c.terminationMessagePath ?? '/dev/termination-log',
    terminationMessagePolicy: c.terminationMessagePolicy ?? 'File',
    imagePullPolicy: c.imagePullPolicy ?? pullPolicy(c.image ?? ''),
    ...(c.ports ? { ports: c.ports.map((p) => ({ ...p, protocol: p.protocol ?? 'TCP' })) } : {}),
  }));
  return { metadata: { creationTimestamp: null, ...(t.metadata ?? {}) }, spec };
}
