import { UserError } from '../errors/user-error.js';

/** The parts of a Kubernetes `Status` body we show to a user. */
interface StatusBody {
  message?: string;
  reason?: string;
  code?: number;
}

const networkCodes: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ENOTFOUND: 'host name not found',
  EAI_AGAIN: 'host name lookup failed',
  ETIMEDOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  EPIPE: 'connection closed',
  UND_ERR_SOCKET: 'connection closed',
  UND_ERR_CONNECT_TIMEOUT: 'connection timed out',
};

const tlsCodes = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/**
 * Turns whatever client-node, node-fetch or Node's http threw into a `UserError` that names the
 * cluster and says how to fix it. `action` says what we were doing ("read logs of shop/web-1").
 */
export function toKubeUserError(error: unknown, cluster: string, action?: string): UserError {
  if (error instanceof UserError) return error;
  const doing = action ? ` (${action})` : '';
  const where = `cluster "${cluster}"`;

  const status = httpStatusOf(error);
  if (status !== undefined) {
    const body = statusBodyOf(error);
    const detail = body?.message ? `: ${body.message}` : '';
    switch (status) {
      case 401:
        return new UserError(
          'cluster-unavailable',
          `${where} rejected our credentials (401 Unauthorized)${doing}.`,
          `Check the token or client certificate of this cluster in its kubeconfig.`,
          { cause: error },
        );
      case 403:
        return new UserError(
          'forbidden',
          `${where} forbids this${doing}${detail}.`,
          'Grant the needed RBAC verbs to the account AI4K8s uses for this cluster.',
          { cause: error },
        );
      case 404:
        return new UserError(
          'not-found',
          `Not found in ${where}${doing}${detail}.`,
          'Check the name and namespace.',
          {
            cause: error,
          },
        );
      case 409:
        return new UserError(
          'conflict',
          `Conflict in ${where}${doing}${detail}.`,
          'Read the object again and retry.',
          {
            cause: error,
          },
        );
      case 400:
      case 422:
        return new UserError(
          'bad-input',
          `${where} refused the request${doing}${detail}.`,
          'Fix the arguments and retry.',
          {
            cause: error,
          },
        );
      case 410:
        return new UserError(
          'unavailable',
          `${where} expired the request${doing}${detail}.`,
          'Retry.',
          { cause: error },
        );
      case 429:
        return new UserError(
          'unavailable',
          `${where} is throttling requests${doing}.`,
          'Retry in a few seconds.',
          {
            cause: error,
          },
        );
      default:
        if (status >= 500) {
          return new UserError(
            'cluster-unavailable',
            `${where} answered with an error ${status}${doing}${detail}.`,
            'The API server may be overloaded or restarting; retry shortly.',
            { cause: error },
          );
        }
        return new UserError(
          'unavailable',
          `${where} answered ${status}${doing}${detail}.`,
          undefined,
          { cause: error },
        );
    }
  }

  const code = networkCodeOf(error);
  if (code !== undefined && networkCodes[code] !== undefined) {
    return new UserError(
      'cluster-unavailable',
      `${where} is unreachable: ${networkCodes[code]}${doing}.`,
      `Check that its API server is running and that the server address in its kubeconfig is right.`,
      { cause: error },
    );
  }
  if (code !== undefined && tlsCodes.has(code)) {
    return new UserError(
      'cluster-unavailable',
      `${where}: the API server's TLS certificate was not accepted (${code})${doing}.`,
      'Set certificate-authority-data for this cluster in its kubeconfig.',
      { cause: error },
    );
  }
  if (isTimeout(error)) {
    return new UserError(
      'cluster-unavailable',
      `${where} did not answer in time${doing}.`,
      'Check that its API server is reachable, or retry.',
      { cause: error },
    );
  }
  const message = error instanceof Error ? error.message : String(error);
  return new UserError(
    'cluster-unavailable',
    `${where} could not be reached${doing}: ${firstLine(message)}.`,
    undefined,
    {
      cause: error,
    },
  );
}

/** HTTP status from client-node's ApiException (`code`), a watch error (`statusCode`) or a Status. */
export function httpStatusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const e = error as { code?: unknown; statusCode?: unknown; body?: unknown };
  if (typeof e.statusCode === 'number') return e.statusCode;
  if (typeof e.code === 'number' && e.code >= 100 && e.code < 600) {
    // client-node turns a network failure of the metrics API into a fake 500: look at the message.
    if (e.code === 500 && networkCodeOf(error) !== undefined) return undefined;
    return e.code;
  }
  return undefined;
}

/** The Status body of an ApiException (a JSON string in client-node 1.x, an object elsewhere). */
export function statusBodyOf(error: unknown): StatusBody | undefined {
  const body = (error as { body?: unknown }).body;
  let value: unknown = body;
  if (typeof body === 'string') {
    try {
      value = JSON.parse(body);
    } catch {
      return body.length > 0 ? { message: firstLine(body).slice(0, 300) } : undefined;
    }
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const status = value as StatusBody;
  return typeof status.message === 'string'
    ? { message: status.message, reason: status.reason, code: status.code }
    : undefined;
}

function networkCodeOf(error: unknown): string | undefined {
  for (
    let e: unknown = error, depth = 0;
    e && depth < 4;
    e = (e as { cause?: unknown }).cause, depth++
  ) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    const message = (e as { message?: unknown }).message;
    if (typeof message === 'string') {
      const found = /\b(E[A-Z_]{4,}|UND_ERR_[A-Z_]+)\b/.exec(message);
      if (found?.[1] && (networkCodes[found[1]] !== undefined || tlsCodes.has(found[1])))
        return found[1];
    }
  }
  return undefined;
}

function isTimeout(error: unknown): boolean {
  const name = (error as { name?: unknown }).name;
  const type = (error as { type?: unknown }).type;
  return (
    name === 'AbortError' ||
    name === 'TimeoutError' ||
    type === 'aborted' ||
    type === 'request-timeout'
  );
}

function firstLine(text: string): string {
  return text.split('\n', 1)[0]?.trim() ?? '';
}
