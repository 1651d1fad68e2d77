/** A minimal kubeconfig with one context pointing at `server` (plain HTTP allowed, bearer token). */
export function kubeconfigYaml(server: string, context = 'test', token = 'test-token'): string {
  return [
    'apiVersion: v1',
    'kind: Config',
    `current-context: ${context}`,
    'clusters:',
    `- name: ${context}`,
    '  cluster:',
    `    server: ${server}`,
    '    insecure-skip-tls-verify: true',
    'users:',
    `- name: ${context}`,
    '  user:',
    `    token: ${token}`,
    'contexts:',
    `- name: ${context}`,
    '  context:',
    `    cluster: ${context}`,
    `    user: ${context}`,
    '',
  ].join('\n');
}
