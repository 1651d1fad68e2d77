import type { Readable, Writable } from 'node:stream';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { createMcpServer, type McpServerOptions } from './create-mcp-server.js';

export interface StdioOptions extends McpServerOptions {
  stdin?: Readable;
  stdout?: Writable;
}

export interface StdioHandle {
  /** Resolves when the client goes away (stdin ends) or `close` is called. */
  closed: Promise<void>;
  close(): Promise<void>;
}

/** Serves one MCP client over stdin/stdout; stdout carries protocol only (logs go to stderr). */
export async function serveMcpStdio(options: StdioOptions): Promise<StdioHandle> {
  const stdin = options.stdin ?? process.stdin;
  const server = createMcpServer(options);
  const transport = new StdioServerTransport(stdin, options.stdout ?? process.stdout);
  const closed = new Promise<void>((resolve) => {
    server.onclose = () => resolve();
  });
  // The SDK transport does not watch for end of input; a client that exits closes our stdin.
  const onEnd = () => void server.close();
  stdin.once('end', onEnd);
  stdin.once('close', onEnd);
  await server.connect(transport);
  return {
    closed,
    async close() {
      stdin.off('end', onEnd);
      stdin.off('close', onEnd);
      await server.close();
    },
  };
}
