import { z } from 'zod';
import { callInputs } from './call-inputs.js';
import { UserError } from '../../errors/user-error.js';
import { checkKubectlCommand, type KubectlDecision } from '../../policy/kubectl-guard.js';
import type { Risk } from '../../policy/roles.js';
import type { ToolDefinition } from '../types.js';

const input = z.strictObject({
  ...callInputs,
  command: z
    .string()
    .min(1, 'give a kubectl command such as `get pods -n shop`')
    .describe(
      'a kubectl command line, such as `get pods -n shop` or `scale deploy web --replicas 3` (a leading `kubectl` is optional)',
    ),
});

/** The guard's verdict, or a UserError with its reason: a refused line never runs nor asks for approval. */
function decide(command: string): Extract<KubectlDecision, { ok: true }> {
  const decision = checkKubectlCommand(command);
  if (!decision.ok)
    throw new UserError('bad-input', `execute_kubectl refused this command: ${decision.reason}`);
  return decision;
}

/**
 * Runs an allowlisted kubectl command through the redacting proxy. Read verbs are `read` calls;
 * mutating verbs are `write` calls and need an approval.
 */
export const executeKubectl: ToolDefinition<typeof input> & { minRisk: Risk } = {
  name: 'execute_kubectl',
  title: 'Run a kubectl command',
  description:
    'Run one kubectl command (no shell: no pipes or redirects). Read verbs: get, describe, logs, top, events, ' +
    'api-resources, api-versions, version, cluster-info, rollout status|history. Write verbs (need an approval): ' +
    'scale, rollout restart|undo|pause|resume, delete, label, annotate, cordon, uncordon, set image. ' +
    'Flags that read files, change credentials or the target cluster are refused.',
  input,
  annotations: { readOnlyHint: false, destructiveHint: true, openWorldHint: false },
  risk: (args) => decide(args.command).risk,
  minRisk: 'read',
  maxRisk: 'write',
  async run(args, ctx) {
    const decision = decide(args.command);
    const kubectl = ctx.services.kubectl;
    if (!kubectl) throw new UserError('unavailable', 'kubectl is not available in this AI4K8s.');
    const out = await kubectl.run(ctx.cluster, decision.argv, decision.risk, ctx.signal);
    const stdout = out.stdout.replace(/\n$/, '');
    const stderr = out.stderr.trim();
    if (out.exitCode !== 0 && stdout === '') {
      throw new UserError(
        /NotFound/.test(stderr)
          ? 'not-found'
          : /Forbidden/.test(stderr)
            ? 'forbidden'
            : 'bad-input',
        `kubectl ${decision.verb} failed (exit ${out.exitCode}): ${stderr || 'no message'}`,
      );
    }
    const parts = [stdout || '(no output)'];
    if (out.truncated) parts.push('(output cut at the kubectl output limit; narrow the command)');
    if (stderr) parts.push(`stderr: ${stderr}`);
    if (out.exitCode !== 0) parts.push(`(kubectl exited with ${out.exitCode})`);
    return {
      text: parts.join('\n'),
      data: { argv: decision.argv, risk: decision.risk, ...out },
    };
  },
};
