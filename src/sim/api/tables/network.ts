// Table columns of the networking kinds: services and endpoint slices.
import type { KubeObject } from '../../objects/types.js';
import { AGE, NAME, age, col, type TablePrinter } from './common.js';

function servicePorts(svc: KubeObject): string {
  const ports =
    (svc.spec?.ports as
      Array<{ port: number; nodePort?: number; protocol?: string }> | undefined) ?? [];
  if (ports.length === 0) return '<none>';
  return ports
    .map((p) =>
      p.nodePort
        ? `${p.port}:${p.nodePort}/${p.protocol ?? 'TCP'}`
        : `${p.port}/${p.protocol ?? 'TCP'}`,
    )
    .join(',');
}

function externalIP(svc: KubeObject): string {
  const type = String(svc.spec?.type ?? 'ClusterIP');
  const ingress = (
    (
      svc.status?.loadBalancer as
        { ingress?: Array<{ ip?: string; hostname?: string }> } | undefined
    )?.ingress ?? []
  ).map((i) => i.ip ?? i.hostname ?? '');
  const external = (svc.spec?.externalIPs as string[] | undefined) ?? [];
  if (type === 'LoadBalancer') return [...ingress, ...external].join(',') || '<pending>';
  if (type === 'ExternalName') return String(svc.spec?.externalName ?? '');
  return external.length ? external.join(',') : '<none>';
}

export const SERVICE_PRINTER: TablePrinter = {
  columns: [
    NAME,
    col('Type', 'type determines how the Service is exposed.'),
    col(
      'Cluster-IP',
      'clusterIP is the IP address of the service and is usually assigned randomly.',
    ),
    col(
      'External-IP',
      'externalIPs is a list of IP addresses for which nodes in the cluster will also accept traffic for this service.',
    ),
    col('Port(s)', 'The list of ports that are exposed by this service.'),
    AGE,
    col(
      'Selector',
      'Route service traffic to pods with label keys and values matching this selector.',
      1,
    ),
  ],
  row: (o, now) => {
    const sel =
      Object.entries((o.spec?.selector ?? {}) as Record<string, string>)
        .map(([k, v]) => `${k}=${v}`)
        .join(',') || '<none>';
    return {
      cells: [
        o.metadata.name,
        o.spec?.type ?? 'ClusterIP',
        o.spec?.clusterIP ?? '<none>',
        externalIP(o),
        servicePorts(o),
        age(o, now),
        sel,
      ],
    };
  },
};

export const ENDPOINTSLICE_PRINTER: TablePrinter = {
  columns: [
    NAME,
    col('AddressType', 'addressType specifies the type of address carried by this EndpointSlice.'),
    col(
      'Ports',
      'ports specifies the list of network ports exposed by each endpoint in this slice.',
    ),
    col('Endpoints', 'endpoints is a list of unique endpoints in this slice.'),
    AGE,
  ],
  row: (o, now) => {
    const ports =
      ((o.ports as Array<{ port: number }> | undefined) ?? [])
        .map((p) => String(p.port))
        .join(',') || '<unset>';
    const addrs = ((o.endpoints as Array<{ addresses: string[] }> | undefined) ?? []).flatMap(
      (e) => e.addresses,
    );
    const shown =
      addrs.length > 3
        ? `${addrs.slice(0, 3).join(',')} + ${addrs.length - 3} more...`
        : addrs.join(',') || '<unset>';
    return { cells: [o.metadata.name, o.addressType ?? 'IPv4', ports, shown, age(o, now)] };
  },
};
