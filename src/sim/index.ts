// Public entry of the simulated cluster: start it in-process, get its URL, token and kubeconfig,
// drive its clock and faults, stop it. See README.md in this folder.
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { ApiServer } from './api/server.js';
import type { FaultSpec } from './behaviour/fault-spec.js';
import { SimCluster } from './cluster.js';
import { simKubeconfig } from './kubeconfig.js';
import { generateScenario } from './scenario/generate.js';
import { loadScenario } from './scenario/load.js';
import { selfSignedCert } from './util/self-signed-cert.js';

export type { FaultSpec } from './behaviour/fault-spec.js';
export { FAULT_TYPES } from './behaviour/fault-spec.js';
export { shippedScenarios } from './scenario/load.js';
export { SIM_CONTEXT } from './kubeconfig.js';

export interface SimOptions {
  /** 0 or undefined = random free port on 127.0.0.1. */
  port?: number;
  /** A name from scenarios/ (default 'demo') or a path to a YAML file. */
  scenario?: string;
  /** Generate a realistic cluster of N pods instead (benchmarks). */
  pods?: number;
  /** Bearer token; generated when absent. */
  token?: string;
  /** Sim clock start (default: now). */
  clockStart?: Date;
  /** Fault times (and scenario usage-model times) are relative to this; default clockStart. */
  faultsStartAt?: Date;
  /** Default true: the sim clock follows wall time between explicit advances. */
  realtime?: boolean;
  /** When set, also write the kubeconfig there (mode 0600). */
  kubeconfigPath?: string;
  /** Seed for names, uids and noise (default: the scenario's). */
  seed?: string;
  /** Diagnostic lines (default: stderr). */
  log?: (line: string) => void;
}

export interface SimHandle {
  /** http://127.0.0.1:PORT (plain HTTP; the same port also speaks HTTPS). */
  url: string;
  /** https://127.0.0.1:PORT, as in the kubeconfig. */
  httpsUrl: string;
  /** PEM of the self-signed certificate the HTTPS side presents (also in the kubeconfig). */
  caCert: string;
  token: string;
  kubeconfig: string;
  kubeconfigPath?: string;
  now(): Date;
  advance(ms: number): Promise<void>;
  injectFault(f: FaultSpec): string;
  clearFault(id: string): void;
  stop(): Promise<void>;
}

const TICK_MS = 200;

export async function startSimCluster(opts: SimOptions = {}): Promise<SimHandle> {
  const log = opts.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  if (opts.pods !== undefined && (!Number.isInteger(opts.pods) || opts.pods < 1))
    throw new Error(`pods must be a positive integer, got ${opts.pods}`);
  const scenario =
    opts.pods !== undefined
      ? generateScenario(opts.pods, opts.seed)
      : loadScenario(opts.scenario ?? 'demo');
  const start = (opts.clockStart ?? new Date()).getTime();
  const anchor = (opts.faultsStartAt ?? new Date(start)).getTime();
  if (Number.isNaN(start) || Number.isNaN(anchor))
    throw new Error('clockStart and faultsStartAt must be valid dates');
  const cluster = new SimCluster({
    scenario,
    start,
    anchor,
    realtime: opts.realtime ?? true,
    seed: opts.seed,
  });
  await cluster.warmUp();
  const token = opts.token ?? randomBytes(24).toString('base64url');
  const tls = selfSignedCert('ai4k8s-sim');
  const api = new ApiServer({ cluster, token, log, tls });
  const port = await api.listen(opts.port ?? 0);
  const url = `http://127.0.0.1:${port}`;
  const httpsUrl = `https://127.0.0.1:${port}`;
  const kubeconfig = simKubeconfig(httpsUrl, token, tls.certPem);
  if (opts.kubeconfigPath) {
    mkdirSync(dirname(opts.kubeconfigPath), { recursive: true });
    writeFileSync(opts.kubeconfigPath, kubeconfig, { mode: 0o600 });
    chmodSync(opts.kubeconfigPath, 0o600);
  }
  const ticker = setInterval(() => cluster.catchUp(), TICK_MS);
  ticker.unref();
  let stopped = false;
  return {
    url,
    httpsUrl,
    caCert: tls.certPem,
    token,
    kubeconfig,
    ...(opts.kubeconfigPath ? { kubeconfigPath: opts.kubeconfigPath } : {}),
    now: () => new Date(cluster.now()),
    advance: (ms) => cluster.advance(ms),
    injectFault: (f) => {
      cluster.catchUp();
      const id = cluster.faults.add(f, cluster.apiNow());
      cluster.catchUp();
      return id;
    },
    clearFault: (id) => {
      if (!cluster.faults.clear(id)) throw new Error(`fault "${id}" not found or already cleared`);
      cluster.engine.settle();
    },
    stop: async () => {
      if (stopped) return;
      stopped = true;
      clearInterval(ticker);
      await api.close();
    },
  };
}
