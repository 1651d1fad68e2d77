// Runs the real kubectl (unpacked by scripts/setup.mjs) with an argument array and a scrubbed
// environment: its own HOME, no kuberc, and a kubeconfig of the test's choosing.
import { execFile } from 'node:child_process';
import { join } from 'node:path';

export const kubectlPath = join(
  import.meta.dirname,
  '..',
  '..',
  '..',
  '..',
  '.tools',
  'bin',
  'kubectl',
);

export interface KubectlResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function runKubectl(
  argv: string[],
  env: { HOME: string; KUBECONFIG: string },
): Promise<KubectlResult> {
  return new Promise((resolve) => {
    execFile(
      kubectlPath,
      argv,
      { env: { ...env, KUBERC: 'off', PATH: '/usr/bin:/bin' }, timeout: 20_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** Runs jobs with at most `limit` kubectl processes at a time. */
export async function inBatches<T, R>(
  items: T[],
  limit: number,
  job: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const workers = Array.from({ length: limit }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await job(items[index] as T);
    }
  });
  await Promise.all(workers);
  return results;
}
