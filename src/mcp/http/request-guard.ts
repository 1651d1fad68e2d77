import type { IncomingHttpHeaders } from 'node:http';

export interface RequestGuardOptions {
  /** The address the server listens on (`host` in the config) and its actual port. */
  host: string;
  port: number;
  /** `mcp.allowedOrigins`: browser origins allowed besides localhost of our own port. */
  allowedOrigins: string[];
}

const loopbackNames = ['localhost', '127.0.0.1', '[::1]'];
const wildcardHosts = ['0.0.0.0', '::', '[::]', ''];

/**
 * Refuses requests a DNS-rebinding page could send from a victim's browser: a foreign `Origin`,
 * or a `Host` that is not ours. Returns why the request is refused, or undefined when it may pass.
 */
export function refuseForeignRequest(
  headers: IncomingHttpHeaders,
  options: RequestGuardOptions,
): string | undefined {
  return checkOrigin(headers.origin, options) ?? checkHost(headers.host, options);
}

function checkOrigin(origin: string | undefined, options: RequestGuardOptions): string | undefined {
  // Non-browser clients (Claude Desktop, SDKs, curl) send no Origin; browsers always do.
  if (origin === undefined) return undefined;
  const normalized = normalizeOrigin(origin);
  if (normalized !== undefined) {
    const url = new URL(normalized);
    if (loopbackNames.includes(url.hostname) && portOf(url) === options.port) return undefined;
    if (options.allowedOrigins.some((allowed) => normalizeOrigin(allowed) === normalized))
      return undefined;
  }
  return `Origin ${JSON.stringify(origin)} is not allowed. Add it to mcp.allowedOrigins in the AI4K8s config if this browser app should reach /mcp.`;
}

function checkHost(host: string | undefined, options: RequestGuardOptions): string | undefined {
  // Bound to every interface (in a pod, behind a Service or ingress) the names are unknown;
  // the bearer token and the Origin check still stand between a browser page and the tools.
  if (wildcardHosts.includes(options.host)) return undefined;
  const allowed = new Set(
    [...loopbackNames, bracketed(options.host)].map((name) => `${name}:${options.port}`),
  );
  for (const origin of options.allowedOrigins) {
    const normalized = normalizeOrigin(origin);
    if (normalized) allowed.add(new URL(normalized).host);
  }
  if (host !== undefined && allowed.has(host.toLowerCase())) return undefined;
  return `Host ${JSON.stringify(host ?? '')} is not this server. Connect to http://localhost:${options.port}/mcp or http://${bracketed(options.host)}:${options.port}/mcp.`;
}

function normalizeOrigin(origin: string): string | undefined {
  try {
    const url = new URL(origin);
    return url.origin === 'null' ? undefined : url.origin;
  } catch {
    return undefined;
  }
}

function portOf(url: URL): number {
  if (url.port) return Number(url.port);
  return url.protocol === 'https:' ? 443 : 80;
}

function bracketed(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host.toLowerCase();
}
