/**
 * The kubeconfig one kubectl run gets: the loopback proxy, with the one-time token in the server
 * URL, and nothing else. JSON is valid kubeconfig and leaves nothing to escape by hand.
 */
export function proxyKubeconfig(options: { server: string; namespace?: string }): string {
  const context: Record<string, string> = { cluster: 'ai4k8s', user: 'ai4k8s' };
  if (options.namespace) context.namespace = options.namespace;
  return JSON.stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'ai4k8s', cluster: { server: options.server } }],
    users: [{ name: 'ai4k8s', user: {} }],
    contexts: [{ name: 'ai4k8s', context }],
    'current-context': 'ai4k8s',
    preferences: {},
  });
}
