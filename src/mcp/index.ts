// The MCP surface: the tool registry served to MCP clients over stdio and Streamable HTTP.
export { createMcpServer, type McpServerOptions } from './create-mcp-server.js';
export { serveMcpStdio, type StdioHandle, type StdioOptions } from './serve-stdio.js';
export {
  createMcpHttpHandler,
  type McpHttpHandler,
  type McpHttpOptions,
} from './http/mcp-http-handler.js';
export type { TokenAuthenticator } from './http/bearer-auth.js';
export type { RequestGuardOptions } from './http/request-guard.js';
export type { McpApproval, McpInvokeOutcome, McpInvoker } from './mcp-invoker.js';
