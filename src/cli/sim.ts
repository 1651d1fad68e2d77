// `ai4k8s sim`: runs the simulated cluster in the foreground and writes a kubeconfig for it.
import { resolve } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { startSimCluster } from '../sim/index.js';

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new InvalidArgumentError('must be a port number (0-65535; 0 picks a free one).');
  return n;
}

function podCount(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 50_000)
    throw new InvalidArgumentError('must be a whole number of pods between 1 and 50000.');
  return n;
}

export function registerSimCommand(program: Command): void {
  program
    .command('sim')
    .description(
      'run the simulated Kubernetes cluster (kubectl and client libraries work against it)',
    )
    .option('--port <n>', 'port on 127.0.0.1 (0 = any free port)', port, 0)
    .option(
      '--scenario <name|file>',
      'shipped scenario name (demo, healthy, crashloop, ...) or a YAML file',
      'demo',
    )
    .option('--pods <n>', 'generate a cluster of N pods instead of a scenario', podCount)
    .option('--kubeconfig <file>', 'where to write the kubeconfig', './data/sim.kubeconfig')
    .action(async (opts: { port: number; scenario: string; pods?: number; kubeconfig: string }) => {
      const kubeconfigPath = resolve(opts.kubeconfig);
      let sim;
      try {
        sim = await startSimCluster({
          port: opts.port,
          scenario: opts.scenario,
          pods: opts.pods,
          kubeconfigPath,
        });
      } catch (err) {
        process.stderr.write(`ai4k8s sim: ${(err as Error).message}\n`);
        process.exitCode = 2;
        return;
      }
      const what = opts.pods ? `${opts.pods} generated pods` : `scenario "${opts.scenario}"`;
      process.stderr.write(
        [
          `Simulated cluster running (${what}) at ${sim.httpsUrl}`,
          `Kubeconfig written to ${kubeconfigPath}. Try:`,
          `  KUBECONFIG=${kubeconfigPath} kubectl get pods -A`,
          `Clock and faults: ${sim.url}/sim/v1/clock (bearer token in the kubeconfig). Ctrl-C stops it.`,
          '',
        ].join('\n'),
      );
      await new Promise<void>((done) => {
        const stop = (): void => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          void sim.stop().then(done);
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
    });
}
