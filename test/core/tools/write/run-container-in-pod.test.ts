import { describe, expect, it } from 'vitest';
import { callers, okText, useRegistryHarness } from '../registry/harness.js';

const h = useRegistryHarness();
const managed = 'app.kubernetes.io/managed-by=ai4k8s';

async function managedPods(): Promise<string[]> {
  const pods = await h().core.listPodForAllNamespaces({ labelSelector: managed });
  return pods.items.map((p) => `${p.metadata?.namespace}/${p.metadata?.name}`);
}

describe('run_container_in_pod', () => {
  it('creates nothing until approved', async () => {
    const outcome = await h().invoke(callers.operator, 'run_container_in_pod', {
      image: 'busybox:1.36',
      command: ['echo', 'hi'],
    });
    expect(outcome.status).toBe('approval_required');
    expect(await managedPods()).toEqual([]);
  });

  it('runs a one-off pod to completion, returns its logs and exit code, and deletes it', async () => {
    const { outcome } = await h().approvedInvoke(
      callers.operator,
      callers.operator2,
      'run_container_in_pod',
      {
        image: 'busybox:1.36',
        command: ['sh', '-c', 'echo hello from the sim; exit 2'],
        namespace: 'shop',
      },
    );
    const text = okText(outcome);
    expect(text).toMatch(
      /^busybox:1\.36 sh -c 'echo hello from the sim; exit 2' as pod shop\/ai4k8s-run-[0-9a-f]{8}: exit code 2.*; pod deleted\.\n/,
    );
    expect(text).toContain('hello from the sim');
    expect(outcome.status === 'ok' && outcome.result.data).toMatchObject({
      exitCode: 2,
      deleted: true,
    });
    expect(await managedPods()).toEqual([]);
  });

  it('keeps the pod, labelled as ours, when asked', async () => {
    const { outcome } = await h().approvedInvoke(
      callers.operator,
      callers.operator2,
      'run_container_in_pod',
      {
        image: 'busybox:1.36',
        command: ['echo', 'kept'],
        keep: true,
      },
    );
    expect(okText(outcome)).toMatch(/exit code 0; pod kept\./);
    const kept = await managedPods();
    expect(kept).toHaveLength(1);
    const [namespace, name] = (kept[0] as string).split('/') as [string, string];
    expect(namespace).toBe('default');
    await h().core.deleteNamespacedPod({ name, namespace, gracePeriodSeconds: 0 });
  });

  it('gives up at timeoutSeconds and still cleans up', async () => {
    const { outcome } = await h().approvedInvoke(
      callers.operator,
      callers.operator2,
      'run_container_in_pod',
      {
        image: 'busybox:1.36',
        command: ['sleep', '3600'],
        timeoutSeconds: 1,
      },
    );
    expect(okText(outcome)).toMatch(
      /did not finish: still (Pending|Running) after 1 s; pod deleted\./,
    );
    expect(await managedPods()).toEqual([]);
  });

  it('rejects a malformed image before asking for approval', async () => {
    const outcome = await h().invoke(callers.operator, 'run_container_in_pod', {
      image: 'busybox; rm -rf /',
    });
    expect(outcome.status === 'error' && outcome.error.message).toMatch(
      /`image`: an image reference/,
    );
  });
});
