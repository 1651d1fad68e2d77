// The kubeconfig that points kubectl and client libraries at the simulator.
import { stringify } from 'yaml';

export const SIM_CONTEXT = 'ai4k8s-sim';

/** kubectl sends the bearer token only over TLS, hence the https URL and the sim's own CA. */
export function simKubeconfig(httpsUrl: string, token: string, caPem: string): string {
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [
      {
        name: SIM_CONTEXT,
        cluster: {
          server: httpsUrl,
          'certificate-authority-data': Buffer.from(caPem).toString('base64'),
        },
      },
    ],
    users: [{ name: `${SIM_CONTEXT}-admin`, user: { token } }],
    contexts: [
      {
        name: SIM_CONTEXT,
        context: { cluster: SIM_CONTEXT, user: `${SIM_CONTEXT}-admin`, namespace: 'default' },
      },
    ],
    'current-context': SIM_CONTEXT,
    preferences: {},
  });
}
