import type { KubeConfig } from '@kubernetes/client-node';

/**
 * client-node refuses `http://` servers unless `insecure-skip-tls-verify` is set, although there
 * is no TLS to verify (kubectl has no such rule). Marking plain-HTTP clusters so makes a
 * kubeconfig that works with kubectl (`kubectl proxy`, the simulator) work here too; HTTPS
 * clusters are left exactly as configured.
 */
export function allowPlainHttp(kubeConfig: KubeConfig): KubeConfig {
  if (!kubeConfig.clusters.some((c) => c.server.startsWith('http:') && !c.skipTLSVerify))
    return kubeConfig;
  kubeConfig.loadFromOptions({
    clusters: kubeConfig.clusters.map((c) =>
      c.server.startsWith('http:') ? { ...c, skipTLSVerify: true } : c,
    ),
    users: kubeConfig.users,
    contexts: kubeConfig.contexts,
    currentContext: kubeConfig.currentContext,
  });
  return kubeConfig;
}
