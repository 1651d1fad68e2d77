import type { V1EndpointSlice, V1Service } from '@kubernetes/client-node';
import { z } from 'zod';
import { parseLabelSelector } from '../../kube/selectors.js';
import { formatAge } from '../render/age.js';
import { renderPagedTable } from '../render/paged-table.js';
import { readContinue } from '../render/paging.js';
import { problemsFirst, type Health } from '../render/health.js';
import { count, type Column } from '../render/table.js';
import { defineReadTool } from './define-read-tool.js';
import {
  clusterInput,
  continueInput,
  defaultLimit,
  labelSelectorInput,
  limitInput,
  namespaceInput,
  problemsOnlyInput,
} from './inputs.js';

const input = z.strictObject({
  cluster: clusterInput,
  namespace: namespaceInput,
  labelSelector: labelSelectorInput.describe(
    'kubectl label selector on the Services\' own labels, e.g. "app=web".',
  ),
  problemsOnly: problemsOnlyInput.describe(
    'true: only services that select pods but have no (or not all) ready endpoints.',
  ),
  limit: limitInput,
  continue: continueInput,
});

export interface ServiceRow {
  namespace: string;
  name: string;
  type: string;
  clusterIP: string;
  external: string;
  ports: string;
  selector: string;
  readyEndpoints: number;
  totalEndpoints: number;
  age: string;
  health: Health;
}

export const getServices = defineReadTool({
  name: 'get_services',
  title: 'List services',
  description:
    'List Services like `kubectl get svc -o wide`, problems first: type, cluster IP, external address, ports ' +
    '(port:nodePort/protocol), pod selector, and ENDPOINTS as ready/total from EndpointSlices. A Service whose ' +
    'selector matches no ready pod has 0 ready endpoints and sends traffic nowhere: check its selector against ' +
    "the pods' labels with get_pods. Filter with namespace, labelSelector or problemsOnly; paged with continue.",
  input,
  async run(args, ctx) {
    const now = Date.now();
    const query = {
      namespace: args.namespace,
      labelSelector: args.labelSelector,
      problemsOnly: args.problemsOnly,
    };
    const offset = readContinue(args.continue, query);
    const labels = args.labelSelector ? parseLabelSelector(args.labelSelector) : undefined;
    const endpoints = countEndpoints(ctx.cluster.cache.list('endpointslices', args.namespace));

    let rows = ctx.cluster.cache
      .list('services', args.namespace)
      .filter((svc) => !labels || labels(svc.metadata?.labels))
      .map((svc) => toRow(svc, endpoints, now));
    if (args.problemsOnly) rows = rows.filter((r) => r.health !== 'ok');
    rows.sort(problemsFirst((r) => r.name));

    const total = rows.length;
    const problems = rows.filter((r) => r.health !== 'ok').length;
    const scope = args.namespace ? `namespace ${args.namespace}` : 'all namespaces';
    const columns: Column<ServiceRow>[] = [
      ...(args.namespace ? [] : [{ header: 'NAMESPACE', cell: (r: ServiceRow) => r.namespace }]),
      { header: 'NAME', cell: (r) => r.name },
      { header: 'TYPE', cell: (r) => r.type },
      { header: 'CLUSTER-IP', cell: (r) => r.clusterIP },
      { header: 'EXTERNAL', cell: (r) => r.external, maxWidth: 40 },
      { header: 'PORT(S)', cell: (r) => r.ports, maxWidth: 40 },
      {
        header: 'ENDPOINTS',
        cell: (r) =>
          r.selector === '<none>' && r.totalEndpoints === 0
            ? '-'
            : `${r.readyEndpoints}/${r.totalEndpoints}`,
      },
      { header: 'AGE', cell: (r) => r.age },
      { header: 'SELECTOR', cell: (r) => r.selector, maxWidth: 50 },
    ];
    const table = renderPagedTable({
      rows,
      offset,
      limit: args.limit ?? defaultLimit,
      query,
      intro: [
        `Services in ${scope} (cluster ${ctx.cluster.name}): ${count(total)}; ${count(problems)} without all endpoints ready.`,
      ],
      columns,
      isProblem: (r) => r.health !== 'ok',
      name: (r) => `${r.namespace}/${r.name} ${r.readyEndpoints}/${r.totalEndpoints} ready`,
      narrow: 'namespace / labelSelector / problemsOnly',
      budgetTokens: ctx.budgetTokens,
      empty: 'No services match.',
    });
    return {
      text: table.text,
      data: {
        cluster: ctx.cluster.name,
        namespace: args.namespace ?? null,
        total,
        offset,
        items: table.items,
        continue: table.dataContinue,
      },
      page: table.page,
    };
  },
});

