import { describe, expect, it } from 'vitest';
import { checkKubectlCommand } from '../../../src/core/policy/kubectl-guard.js';
import { hostileKubectl } from './hostile-kubectl.js';

describe('checkKubectlCommand refuses hostile input', () => {
  it('has a corpus of at least 100 distinct hostile lines', () => {
    expect(hostileKubectl.length).toBeGreaterThanOrEqual(100);
    expect(new Set(hostileKubectl.map((c) => c.line)).size).toBe(hostileKubectl.length);
  });

  it.each(hostileKubectl)('refuses $why with code $code', ({ line, code }) => {
    const decision = checkKubectlCommand(line);
    expect(decision).toMatchObject({ ok: false, code });
    if (!decision.ok) expect(decision.reason.length).toBeGreaterThan(20);
  });
});

describe('refusal reasons say what was wrong and what to do instead', () => {
  const reasons: [line: string, mentions: string[]][] = [
    ['get pods | grep web', ['without a shell', "'|'"]],
    ['exec -it web-1 -- sh', ['exec_into_pod']],
    ['run x --image=alpine', ['run_container_in_pod']],
    ['get pods --kubeconfig=/x', ['--kubeconfig', '`cluster` argument']],
    ['get pods -f x.yaml', ['--filename', 'local files']],
    ['get pods --cache_dir=/x', ['--cache-dir']],
    ['get pods -nf', ['-nf', '-n f']],
    ['get --raw /api', ['--raw', 'describe']],
    ['logs -f web', ['--tail', '--since']],
    ['get pods -o jsonpath-file=x', ['jsonpath=']],
    ['get pods --field-manager=x', ['--field-manager', 'Allowed:', '-l/--selector']],
    ['foo bar', ['kubectl-foo', 'plugin', 'get, describe']],
    ['get pods \u2014kubeconfig=x', ['U+2014', 'dash']],
    ['delete pods', ['-l app=web']],
    ['delete ns kube-system', ['kube-system']],
    [`get ${'x'.repeat(2_001)}`, ['2005 characters', 'limit is 2000']],
  ];
  it.each(reasons)('%s', (line, mentions) => {
    const decision = checkKubectlCommand(line);
    expect(decision.ok).toBe(false);
    if (!decision.ok) for (const text of mentions) expect(decision.reason).toContain(text);
  });
});

interface AllowedCase {
  line: string;
  argv: string[];
  risk: 'read' | 'write';
  verb: string;
  namespace?: string;
}

