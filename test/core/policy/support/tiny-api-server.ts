// The least of a Kubernetes API server that kubectl needs to get and describe one Secret and one
// Pod: legacy discovery, the core/v1 resource list, two objects and empty event lists. Each answer
// goes through `transform`, which is where a test puts redactObject (or nothing, as a control).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface TinyApiServer {
  url: string;
  close(): Promise<void>;
}

const resources = [
  {
    name: 'pods',
    singularName: 'pod',
    namespaced: true,
    kind: 'Pod',
    verbs: ['get', 'list'],
    shortNames: ['po'],
  },
  {
    name: 'secrets',
    singularName: 'secret',
    namespaced: true,
    kind: 'Secret',
    verbs: ['get', 'list'],
  },
  {
    name: 'events',
    singularName: 'event',
    namespaced: true,
    kind: 'Event',
    verbs: ['get', 'list'],
    shortNames: ['ev'],
  },
];

export async function startTinyApiServer(
  objects: Record<string, unknown>,
  transform: (body: unknown) => unknown,
): Promise<TinyApiServer> {
  const routes: Record<string, unknown> = {
    '/api': {
      kind: 'APIVersions',
      versions: ['v1'],
      serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '127.0.0.1' }],
    },
    '/apis': { kind: 'APIGroupList', apiVersion: 'v1', groups: [] },
    '/api/v1': { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: 'v1', resources },
    '/version': { major: '1', minor: '35', gitVersion: 'v1.35.0' },
    ...objects,
  };
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    let body = routes[path];
    if (body === undefined && path.endsWith('/events'))
      body = { kind: 'EventList', apiVersion: 'v1', metadata: {}, items: [] };
    if (body === undefined) {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          kind: 'Status',
          apiVersion: 'v1',
          status: 'Failure',
          reason: 'NotFound',
          code: 404,
        }),
      );
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(transform(body)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export function kubeconfigFor(url: string): string {
  return JSON.stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'tiny', cluster: { server: url } }],
    users: [{ name: 'tiny', user: {} }],
    contexts: [{ name: 'tiny', context: { cluster: 'tiny', user: 'tiny', namespace: 'default' } }],
    'current-context': 'tiny',
  });
}
