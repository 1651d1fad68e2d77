import type { ServerResponse } from 'node:http';

/** Answers with a Kubernetes `Status`, so kubectl prints a proper "Error from server (...)" line. */
export function sendStatus(
  res: ServerResponse,
  code: number,
  reason: string,
  message: string,
): void {
  const body = JSON.stringify({
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason,
    code,
  });
  res.writeHead(code, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}
