// What a process inside a simulated container sees: its environment variables (as the kubelet
// sets them, service links included) and a small file tree.
import type { Container, Pod } from '../objects/types.js';
import type { ObjectStore } from '../store/object-store.js';
import type { ShellContext } from './shell.js';

const IMAGE_ENV: Array<[RegExp, Array<[string, string]>]> = [
  [
    /nginx/,
    [
      ['NGINX_VERSION', '1.27.3'],
      ['NJS_VERSION', '0.8.7'],
      ['PKG_RELEASE', '1~bookworm'],
    ],
  ],
  [
    /redis/,
    [
      ['REDIS_VERSION', '7.4.1'],
      ['GOSU_VERSION', '1.17'],
    ],
  ],
  [
    /postgres/,
    [
      ['PG_MAJOR', '16'],
      ['PG_VERSION', '16.4-1.pgdg120+2'],
      ['PGDATA', '/var/lib/postgresql/data'],
    ],
  ],
  [
    /node/,
    [
      ['NODE_VERSION', '20.18.0'],
      ['YARN_VERSION', '1.22.22'],
    ],
  ],
];

function serviceEnv(store: ObjectStore, namespace: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const svc of store.list('services', namespace)) {
    const ip = String(svc.spec?.clusterIP ?? '');
    if (!ip || ip === 'None') continue;
    const ports =
      (svc.spec?.ports as Array<{ port: number; protocol?: string; name?: string }> | undefined) ??
      [];
    const first = ports[0];
    if (!first) continue;
    const prefix = svc.metadata.name.toUpperCase().replace(/-/g, '_');
    const proto = (first.protocol ?? 'TCP').toLowerCase();
    out.push([`${prefix}_SERVICE_HOST`, ip], [`${prefix}_SERVICE_PORT`, String(first.port)]);
    out.push([`${prefix}_PORT`, `${proto}://${ip}:${first.port}`]);
    out.push([
      `${prefix}_PORT_${first.port}_${proto.toUpperCase()}`,
      `${proto}://${ip}:${first.port}`,
    ]);
  }
  return out;
}

function resolveValueFrom(
  store: ObjectStore,
  namespace: string,
  from: unknown,
  pod: Pod,
): string | undefined {
  const f = from as Record<string, Record<string, string> | undefined>;
  if (f.configMapKeyRef) {
    const cm = store.get('configmaps', namespace, f.configMapKeyRef.name ?? '');
    return (cm?.data as Record<string, string> | undefined)?.[f.configMapKeyRef.key ?? ''];
  }
  if (f.secretKeyRef) {
    const secret = store.get('secrets', namespace, f.secretKeyRef.name ?? '');
    const v = (secret?.data as Record<string, string> | undefined)?.[f.secretKeyRef.key ?? ''];
    return v === undefined ? undefined : Buffer.from(v, 'base64').toString();
  }
  if (f.fieldRef) {
    const path = f.fieldRef.fieldPath ?? '';
    if (path === 'metadata.name') return pod.metadata.name;
    if (path === 'metadata.namespace') return namespace;
    if (path === 'spec.nodeName') return pod.spec.nodeName;
    if (path === 'status.podIP') return pod.status.podIP;
  }
  return undefined;
}

export function containerShellContext(
  store: ObjectStore,
  pod: Pod,
  container: Container,
  files: Record<string, string>,
  now: number,
): ShellContext {
  const namespace = pod.metadata.namespace ?? 'default';
  const env: Array<[string, string]> = [
    ['PATH', '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'],
    ['HOSTNAME', pod.metadata.name],
  ];
  for (const e of container.env ?? []) {
    const value =
      e.value ?? (e.valueFrom ? resolveValueFrom(store, namespace, e.valueFrom, pod) : '');
    if (value !== undefined) env.push([e.name, value]);
  }
  if (pod.spec.enableServiceLinks !== false) env.push(...serviceEnv(store, namespace));
  env.push(
    ['KUBERNETES_SERVICE_HOST', '10.96.0.1'],
    ['KUBERNETES_SERVICE_PORT', '443'],
    ['KUBERNETES_SERVICE_PORT_HTTPS', '443'],
    ['KUBERNETES_PORT', 'tcp://10.96.0.1:443'],
    ['KUBERNETES_PORT_443_TCP', 'tcp://10.96.0.1:443'],
    ['KUBERNETES_PORT_443_TCP_PROTO', 'tcp'],
    ['KUBERNETES_PORT_443_TCP_PORT', '443'],
    ['KUBERNETES_PORT_443_TCP_ADDR', '10.96.0.1'],
  );
  for (const [re, vars] of IMAGE_ENV) if (re.test(container.image)) env.push(...vars);
  env.push(['HOME', '/root']);
  const sa = '/var/run/secrets/kubernetes.io/serviceaccount';
  const tree: Record<string, string> = {
    '/etc/hostname': `${pod.metadata.name}\n`,
    '/etc/hosts': `# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n${pod.status.podIP ?? '10.244.0.2'}\t${pod.metadata.name}\n`,
    '/etc/resolv.conf': `search ${namespace}.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n`,
    '/etc/os-release':
      'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nID=debian\n',
    [`${sa}/namespace`]: namespace,
    [`${sa}/token`]:
      'eyJhbGciOiJSUzI1NiIsImtpZCI6InNpbSJ9.eyJzdWIiOiJzeXN0ZW06c2VydmljZWFjY291bnQifQ.c2lt',
    [`${sa}/ca.crt`]: '-----BEGIN CERTIFICATE-----\nMIIBsimulatedCA\n-----END CERTIFICATE-----\n',
    ...files,
  };
  const main =
    [
      ...((container.command as string[] | undefined) ?? []),
      ...((container.args as string[] | undefined) ?? []),
    ].join(' ') || defaultProcess(container.image);
  return { env, hostname: pod.metadata.name, files: tree, now, mainProcess: main };
}

function defaultProcess(image: string): string {
  if (/nginx/.test(image)) return 'nginx: master process nginx -g daemon off;';
  if (/redis/.test(image)) return 'redis-server *:6379';
  if (/postgres/.test(image)) return 'postgres';
  if (/busybox|alpine/.test(image)) return 'sh';
  return '/app/server';
}
