import { describe, expect, it } from 'vitest';
import { leakedSecrets } from '../registry/fixtures/planted.js';
import { callers, okText, useRegistryHarness } from '../registry/harness.js';

const h = useRegistryHarness();

async function podOf(app: string): Promise<string> {
  const pods = await h().core.listNamespacedPod({ namespace: 'shop', labelSelector: `app=${app}` });
  const name = pods.items.find((p) => p.status?.phase === 'Running')?.metadata?.name;
  if (!name) throw new Error(`no running pod of ${app}`);
  return name;
}

async function execApproved(args: Record<string, unknown>) {
  const { outcome } = await h().approvedInvoke(callers.admin, callers.admin2, 'exec_into_pod', {
    namespace: 'shop',
    ...args,
  });
  return outcome;
}

describe('exec_into_pod', () => {
  it('asks for approval first and runs nothing until approved', async () => {
    const outcome = await h().invoke(callers.admin, 'exec_into_pod', {
      pod: await podOf('web'),
      namespace: 'shop',
      command: ['hostname'],
    });
    expect(outcome.status).toBe('approval_required');
    if (outcome.status === 'approval_required')
      expect(outcome.approval).toMatchObject({ risk: 'exec', requiredRole: 'admin' });
  });

  it('returns the exit code from the status channel', async () => {
    const outcome = await execApproved({
      pod: await podOf('web'),
      command: ['sh', '-c', 'exit 3'],
    });
    expect(okText(outcome)).toContain('exit code 3');
    expect(outcome.status === 'ok' && outcome.result.data).toMatchObject({
      exitCode: 3,
      timedOut: false,
    });
  });

  it('returns output and exit code 0 of a successful command', async () => {
    const pod = await podOf('web');
    const outcome = await execApproved({ pod, command: ['hostname'] });
    const text = okText(outcome);
    expect(text).toMatch(/^\$ hostname {3}\(shop\/.+, container web\): exit code 0\n/);
    expect(text).toContain(pod);
  });

  it('masks secret env values and tokens printed by the command', async () => {
    const pod = await podOf('billing');
    const env = await execApproved({ pod, command: ['env'] });
    expect(okText(env)).toMatch(/DB_PASSWORD=<redacted>/);
    expect(okText(env)).toContain('LOG_LEVEL=info');
    expect(leakedSecrets(env)).toEqual([]);
    const file = await execApproved({ pod, command: ['cat', '/etc/billing/token'] });
    expect(okText(file)).toContain('Bearer <redacted>');
    expect(leakedSecrets(file)).toEqual([]);
  });

  it('stops waiting at timeoutSeconds', async () => {
    const outcome = await execApproved({
      pod: await podOf('web'),
      command: ['sleep', '30'],
      timeoutSeconds: 1,
    });
    expect(okText(outcome)).toContain('no exit code: stopped after 1 s');
  });

  it('names the containers when the one asked for does not exist', async () => {
    const outcome = await execApproved({
      pod: await podOf('web'),
      command: ['env'],
      container: 'sidecar',
    });
    expect(outcome.status === 'error' && outcome.error).toMatchObject({
      kind: 'not-found',
      hint: 'Its containers: web.',
    });
  });

  it('says clearly when the pod does not exist', async () => {
    const outcome = await execApproved({ pod: 'nothere', command: ['env'] });
    expect(outcome.status === 'error' && outcome.error.kind).toBe('not-found');
  });
});
