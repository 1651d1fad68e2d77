import Anthropic from '@anthropic-ai/sdk';

export type LlmFailure =
  /** Overloaded, rate limited, server error, timeout or network: worth trying again later. */
  | { kind: 'unavailable'; detail: string; streamed: boolean }
  /** The key was refused. */
  | { kind: 'auth'; detail: string }
  /** The API refused the request itself (a bug on our side or a too-long conversation). */
  | { kind: 'refused'; detail: string };

/** Sorts an SDK error into what the user is told; undefined for errors that are not the API's. */
export function classifyLlmError(error: unknown): LlmFailure | undefined {
  if (error instanceof Anthropic.APIConnectionTimeoutError) {
    return { kind: 'unavailable', detail: 'the request timed out', streamed: false };
  }
  if (error instanceof Anthropic.APIConnectionError) {
    return { kind: 'unavailable', detail: 'the API could not be reached', streamed: false };
  }
  if (!(error instanceof Anthropic.APIError)) return undefined;
  const status = error.status;
  if (status === undefined) {
    // An `error` event inside a 200 stream: the SDK does not retry these, so the agent does.
    return {
      kind: 'unavailable',
      detail: `the stream failed (${error.type ?? 'error'})`,
      streamed: true,
    };
  }
  if (status === 401 || status === 403)
    return { kind: 'auth', detail: `${status} ${error.type ?? ''}`.trim() };
  if (status === 429) return { kind: 'unavailable', detail: 'rate limited (429)', streamed: false };
  if (status === 529) return { kind: 'unavailable', detail: 'overloaded (529)', streamed: false };
  if (status >= 500 || status === 408)
    return { kind: 'unavailable', detail: `server error (${status})`, streamed: false };
  return { kind: 'refused', detail: `${status} ${error.apiMessage ?? error.message}` };
}
