// What the real kubectl says about the same cluster: the independent answer our tools must agree with.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const kubectl = join(import.meta.dirname, '..', '..', '..', '..', '.tools', 'bin', 'kubectl');

export interface KubectlPod {
  namespace: string;
  name: string;
  ready: string;
  status: string;
}

const run = promisify(execFile);

/** Runs `kubectl ARGS` against the kubeconfig text and returns stdout (async: the sim shares our event loop). */
export async function runKubectl(kubeconfig: string, args: string[]): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'ai4k8s-kubectl-'));
  try {
    const file = join(dir, 'config');
    writeFileSync(file, kubeconfig, { mode: 0o600 });
    const { stdout } = await run(kubectl, ['--kubeconfig', file, ...args], {
      encoding: 'utf8',
      maxBuffer: 64 * 2 ** 20,
    });
    return stdout;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `kubectl get pods -A` as rows. */
export async function kubectlPods(kubeconfig: string): Promise<KubectlPod[]> {
  return (await runKubectl(kubeconfig, ['get', 'pods', '-A', '--no-headers']))
    .trim()
    .split('\n')
    .map((line) => {
      const [namespace = '', name = '', ready = '', status = ''] = line.split(/\s+/);
      return { namespace, name, ready, status };
    });
}

/** Pods a person reading `kubectl get pods` would call unhealthy: not Running/Completed, or not all ready. */
export function unhealthyByKubectl(pods: KubectlPod[]): KubectlPod[] {
  return pods.filter((p) => {
    const [ready, total] = p.ready.split('/');
    return (
      (p.status !== 'Running' && p.status !== 'Completed') ||
      (p.status === 'Running' && ready !== total)
    );
  });
}
