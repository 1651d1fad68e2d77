import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';

// Only what kubectl needs to be understood; never its (proxy) Authorization, impersonation or
// hop-by-hop headers. The real credentials are added by the cluster's KubeConfig.
const passed = [
  'content-type',
  'content-length',
  'user-agent',
  'kubectl-command',
  'kubectl-session',
];

/** Headers sent upstream: an allowlist, JSON-only Accept, and no compression. */
export function forwardHeaders(incoming: IncomingHttpHeaders): OutgoingHttpHeaders {
  const out: OutgoingHttpHeaders = {};
  for (const name of passed) {
    const value = incoming[name];
    if (value !== undefined) out[name] = value;
  }
  out.accept = jsonOnlyAccept(incoming.accept);
  // Identity encoding, so the proxy can read (and redact) every byte it passes on.
  out['accept-encoding'] = 'identity';
  return out;
}

/**
 * Keeps the JSON and text media types of an Accept header (Table requests stay Tables) and drops
 * protobuf, CBOR and YAML, which the proxy could not redact.
 */
export function jsonOnlyAccept(accept: string | string[] | undefined): string {
  const parts = (Array.isArray(accept) ? accept.join(',') : (accept ?? ''))
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
  const kept = parts.filter((p) => {
    const type = (p.split(';', 1)[0] ?? '').trim().toLowerCase();
    return type === 'application/json' || type === 'text/plain' || type === '*/*';
  });
  return kept.length > 0 ? kept.join(', ') : 'application/json, */*';
}

/** Response headers passed back to kubectl; length and encoding are set by the proxy itself. */
export function backwardHeaders(incoming: IncomingHttpHeaders): OutgoingHttpHeaders {
  const out: OutgoingHttpHeaders = {};
  for (const name of ['content-type', 'audit-id', 'cache-control', 'date', 'warning']) {
    const value = incoming[name];
    if (value !== undefined) out[name] = value;
  }
  return out;
}
