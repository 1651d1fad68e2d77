import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findKubectl } from '../../../src/core/kubectl/find-kubectl.js';
import { ProcessKubectlRunner } from '../../../src/core/kubectl/runner.js';
import { plantedScenario } from '../tools/registry/harness.js';
import { repoRoot } from '../../support/cli.js';
import { useSimTestCluster } from '../../support/sim.js';

const sim = useSimTestCluster({ scenario: plantedScenario });
const runners: ProcessKubectlRunner[] = [];
afterAll(async () => {
  await Promise.all(runners.map((r) => r.close()));
});

function runner(options: { timeoutSeconds?: number; maxOutputBytes?: number; path?: string } = {}) {
  const created = new ProcessKubectlRunner({
    logger: sim().logger,
    timeoutSeconds: 20,
    maxOutputBytes: 1_000_000,
    ...options,
  });
  runners.push(created);
  return created;
}

const never = new AbortController().signal;

describe('ProcessKubectlRunner', () => {
  it('runs the real kubectl against the cluster through the proxy', async () => {
    const out = await runner().run(sim().cluster, ['get', 'pods', '-n', 'shop'], 'read', never);
    expect(out).toMatchObject({ exitCode: 0, truncated: false, stderr: '' });
    expect(out.stdout).toMatch(/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\n/);
    expect(out.stdout).toMatch(/billing-\S+\s+1\/1\s+Running/);
  });

  it('uses the namespace of the cluster’s context when the command names none', async () => {
    const out = await runner().run(sim().cluster, ['get', 'pods'], 'read', never);
    expect(out.stderr.trim()).toBe('No resources found in default namespace.');
  });

  it('cannot delete in a read call: the proxy refuses, whatever kubectl was asked', async () => {
    const pods = await sim().cluster.core.listNamespacedPod({
      namespace: 'shop',
      labelSelector: 'app=web',
    });
    const name = pods.items[0]?.metadata?.name as string;
    const out = await runner().run(
      sim().cluster,
      ['delete', 'pod', name, '-n', 'shop'],
      'read',
      never,
    );
    expect(out.exitCode).toBe(1);
    expect(out.stderr).toContain(
      'Error from server (Forbidden): AI4K8s refused this request: DELETE is not allowed for a read call',
    );
    const still = await sim().cluster.core.readNamespacedPod({ name, namespace: 'shop' });
    expect(still.metadata?.deletionTimestamp).toBeUndefined();
  });

  it('passes kubectl none of its own environment (a KUBERC there would change every command)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ai4k8s-kuberc-'));
    const kuberc = join(dir, 'kuberc');
    writeFileSync(
      kuberc,
      'apiVersion: kubectl.config.k8s.io/v1beta1\nkind: Preference\ndefaults:\n- command: get\n  options:\n  - name: output\n    default: name\n',
    );
    const saved = { ...process.env };
    Object.assign(process.env, { KUBERC: kuberc, KUBECONFIG: join(dir, 'nothere') });
    try {
      const out = await runner().run(sim().cluster, ['get', 'ns'], 'read', never);
      expect(out.exitCode).toBe(0);
      expect(out.stdout).toMatch(/^NAME\s+STATUS\s+AGE\n/);
      expect(out.stdout).not.toContain('namespace/shop');
    } finally {
      process.env = saved;
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('caps the output and stops kubectl', async () => {
    const out = await runner({ maxOutputBytes: 1024 }).run(
      sim().cluster,
      ['get', 'pods', '-A', '-o', 'yaml'],
      'read',
      never,
    );
    expect(out.truncated).toBe(true);
    expect(Buffer.byteLength(out.stdout)).toBeLessThanOrEqual(1024);
    expect(out.stdout.startsWith('apiVersion: v1\nitems:')).toBe(true);
  });

  it('stops kubectl at the timeout and on cancellation', async () => {
    const slow = await runner({ timeoutSeconds: 1 }).run(
      sim().cluster,
      ['get', 'pods', '-n', 'shop', '--watch'],
      'read',
      never,
    );
    expect(slow.exitCode).toBe(124);
    expect(slow.stderr).toContain('kubectl stopped: timed out after 1 s');
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 300);
    const cancelled = await runner().run(
      sim().cluster,
      ['get', 'pods', '-n', 'shop', '--watch'],
      'read',
      controller.signal,
    );
    expect(cancelled.stderr).toContain('kubectl stopped: cancelled');
  });

  it('says where it looked when kubectl is missing', async () => {
    await expect(
      runner({ path: '/nonexistent/kubectl' }).run(sim().cluster, ['version'], 'read', never),
    ).rejects.toThrow(
      'kubectl not found at "/nonexistent/kubectl"; run `npm run setup` or set kubectl.path',
    );
  });
});

describe('findKubectl', () => {
  it('prefers the configured path, then the bundled binary, then PATH', () => {
    expect(findKubectl('/opt/kubectl')).toBe('/opt/kubectl');
    expect(findKubectl(undefined)).toBe(join(repoRoot, '.tools', 'bin', 'kubectl'));
    expect(findKubectl(undefined, '/')).toBe('kubectl');
  });
});
