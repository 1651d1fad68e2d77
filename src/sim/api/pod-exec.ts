// pods/{name}/exec over WebSocket (v5.channel.k8s.io, also v4): runs the command in the
// built-in shell, streams stdout (channel 1) and stderr (channel 2), then the kubelet's
// Status on channel 3 (Success, or NonZeroExitCode with the exit code in details.causes).
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { SimCluster } from '../cluster.js';
import { containerShellContext } from '../exec/container-env.js';
import { runCommand, type ShellContext } from '../exec/shell.js';
import type { Pod } from '../objects/types.js';
import { ApiError, badRequest, notFound } from './status.js';

export const EXEC_PROTOCOLS = ['v5.channel.k8s.io', 'v4.channel.k8s.io'];
const STDOUT = 1;
const STDERR = 2;
const ERROR = 3;
const CLOSE = 255;

interface ExecTarget {
  ctx: ShellContext;
  command: string[];
  stdin: boolean;
}

/** Validates the exec request before the upgrade, so errors are plain HTTP Status responses. */
export function resolveExec(
  cluster: SimCluster,
  namespace: string,
  name: string,
  query: URLSearchParams,
): ExecTarget {
  const pod = cluster.store.get('pods', namespace, name) as Pod | undefined;
  if (!pod) throw notFound('pods', '', name);
  const command = query.getAll('command');
  if (command.length === 0) throw badRequest('you must specify at least 1 command');
  const names = pod.spec.containers.map((c) => c.name);
  const containerName = query.get('container') ?? (names.length === 1 ? names[0] : undefined);
  if (!containerName)
    throw badRequest(
      `a container name must be specified for pod ${name}, choose one of: [${names.join(' ')}]`,
    );
  const spec = pod.spec.containers.find((c) => c.name === containerName);
  if (!spec) throw badRequest(`container ${containerName} is not valid for pod ${name}`);
  if (pod.status.phase === 'Succeeded' || pod.status.phase === 'Failed') {
    throw badRequest(
      `cannot exec into a container in a completed pod; current phase is ${pod.status.phase}`,
    );
  }
  const rt = cluster.kubelet.runtime(pod.metadata.uid);
  const c = rt?.containers.find((x) => x.name === containerName);
  if (!c || c.phase !== 'running')
    throw badRequest(`unable to upgrade connection: container not found ("${containerName}")`);
  const b = cluster.behaviours.base(pod, spec);
  return {
    ctx: containerShellContext(cluster.store, pod, spec, b.files, cluster.apiNow()),
    command,
    stdin: query.get('stdin') === 'true' || query.get('stdin') === '1',
  };
}

function frame(channel: number, data: string | Buffer): Buffer {
  const payload = typeof data === 'string' ? Buffer.from(data) : data;
  return Buffer.concat([Buffer.from([channel]), payload]);
}

function statusFor(
  command: string[],
  exitCode: number,
  notFoundBinary?: string,
): Record<string, unknown> {
  if (notFoundBinary !== undefined) {
    const msg = `error executing command in container: failed to exec in container: failed to start exec: OCI runtime exec failed: exec failed: unable to start container process: exec: "${notFoundBinary}": executable file not found in $PATH: unknown`;
    return {
      metadata: {},
      status: 'Failure',
      message: `Internal error occurred: ${msg}`,
      reason: 'InternalError',
      details: { causes: [{ message: msg }] },
      code: 500,
    };
  }
  if (exitCode === 0) return { metadata: {}, status: 'Success' };
  return {
    metadata: {},
    status: 'Failure',
    message: `command terminated with non-zero exit code: error executing command [${command.join(' ')}], exit code ${exitCode}`,
    reason: 'NonZeroExitCode',
    details: { causes: [{ reason: 'ExitCode', message: String(exitCode) }] },
  };
}

export class ExecServer {
  private readonly wss = new WebSocketServer({
    noServer: true,
    handleProtocols: (protocols) => EXEC_PROTOCOLS.find((p) => protocols.has(p)) ?? false,
  });

  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer, target: ExecTarget): void {
    const offered = String(req.headers['sec-websocket-protocol'] ?? '')
      .split(',')
      .map((p) => p.trim());
    if (!EXEC_PROTOCOLS.some((p) => offered.includes(p))) {
      throw new ApiError(
        400,
        'BadRequest',
        `unable to upgrade connection: none of the requested subprotocols are supported (${offered.join(', ')}); supported: ${EXEC_PROTOCOLS.join(', ')}`,
      );
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.run(ws, target));
  }

  closeAll(): void {
    for (const ws of this.wss.clients) ws.terminate();
    this.wss.close();
  }

  private run(ws: WebSocket, t: ExecTarget): void {
    const finish = (
      stdout: string,
      stderr: string,
      exitCode: number,
      notFoundBinary?: string,
    ): void => {
      if (stdout) ws.send(frame(STDOUT, stdout));
      if (stderr) ws.send(frame(STDERR, stderr));
      ws.send(frame(ERROR, JSON.stringify(statusFor(t.command, exitCode, notFoundBinary))));
      ws.close(1000);
    };
    const isShell = /(^|\/)(ba|a)?sh$/.test(t.command[0] ?? '') && !t.command.includes('-c');
    if (!(t.stdin && isShell)) {
      const r = runCommand(t.command, t.ctx);
      const done = () => finish(r.stdout, r.stderr, r.exitCode, r.notFound);
      // `sleep N` really takes N seconds (wall time), so callers' exec timeouts can be tested.
      if (r.durationMs <= 0) return done();
      if (!Number.isFinite(r.durationMs)) return;
      const timer = setTimeout(done, Math.min(r.durationMs, 10 * 60_000));
      ws.once('close', () => clearTimeout(timer));
      return;
    }
    // An interactive shell: run each line received on stdin until "exit" or stdin closes.
    let buffered = '';
    let last = 0;
    const runLine = (line: string): boolean => {
      const r = runCommand(['sh', '-c', line], t.ctx);
      if (r.stdout) ws.send(frame(STDOUT, r.stdout));
      if (r.stderr) ws.send(frame(STDERR, r.stderr));
      last = r.exitCode;
      return /^\s*exit(\s|$)/.test(line);
    };
    ws.on('message', (data: Buffer) => {
      const channel = data[0];
      if (channel === CLOSE || data.length === 0) {
        if (buffered.trim()) runLine(buffered);
        finish('', '', last);
        return;
      }
      if (channel !== 0) return;
      buffered += data.subarray(1).toString();
      let nl = buffered.indexOf('\n');
      while (nl >= 0) {
        const line = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
        if (runLine(line)) {
          finish('', '', last);
          return;
        }
        nl = buffered.indexOf('\n');
      }
    });
  }
}
