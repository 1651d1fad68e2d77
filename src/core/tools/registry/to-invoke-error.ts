import { UserError, isUserError } from '../../errors/user-error.js';
import { httpStatusOf, toKubeUserError } from '../../kube/errors.js';
import type { Logger } from '../../log/logger.js';
import { redactText } from '../../policy/redact.js';
import type { Caller } from '../types.js';

interface Context {
  tool: string;
  cluster?: string;
  caller: Caller;
  logger: Logger;
}

/**
 * What a failed call answers: user errors as they are (redacted, since they may quote cluster
 * text), API errors mapped to user errors, and anything else logged with context and answered
 * generically, so no stack trace or internal detail reaches a user.
 */
export function toInvokeError(thrown: unknown, context: Context): UserError {
  let error: UserError;
  if (isUserError(thrown)) error = thrown;
  else if (httpStatusOf(thrown) !== undefined && context.cluster)
    error = toKubeUserError(thrown, context.cluster);
  else {
    context.logger.error(
      { err: thrown, tool: context.tool, cluster: context.cluster, actor: context.caller.id },
      'tool call failed unexpectedly',
    );
    error = new UserError(
      'unavailable',
      `${context.tool || 'The tool'} failed unexpectedly; the error was logged.`,
      'Try again; if it keeps failing, tell your AI4K8s administrator.',
      { cause: thrown },
    );
  }
  const message = redactText(error.message);
  const hint = error.hint === undefined ? undefined : redactText(error.hint);
  if (message === error.message && hint === error.hint) return error;
  return new UserError(error.kind, message, hint, { cause: error });
}
