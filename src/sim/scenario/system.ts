// kube-system of a kubeadm cluster: control-plane static pods, CoreDNS, kube-proxy, metrics-server.
import type { ScenarioWorkload } from './schema.js';

export function systemWorkloads(controlPlaneNode: string): ScenarioWorkload[] {
  const staticPod = (
    name: string,
    image: string,
    cpu: string,
    memory: string,
  ): ScenarioWorkload => ({
    name: `${name}-${controlPlaneNode}`,
    kind: 'Pod',
    node: controlPlaneNode,
    age: '30d',
    priorityClassName: 'system-node-critical',
    labels: { component: name, tier: 'control-plane' },
    containers: [
      {
        name,
        image,
        requests: { cpu, memory },
        usage: {
          cpu: { model: 'daily', base: cpu, amplitude: '10m', noise: 0.2 },
          memory: { model: 'constant', value: memory, noise: 0.02 },
        },
      },
    ],
  });
  return [
    staticPod('etcd', 'registry.k8s.io/etcd:3.6.5-0', '100m', '100Mi'),
    staticPod('kube-apiserver', 'registry.k8s.io/kube-apiserver:v1.35.0', '250m', '400Mi'),
    staticPod(
      'kube-controller-manager',
      'registry.k8s.io/kube-controller-manager:v1.35.0',
      '200m',
      '80Mi',
    ),
    staticPod('kube-scheduler', 'registry.k8s.io/kube-scheduler:v1.35.0', '100m', '40Mi'),
    {
      name: 'coredns',
      replicas: 2,
      age: '30d',
      tolerateControlPlane: true,
      priorityClassName: 'system-cluster-critical',
      labels: { 'k8s-app': 'kube-dns' },
      containers: [
        {
          name: 'coredns',
          image: 'registry.k8s.io/coredns/coredns:v1.12.1',
          port: 8080,
          readiness: { path: '/ready', port: 8181, initialDelay: 0 },
          requests: { cpu: '100m', memory: '70Mi' },
          limits: { memory: '170Mi' },
          usage: {
            cpu: { model: 'daily', base: '3m', amplitude: '1m', noise: 0.2 },
            memory: { model: 'constant', value: '22Mi', noise: 0.02 },
          },
          logs: {
            every: '10m',
            startup: [
              '.:53',
              '[INFO] plugin/reload: Running configuration SHA512 = 1b226df79860026c6a52e67daa10d7f0d57ec5b023288ec00c5e05f93523c894564e15b91770d3a07ae1cfbe861d15b37d4a0027e69c546ab112970993a3b03b',
              'CoreDNS-1.12.1',
              'linux/amd64, go1.24.1, 707c7c1',
            ],
            lines: ['[INFO] plugin/reload: Running configuration unchanged'],
          },
        },
      ],
      service: { name: 'kube-dns', port: 53, targetPort: 53, portName: 'dns' },
    },
    {
      name: 'kube-proxy',
      kind: 'DaemonSet',
      age: '30d',
      tolerateControlPlane: true,
      priorityClassName: 'system-node-critical',
      labels: { 'k8s-app': 'kube-proxy' },
      containers: [
        {
          name: 'kube-proxy',
          image: 'registry.k8s.io/kube-proxy:v1.35.0',
          command: [
            '/usr/local/bin/kube-proxy',
            '--config=/var/lib/kube-proxy/config.conf',
            '--hostname-override=$(NODE_NAME)',
          ],
          usage: {
            cpu: { model: 'constant', value: '1m', noise: 0.3 },
            memory: { model: 'constant', value: '18Mi', noise: 0.02 },
          },
          logs: {
            every: '30m',
            startup: [
              'I1125 09:00:00.000000       1 server_linux.go:66] "Using iptables proxy"',
              'I1125 09:00:00.100000       1 server.go:698] "Successfully retrieved node IP(s)"',
            ],
            lines: ['I1125 09:30:00.000000       1 proxier.go:816] "SyncProxyRules complete"'],
          },
        },
      ],
    },
    {
      name: 'metrics-server',
      age: '30d',
      priorityClassName: 'system-cluster-critical',
      labels: { 'k8s-app': 'metrics-server' },
      containers: [
        {
          name: 'metrics-server',
          image: 'registry.k8s.io/metrics-server/metrics-server:v0.8.0',
          port: 10250,
          readiness: { path: '/readyz', port: 10250, initialDelay: 20 },
          requests: { cpu: '100m', memory: '200Mi' },
          usage: {
            cpu: { model: 'constant', value: '4m', noise: 0.2 },
            memory: { model: 'constant', value: '24Mi', noise: 0.02 },
          },
        },
      ],
      service: { port: 443, targetPort: 10250, portName: 'https' },
    },
  ];
}
