import type { IncomingHttpHeaders } from 'node:http';
import type { Risk } from '../policy/roles.js';

const methodsFor: Record<Risk, ReadonlySet<string>> = {
  read: new Set(['GET', 'HEAD']),
  write: new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE']),
  // kubectl never execs through the proxy (exec_into_pod talks to the API itself); treat it as write.
  exec: new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE']),
};

// Subresources that open a shell, a port or an HTTP tunnel into the cluster: no kubectl verb we
// allow needs them, so the proxy refuses them whatever the guard let through.
const tunnelSubresources = /\/(exec|attach|portforward|proxy)(\/|$)/;

/** Why the proxy refuses this request for a call of this risk class, or undefined when allowed. */
export function refuseRequest(
  method: string | undefined,
  path: string,
  risk: Risk,
  headers: IncomingHttpHeaders,
): string | undefined {
  const verb = (method ?? '').toUpperCase();
  if (!methodsFor[risk].has(verb))
    return `${verb || 'this method'} is not allowed for a ${risk} call`;
  if (headers.upgrade !== undefined || /\bupgrade\b/i.test(String(headers.connection ?? ''))) {
    return 'connection upgrades (exec, attach, port-forward) are not allowed through kubectl';
  }
  const pathname = path.split('?', 1)[0] ?? '';
  if (tunnelSubresources.test(pathname))
    return `the ${pathname} subresource is not allowed through kubectl`;
  return undefined;
}

/** True for `?watch=true|1` list requests, whose responses stream one JSON event per line. */
export function isWatchRequest(url: URL): boolean {
  const watch = url.searchParams.get('watch');
  return watch === 'true' || watch === '1';
}

/** True for `?follow=true` log requests, whose responses stream text. */
export function isFollowRequest(url: URL): boolean {
  const follow = url.searchParams.get('follow');
  return follow === 'true' || follow === '1';
}
