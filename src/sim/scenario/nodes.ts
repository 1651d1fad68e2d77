// Node objects as a kubeadm cluster's kubelets register them.
import type { KubeObject } from '../objects/types.js';
import { parseQuantity } from '../util/quantity.js';
import { hashString } from '../util/random.js';
import type { ScenarioNode } from './schema.js';

const hex = (seed: string, len: number): string => {
  let out = '';
  for (let i = 0; out.length < len; i++)
    out += hashString(`${seed}/${i}`).toString(16).padStart(8, '0');
  return out.slice(0, len);
};

export function buildNode(
  name: string,
  n: ScenarioNode,
  index: number,
  seed: string,
  now: string,
): KubeObject {
  const cpu = parseQuantity(n.cpu);
  const memory = parseQuantity(n.memory);
  const controlPlane = n.role === 'control-plane';
  const zone = n.zone ?? `zone-${String.fromCharCode(97 + (index % 3))}`;
  const memKi = `${Math.round(memory / 1024)}Ki`;
  // kubeadm reserves nothing by default, but eviction thresholds take 100Mi off allocatable memory.
  const allocMem = `${Math.round((memory - 100 * 2 ** 20) / 1024)}Ki`;
  const ip = `10.0.${Math.floor(index / 250)}.${(index % 250) + 10}`;
  const uuid = hex(`${seed}/${name}`, 32);
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      uid: '',
      resourceVersion: '',
      creationTimestamp: '',
      labels: {
        'beta.kubernetes.io/arch': 'amd64',
        'beta.kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        'kubernetes.io/hostname': name,
        'kubernetes.io/os': 'linux',
        'topology.kubernetes.io/zone': zone,
        ...(n.instanceType ? { 'node.kubernetes.io/instance-type': n.instanceType } : {}),
        ...(controlPlane
          ? {
              'node-role.kubernetes.io/control-plane': '',
              'node.kubernetes.io/exclude-from-external-load-balancers': '',
            }
          : {}),
        ...(n.labels ?? {}),
      },
      annotations: {
        'kubeadm.alpha.kubernetes.io/cri-socket': 'unix:///run/containerd/containerd.sock',
        'node.alpha.kubernetes.io/ttl': '0',
        'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
      },
    },
    spec: {
      podCIDR: `10.244.${index}.0/24`,
      podCIDRs: [`10.244.${index}.0/24`],
      ...(controlPlane
        ? { taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] }
        : {}),
    },
    status: {
      capacity: {
        cpu: String(cpu),
        'ephemeral-storage': '102625208Ki',
        'hugepages-1Gi': '0',
        'hugepages-2Mi': '0',
        memory: memKi,
        pods: String(n.pods ?? 110),
      },
      allocatable: {
        cpu: String(cpu),
        'ephemeral-storage': '94580335255',
        'hugepages-1Gi': '0',
        'hugepages-2Mi': '0',
        memory: allocMem,
        pods: String(n.pods ?? 110),
      },
      conditions: [
        {
          type: 'MemoryPressure',
          status: 'False',
          lastHeartbeatTime: now,
          lastTransitionTime: now,
          reason: 'KubeletHasSufficientMemory',
          message: 'kubelet has sufficient memory available',
        },
        {
          type: 'DiskPressure',
          status: 'False',
          lastHeartbeatTime: now,
          lastTransitionTime: now,
          reason: 'KubeletHasNoDiskPressure',
          message: 'kubelet has no disk pressure',
        },
        {
          type: 'PIDPressure',
          status: 'False',
          lastHeartbeatTime: now,
          lastTransitionTime: now,
          reason: 'KubeletHasSufficientPID',
          message: 'kubelet has sufficient PID available',
        },
        {
          type: 'Ready',
          status: 'True',
          lastHeartbeatTime: now,
          lastTransitionTime: now,
          reason: 'KubeletReady',
          message: 'kubelet is posting ready status',
        },
      ],
      addresses: [
        { type: 'InternalIP', address: ip },
        { type: 'Hostname', address: name },
      ],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      nodeInfo: {
        machineID: uuid,
        systemUUID: `${uuid.slice(0, 8)}-${uuid.slice(8, 12)}-${uuid.slice(12, 16)}-${uuid.slice(16, 20)}-${uuid.slice(20)}`,
        bootID: hex(`${seed}/${name}/boot`, 32),
        kernelVersion: '6.8.0-1021-aws',
        osImage: 'Ubuntu 24.04.2 LTS',
        containerRuntimeVersion: 'containerd://2.1.4',
        kubeletVersion: 'v1.35.0',
        kubeProxyVersion: '',
        operatingSystem: 'linux',
        architecture: 'amd64',
      },
    },
  };
}