const allowed: AllowedCase[] = [
  { line: 'get pods', argv: ['get', 'pods'], risk: 'read', verb: 'get' },
  {
    line: 'kubectl get pods -n shop',
    argv: ['get', 'pods', '-n', 'shop'],
    risk: 'read',
    verb: 'get',
    namespace: 'shop',
  },
  {
    line: 'kubectl -n shop get pods -owide',
    argv: ['-n', 'shop', 'get', 'pods', '-owide'],
    risk: 'read',
    verb: 'get',
    namespace: 'shop',
  },
  {
    line: 'get pods --namespace=shop -A',
    argv: ['get', 'pods', '--namespace=shop', '-A'],
    risk: 'read',
    verb: 'get',
    namespace: 'shop',
  },
  {
    line: 'get pods -n a -n b',
    argv: ['get', 'pods', '-n', 'a', '-n', 'b'],
    risk: 'read',
    verb: 'get',
    namespace: 'b',
  },
  {
    line: 'get deploy,svc -l app=web',
    argv: ['get', 'deploy,svc', '-l', 'app=web'],
    risk: 'read',
    verb: 'get',
  },
  {
    line: "get pods -l 'app in (web,api)'",
    argv: ['get', 'pods', '-l', 'app in (web,api)'],
    risk: 'read',
    verb: 'get',
  },
  {
    line: 'get pods --field-selector=status.phase!=Running',
    argv: ['get', 'pods', '--field-selector=status.phase!=Running'],
    risk: 'read',
    verb: 'get',
  },
  {
    line: "get secret db -o jsonpath='{.data.password}'",
    argv: ['get', 'secret', 'db', '-o', 'jsonpath={.data.password}'],
    risk: 'read',
    verb: 'get',
  },
  {
    line: `get pods -o jsonpath="{.items[?(@.status.phase=='Running')].metadata.name}"`,
    argv: ['get', 'pods', '-o', "jsonpath={.items[?(@.status.phase=='Running')].metadata.name}"],
    risk: 'read',
    verb: 'get',
  },
  {
    line: "get pods -o go-template='{{range .items}}{{.metadata.name}} {{end}}'",
    argv: ['get', 'pods', '-o', 'go-template={{range .items}}{{.metadata.name}} {{end}}'],
    risk: 'read',
    verb: 'get',
  },
  {
    line: 'get pods -o custom-columns=NAME:.metadata.name,NODE:.spec.nodeName',
    argv: ['get', 'pods', '-o', 'custom-columns=NAME:.metadata.name,NODE:.spec.nodeName'],
    risk: 'read',
    verb: 'get',
  },
  {
    line: 'get pods -o=jsonpath-as-json={.items[0]}',
    argv: ['get', 'pods', '-o=jsonpath-as-json={.items[0]}'],
    risk: 'read',
    verb: 'get',
  },
  {
    line: 'get pods -o jsonpath --template={.items[0].metadata.name}',
    argv: ['get', 'pods', '-o', 'jsonpath', '--template={.items[0].metadata.name}'],
    risk: 'read',
    verb: 'get',
  },
  {
    line: 'get pods --output yaml --show-managed-fields=false',
    argv: ['get', 'pods', '--output', 'yaml', '--show-managed-fields=false'],
    risk: 'read',
    verb: 'get',
  },
  {
    line: 'get pods --sort-by=.status.startTime --no-headers',
    argv: ['get', 'pods', '--sort-by=.status.startTime', '--no-headers'],
    risk: 'read',
    verb: 'get',
  },
  {
    line: 'get pods -L app -L tier --show-labels',
    argv: ['get', 'pods', '-L', 'app', '-L', 'tier', '--show-labels'],
    risk: 'read',
    verb: 'get',
  },
  {
    line: 'get deploy web --subresource=scale -o name',
    argv: ['get', 'deploy', 'web', '--subresource=scale', '-o', 'name'],
    risk: 'read',
    verb: 'get',
  },
  {
    line: 'get pods --all_namespaces',
    argv: ['get', 'pods', '--all_namespaces'],
    risk: 'read',
    verb: 'get',
  },
  { line: 'get pods web-\\;x', argv: ['get', 'pods', 'web-;x'], risk: 'read', verb: 'get' },
  { line: "get pods 'a;b|c'", argv: ['get', 'pods', 'a;b|c'], risk: 'read', verb: 'get' },
  {
    line: 'get pods --request-timeout 5s',
    argv: ['get', 'pods', '--request-timeout', '5s'],
    risk: 'read',
    verb: 'get',
  },
  {
    line: 'get nodes -n f',
    argv: ['get', 'nodes', '-n', 'f'],
    risk: 'read',
    verb: 'get',
    namespace: 'f',
  },
  {
    line: 'describe pod web-1 -n shop',
    argv: ['describe', 'pod', 'web-1', '-n', 'shop'],
    risk: 'read',
    verb: 'describe',
    namespace: 'shop',
  },
  {
    line: 'describe nodes --show-events=false',
    argv: ['describe', 'nodes', '--show-events=false'],
    risk: 'read',
    verb: 'describe',
  },
  {
    line: 'logs web-1 -c app --tail=50 -p',
    argv: ['logs', 'web-1', '-c', 'app', '--tail=50', '-p'],
    risk: 'read',
    verb: 'logs',
  },
  {
    line: 'logs deploy/web --since=10m --timestamps',
    argv: ['logs', 'deploy/web', '--since=10m', '--timestamps'],
    risk: 'read',
    verb: 'logs',
  },
  {
    line: 'logs -l app=web --all-containers --prefix --tail -1',
    argv: ['logs', '-l', 'app=web', '--all-containers', '--prefix', '--tail', '-1'],
    risk: 'read',
    verb: 'logs',
  },
  { line: 'logs web-1 -capp', argv: ['logs', 'web-1', '-capp'], risk: 'read', verb: 'logs' },
  {
    line: 'top pod -A --sort-by=memory',
    argv: ['top', 'pod', '-A', '--sort-by=memory'],
    risk: 'read',
    verb: 'top pod',
  },
  {
    line: 'top pods -n shop --containers',
    argv: ['top', 'pods', '-n', 'shop', '--containers'],
    risk: 'read',
    verb: 'top pod',
    namespace: 'shop',
  },
  { line: 'top no', argv: ['top', 'no'], risk: 'read', verb: 'top node' },
  {
    line: 'events -n shop --types=Warning --for pod/web-1',
    argv: ['events', '-n', 'shop', '--types=Warning', '--for', 'pod/web-1'],
    risk: 'read',
    verb: 'events',
    namespace: 'shop',
  },
  {
    line: 'api-resources --namespaced=true -o wide',
    argv: ['api-resources', '--namespaced=true', '-o', 'wide'],
    risk: 'read',
    verb: 'api-resources',
  },
  { line: 'api-versions', argv: ['api-versions'], risk: 'read', verb: 'api-versions' },
  { line: 'version -o json', argv: ['version', '-o', 'json'], risk: 'read', verb: 'version' },
  { line: 'cluster-info', argv: ['cluster-info'], risk: 'read', verb: 'cluster-info' },
  {
    line: 'rollout status deploy/web --timeout=60s',
    argv: ['rollout', 'status', 'deploy/web', '--timeout=60s'],
    risk: 'read',
    verb: 'rollout status',
  },
  {
    line: 'rollout status deploy/web -w=false',
    argv: ['rollout', 'status', 'deploy/web', '-w=false'],
    risk: 'read',
    verb: 'rollout status',
  },
  {
    line: 'rollout history deploy/web --revision=3',
    argv: ['rollout', 'history', 'deploy/web', '--revision=3'],
    risk: 'read',
    verb: 'rollout history',
  },
  {
    line: 'rollout restart deploy/web -n shop',
    argv: ['rollout', 'restart', 'deploy/web', '-n', 'shop'],
    risk: 'write',
    verb: 'rollout restart',
    namespace: 'shop',
  },
  {
    line: 'rollout -n shop restart deploy/web',
    argv: ['rollout', '-n', 'shop', 'restart', 'deploy/web'],
    risk: 'write',
    verb: 'rollout restart',
    namespace: 'shop',
  },
  {
    line: 'rollout undo deploy/web --to-revision=2',
    argv: ['rollout', 'undo', 'deploy/web', '--to-revision=2'],
    risk: 'write',
    verb: 'rollout undo',
  },
  {
    line: 'rollout pause deploy/web',
    argv: ['rollout', 'pause', 'deploy/web'],
    risk: 'write',
    verb: 'rollout pause',
  },
  {
    line: 'rollout restart deploy -l app=web',
    argv: ['rollout', 'restart', 'deploy', '-l', 'app=web'],
    risk: 'write',
    verb: 'rollout restart',
  },
  {
    line: 'rollout restart deploy web api',
    argv: ['rollout', 'restart', 'deploy', 'web', 'api'],
    risk: 'write',
    verb: 'rollout restart',
  },
  {
    line: 'rollout resume deploy/web',
    argv: ['rollout', 'resume', 'deploy/web'],
    risk: 'write',
    verb: 'rollout resume',
  },
  {
    line: 'scale deploy/web --replicas=3',
    argv: ['scale', 'deploy/web', '--replicas=3'],
    risk: 'write',
    verb: 'scale',
  },
  {
    line: 'scale deploy web --replicas 0 --current-replicas=2',
    argv: ['scale', 'deploy', 'web', '--replicas', '0', '--current-replicas=2'],
    risk: 'write',
    verb: 'scale',
  },
  { line: 'delete pod web-1', argv: ['delete', 'pod', 'web-1'], risk: 'write', verb: 'delete' },
  {
    line: 'delete pod web-1 --grace-period=0 --force',
    argv: ['delete', 'pod', 'web-1', '--grace-period=0', '--force'],
    risk: 'write',
    verb: 'delete',
  },
  {
    line: 'delete pods -l app=web -n shop',
    argv: ['delete', 'pods', '-l', 'app=web', '-n', 'shop'],
    risk: 'write',
    verb: 'delete',
    namespace: 'shop',
  },
  {
    line: 'delete pods --field-selector=status.phase=Failed',
    argv: ['delete', 'pods', '--field-selector=status.phase=Failed'],
    risk: 'write',
    verb: 'delete',
  },
  {
    line: 'delete deploy/web svc/web --cascade=orphan',
    argv: ['delete', 'deploy/web', 'svc/web', '--cascade=orphan'],
    risk: 'write',
    verb: 'delete',
  },
  { line: 'delete ns shop-old', argv: ['delete', 'ns', 'shop-old'], risk: 'write', verb: 'delete' },
  {
    line: 'delete pod web-1 --dry-run',
    argv: ['delete', 'pod', 'web-1', '--dry-run'],
    risk: 'write',
    verb: 'delete',
  },
  {
    line: 'label pod web-1 team=checkout --overwrite',
    argv: ['label', 'pod', 'web-1', 'team=checkout', '--overwrite'],
    risk: 'write',
    verb: 'label',
  },
  {
    line: 'label pod web-1 team-',
    argv: ['label', 'pod', 'web-1', 'team-'],
    risk: 'write',
    verb: 'label',
  },
  {
    line: "annotate deploy web note='rolled back by ops'",
    argv: ['annotate', 'deploy', 'web', 'note=rolled back by ops'],
    risk: 'write',
    verb: 'annotate',
  },
  { line: 'cordon node-1', argv: ['cordon', 'node-1'], risk: 'write', verb: 'cordon' },
  {
    line: 'uncordon node-1 --dry-run=client',
    argv: ['uncordon', 'node-1', '--dry-run=client'],
    risk: 'write',
    verb: 'uncordon',
  },
  {
    line: 'set image deploy/web app=nginx:1.27',
    argv: ['set', 'image', 'deploy/web', 'app=nginx:1.27'],
    risk: 'write',
    verb: 'set image',
  },
  { line: '  kubectl   get\tpods  ', argv: ['get', 'pods'], risk: 'read', verb: 'get' },
];

describe('checkKubectlCommand allows the supported commands', () => {
  it.each(allowed)('$line', ({ line, argv, risk, verb, namespace }) => {
    const decision = checkKubectlCommand(line);
    expect(decision).toEqual({ ok: true, argv, risk, verb, ...(namespace ? { namespace } : {}) });
  });

  it('returns argv that never starts with kubectl and is exactly the words given', () => {
    const decision = checkKubectlCommand('kubectl get pods -n shop');
    expect(decision.ok && decision.argv).toEqual(['get', 'pods', '-n', 'shop']);
  });
});
