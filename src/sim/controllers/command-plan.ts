// Containers with a command (or shell images without one) run to completion: the built-in shell
// decides how long they take, what they print and their exit code.
import { containerShellContext } from '../exec/container-env.js';
import { runCommand } from '../exec/shell.js';
import type { Container, Pod } from '../objects/types.js';
import type { ObjectStore } from '../store/object-store.js';

export interface CommandPlan {
  durationMs: number;
  exitCode: number;
  output: string[];
}

const SHELL_IMAGES = /(^|\/)(busybox|alpine|ubuntu|debian)(:|@|$)/;

export function containerCommandPlan(
  pod: Pod,
  c: Container,
  store: ObjectStore,
  files: Record<string, string>,
  startedAt: number,
): CommandPlan | undefined {
  const argv = [
    ...((c.command as string[] | undefined) ?? []),
    ...((c.args as string[] | undefined) ?? []),
  ];
  if (argv.length === 0) {
    // A shell image without a command runs `sh`, which exits at once without a terminal.
    return SHELL_IMAGES.test(c.image) && !c.stdin && !c.tty
      ? { durationMs: 300, exitCode: 0, output: [] }
      : undefined;
  }
  const result = runCommand(argv, containerShellContext(store, pod, c, files, startedAt));
  if (result.notFound !== undefined || !Number.isFinite(result.durationMs)) return undefined;
  const output = `${result.stdout}${result.stderr}`
    .split('\n')
    .filter((l, i, all) => l !== '' || i < all.length - 1);
  return { durationMs: Math.max(300, result.durationMs), exitCode: result.exitCode, output };
}
