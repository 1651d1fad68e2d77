import type { IncomingHttpHeaders } from 'node:http';
import type { Caller } from '../../core/tools/types.js';

/** What `/mcp` needs from the token store (ApiTokensRepo implements it). */
export interface TokenAuthenticator {
  /** The unrevoked token that `token` is, or undefined. */
  authenticate(token: string): Promise<{ name: string; role: Caller['role'] } | undefined>;
}

export type BearerResult =
  { ok: true; caller: Caller } | { ok: false; message: string; challenge: string };

const realm = 'realm="ai4k8s"';

/** Maps `Authorization: Bearer a4k_...` to the token's caller; every failure says how to fix it. */
export async function authenticateBearer(
  headers: IncomingHttpHeaders,
  tokens: TokenAuthenticator,
): Promise<BearerResult> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(headers.authorization ?? '');
  if (!match?.[1]) {
    return {
      ok: false,
      message:
        'Authentication required: send "Authorization: Bearer <token>". Create a token with `ai4k8s token create --name NAME --role viewer`.',
      challenge: `Bearer ${realm}`,
    };
  }
  const token = await tokens.authenticate(match[1]);
  if (!token) {
    return {
      ok: false,
      message:
        'The bearer token is unknown or revoked. Check it, or create a new one with `ai4k8s token create`.',
      challenge: `Bearer ${realm}, error="invalid_token"`,
    };
  }
  return {
    ok: true,
    caller: { id: `mcp-token:${token.name}`, name: token.name, role: token.role, surface: 'mcp' },
  };
}
