import { Exec, type KubeConfig, type V1Status } from '@kubernetes/client-node';
import { CappedSink } from './capped-sink.js';

export interface ExecInPodOptions {
  kubeConfig: KubeConfig;
  namespace: string;
  pod: string;
  container: string;
  command: string[];
  timeoutMs: number;
  signal: AbortSignal;
  maxOutputBytes: number;
}

export interface ExecOutcome {
  stdout: string;
  stderr: string;
  /** From the channel-3 Status; null when the command never reported one (timeout, dropped connection). */
  exitCode: number | null;
  /** The Status message when the command could not run at all. */
  failure?: string;
  timedOut: boolean;
  truncated: boolean;
}

/** Runs one command over the exec WebSocket and waits for its Status or the deadline. */
export async function execInPod(options: ExecInPodOptions): Promise<ExecOutcome> {
  const stdout = new CappedSink(options.maxOutputBytes);
  const stderr = new CappedSink(options.maxOutputBytes);
  let status: V1Status | undefined;
  const socket = await new Exec(options.kubeConfig).exec(
    options.namespace,
    options.pod,
    options.container,
    options.command,
    stdout,
    stderr,
    null,
    false,
    (s) => (status = s),
  );
  let timedOut = false;
  await new Promise<void>((resolve) => {
    if (socket.readyState === socket.CLOSED) return resolve();
    const stop = (why: 'timeout' | 'abort') => {
      timedOut = why === 'timeout';
      socket.close();
      // A server that never answers the close handshake must not hold us.
      setTimeout(() => socket.terminate(), 1000).unref();
    };
    const timer = setTimeout(() => stop('timeout'), options.timeoutMs);
    const onAbort = () => stop('abort');
    options.signal.addEventListener('abort', onAbort, { once: true });
    socket.on('close', () => {
      clearTimeout(timer);
      options.signal.removeEventListener('abort', onAbort);
      resolve();
    });
  });
  const { exitCode, failure } = exitCodeOf(status);
  return {
    stdout: stdout.text(),
    stderr: stderr.text(),
    exitCode,
    failure,
    timedOut,
    truncated: stdout.truncated || stderr.truncated,
  };
}

/** The kubelet reports success, or `NonZeroExitCode` with the code in `details.causes[ExitCode]`. */
export function exitCodeOf(status: V1Status | undefined): {
  exitCode: number | null;
  failure?: string;
} {
  if (!status) return { exitCode: null };
  if (status.status === 'Success') return { exitCode: 0 };
  const cause = status.details?.causes?.find((c) => c.reason === 'ExitCode');
  const code = cause?.message !== undefined ? Number.parseInt(cause.message, 10) : Number.NaN;
  if (status.reason === 'NonZeroExitCode' && Number.isInteger(code)) return { exitCode: code };
  return {
    exitCode: null,
    failure: status.message ?? status.reason ?? 'the command could not run',
  };
}
