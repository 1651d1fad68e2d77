import { KubeConfig } from '@kubernetes/client-node';

const adapted = new WeakMap<KubeConfig, KubeConfig>();

/**
 * The KubeConfig the proxy forwards with. client-node refuses a plain-HTTP server unless
 * skipTLSVerify is set, though there is no TLS to verify (the simulated cluster, `kubectl proxy`);
 * for such a server we set the flag on a copy. HTTPS servers keep their settings untouched.
 */
export function upstreamKubeConfig(kubeConfig: KubeConfig): KubeConfig {
  const current = kubeConfig.getCurrentCluster();
  if (!current?.server.startsWith('http:') || current.skipTLSVerify) return kubeConfig;
  let copy = adapted.get(kubeConfig);
  if (!copy) {
    copy = new KubeConfig();
    copy.loadFromOptions({
      clusters: kubeConfig.clusters.map((c) =>
        c.server.startsWith('http:') ? { ...c, skipTLSVerify: true } : c,
      ),
      users: kubeConfig.users,
      contexts: kubeConfig.contexts,
      currentContext: kubeConfig.currentContext,
    });
    adapted.set(kubeConfig, copy);
  }
  return copy;
}
