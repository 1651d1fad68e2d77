import type { IncomingMessage, ServerResponse } from 'node:http';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { createMcpServer, type McpServerOptions } from '../create-mcp-server.js';
import { ToolSchemaCache } from '../tool-schema.js';
import { authenticateBearer, type TokenAuthenticator } from './bearer-auth.js';
import { refuseForeignRequest, type RequestGuardOptions } from './request-guard.js';

export interface McpHttpOptions extends Omit<
  McpServerOptions,
  'caller' | 'defaultCluster' | 'schemas'
> {
  tokens: TokenAuthenticator;
  guard: RequestGuardOptions;
}

/** A plain Node handler, so mcp/ needs no HTTP framework: the server mounts it at `/mcp`. */
export type McpHttpHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/**
 * Streamable HTTP in stateless mode: every POST is authenticated, gets a server bound to its
 * token's caller, and is answered with plain JSON. No session state to leak, expire or share.
 */
export function createMcpHttpHandler(options: McpHttpOptions): McpHttpHandler {
  const logger = options.logger.child({ component: 'mcp-http' });
  const schemas = new ToolSchemaCache();
  return async (req, res) => {
    try {
      const refused = refuseForeignRequest(req.headers, options.guard);
      if (refused) return sendJsonRpcError(res, 403, refused);
      const auth = await authenticateBearer(req.headers, options.tokens);
      if (!auth.ok)
        return sendJsonRpcError(res, 401, auth.message, { 'WWW-Authenticate': auth.challenge });
      if (req.method !== 'POST') {
        // No server-initiated messages and no sessions: only POST carries anything.
        return sendJsonRpcError(
          res,
          405,
          'This MCP endpoint is stateless: send JSON-RPC requests with POST.',
          {
            Allow: 'POST',
          },
        );
      }
      const server = createMcpServer({ ...options, logger, schemas, caller: auth.caller });
      const transport = new StreamableHTTPServerTransport({
        sessionIdGenerator: undefined,
        enableJsonResponse: true,
      });
      res.on('close', () => {
        void transport.close();
        void server.close();
      });
      await server.connect(transport);
      await transport.handleRequest(req, res);
    } catch (error) {
      logger.error({ err: error }, 'MCP HTTP request failed');
      if (!res.headersSent)
        sendJsonRpcError(res, 500, 'Internal error; the server log has the details.');
      else res.end();
    }
  };
}

/** Errors before the MCP layer still answer in JSON-RPC, so clients show the message. */
function sendJsonRpcError(
  res: ServerResponse,
  status: number,
  message: string,
  headers: Record<string, string> = {},
): void {
  const body = JSON.stringify({
    jsonrpc: '2.0',
    error: { code: jsonRpcCodeFor(status), message },
    id: null,
  });
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers }).end(body);
}

function jsonRpcCodeFor(status: number): number {
  // -32001 is the code MCP servers commonly use for authentication failures.
  if (status === 401 || status === 403) return -32001;
  if (status === 405) return -32000;
  return -32603;
}
