// kubectl commands that exist but execute_kubectl does not run; each says what to use instead.

const CHANGE_OBJECTS =
  'changes objects from manifests or an editor, which execute_kubectl does not do; use scale, ' +
  'rollout, label, annotate or set image, or apply manifests through your deployment pipeline.';

export const REFUSED_VERBS: Record<string, string> = {
  exec: "runs a command in a container; use the exec_into_pod tool (it needs an admin's approval).",
  attach:
    'attaches to a running process; use the exec_into_pod tool, or get_pod_logs to read its output.',
  run: 'starts a pod; use the run_container_in_pod tool.',
  debug: 'starts debug containers or node pods; use exec_into_pod or run_container_in_pod.',
  'port-forward': 'opens a local network listener; AI4K8s does not forward ports.',
  proxy: 'opens a local network listener to the API server; AI4K8s does not do that.',
  cp: 'copies files to or from containers; use exec_into_pod to read a file (for example `cat`).',
  apply: CHANGE_OBJECTS,
  create: CHANGE_OBJECTS,
  edit: CHANGE_OBJECTS,
  patch: CHANGE_OBJECTS,
  replace: CHANGE_OBJECTS,
  diff: 'reads local manifests; use your deployment pipeline.',
  kustomize: 'reads a local kustomization directory; use your deployment pipeline.',
  config: 'reads or changes kubeconfig files and credentials; AI4K8s chooses the cluster itself.',
  auth: 'is not run through execute_kubectl; ask AI4K8s what your role allows.',
  drain:
    'evicts every pod from a node; cordon the node, then delete pods one by one with approval.',
  taint: 'is not allowed; cordon or uncordon the node instead.',
  expose: CHANGE_OBJECTS,
  autoscale: CHANGE_OBJECTS,
  certificate: 'approves or denies certificate requests, which execute_kubectl does not do.',
  wait: 'blocks until a condition is met; use `rollout status` to wait for a rollout.',
  explain: 'is not run through execute_kubectl; see https://kubernetes.io/docs/reference/.',
  completion: 'prints shell completion code, which is of no use here.',
  alpha: 'runs experimental commands, which are not allowed.',
  options: 'only prints help; see https://kubernetes.io/docs/reference/kubectl/.',
  help: 'only prints help; see https://kubernetes.io/docs/reference/kubectl/.',
};