/** Ready and total endpoints per `namespace/service`, from the slices' service-name label. */
function countEndpoints(slices: V1EndpointSlice[]): Map<string, { ready: number; total: number }> {
  const result = new Map<string, { ready: number; total: number }>();
  for (const slice of slices) {
    const service = slice.metadata?.labels?.['kubernetes.io/service-name'];
    if (!service) continue;
    const key = `${slice.metadata?.namespace}/${service}`;
    const entry = result.get(key) ?? { ready: 0, total: 0 };
    for (const endpoint of slice.endpoints ?? []) {
      entry.total++;
      // `ready` unset means ready (the EndpointSlice API says consumers should treat it so).
      if (endpoint.conditions?.ready !== false) entry.ready++;
    }
    result.set(key, entry);
  }
  return result;
}

function toRow(
  svc: V1Service,
  endpoints: Map<string, { ready: number; total: number }>,
  now: number,
): ServiceRow {
  const namespace = svc.metadata?.namespace ?? '';
  const name = svc.metadata?.name ?? '';
  const type = svc.spec?.type ?? 'ClusterIP';
  const selectorMap = svc.spec?.selector ?? {};
  const selector =
    Object.entries(selectorMap)
      .map(([k, v]) => `${k}=${v}`)
      .join(',') || '<none>';
  const eps = endpoints.get(`${namespace}/${name}`) ?? { ready: 0, total: 0 };
  const selects = type !== 'ExternalName' && selector !== '<none>';
  const health = !selects
    ? 'ok'
    : eps.ready === 0
      ? 'failing'
      : eps.ready < eps.total
        ? 'not-ready'
        : 'ok';
  return {
    namespace,
    name,
    type,
    clusterIP: svc.spec?.clusterIP || (type === 'ExternalName' ? '<none>' : 'None'),
    external: externalAddress(svc),
    ports: ports(svc),
    selector,
    readyEndpoints: eps.ready,
    totalEndpoints: eps.total,
    age: formatAge(svc.metadata?.creationTimestamp, now),
    health,
  };
}

/** kubectl's EXTERNAL-IP column. */
function externalAddress(svc: V1Service): string {
  const externalIPs = svc.spec?.externalIPs ?? [];
  switch (svc.spec?.type) {
    case 'ExternalName':
      return svc.spec.externalName ?? '<none>';
    case 'LoadBalancer': {
      const ingress = (svc.status?.loadBalancer?.ingress ?? [])
        .map((i) => i.ip || i.hostname || '')
        .filter(Boolean);
      const all = [...ingress, ...externalIPs];
      return all.length > 0 ? all.join(',') : '<pending>';
    }
    default:
      return externalIPs.length > 0 ? externalIPs.join(',') : '<none>';
  }
}

/** kubectl's PORT(S) column: `80/TCP`, `80:30080/TCP`. */
function ports(svc: V1Service): string {
  const list = svc.spec?.ports ?? [];
  if (list.length === 0) return '<none>';
  return list
    .map((p) => `${p.port}${p.nodePort ? `:${p.nodePort}` : ''}/${p.protocol ?? 'TCP'}`)
    .join(',');
}
