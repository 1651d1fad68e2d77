// The Socket Mode side of the fake: apps.connections.open hands out a ws:// URL; the WebSocket
// says `hello`, carries envelopes, and records the acknowledgements the app sends back.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';

export type EnvelopeType = 'events_api' | 'slash_commands' | 'interactive';

export interface SocketAck {
  envelope_id: string;
  payload?: unknown;
  at: number;
}

export class FakeSocketMode {
  readonly acks: SocketAck[] = [];
  readonly tickets = new Set<string>();
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly sockets = new Set<WebSocket>();
  private readonly waiters = new Map<string, (ack: SocketAck) => void>();
  private connectWaiters: Array<() => void> = [];

  /** What apps.connections.open answers. */
  openConnection(baseUrl: string): string {
    const ticket = randomUUID();
    this.tickets.add(ticket);
    return `${baseUrl.replace(/^http/, 'ws')}/socket?ticket=${ticket}`;
  }

  get connections(): number {
    return this.sockets.size;
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const ticket = new URL(req.url ?? '/', 'http://x').searchParams.get('ticket');
    if (!ticket || !this.tickets.delete(ticket)) {
      socket.end('HTTP/1.1 401 Unauthorized\r\n\r\n');
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      this.sockets.add(ws);
      ws.on('close', () => this.sockets.delete(ws));
      ws.on('message', (data) => this.onMessage(data.toString()));
      ws.send(
        JSON.stringify({
          type: 'hello',
          num_connections: this.sockets.size,
          connection_info: { app_id: 'A_FAKE' },
          debug_info: { host: 'fake' },
        }),
      );
      const waiters = this.connectWaiters;
      this.connectWaiters = [];
      for (const w of waiters) w();
    });
  }

  /** Resolves once an app is connected (it said nothing yet; `hello` was sent). */
  async connected(timeoutMs = 5000): Promise<void> {
    if (this.sockets.size > 0) return;
    await withTimeout(
      new Promise<void>((resolve) => this.connectWaiters.push(resolve)),
      timeoutMs,
      'a Socket Mode connection',
    );
  }

  /** Sends an envelope to the connected app and resolves with its acknowledgement. */
  async send(type: EnvelopeType, payload: unknown, timeoutMs = 3000): Promise<SocketAck> {
    const socket = [...this.sockets][0];
    if (!socket) throw new Error('no Socket Mode connection');
    const envelopeId = randomUUID();
    const acked = new Promise<SocketAck>((resolve) => this.waiters.set(envelopeId, resolve));
    socket.send(
      JSON.stringify({
        envelope_id: envelopeId,
        type,
        payload,
        accepts_response_payload: type !== 'events_api',
        retry_attempt: 0,
        retry_reason: '',
      }),
    );
    return withTimeout(acked, timeoutMs, `the ack of ${type} envelope ${envelopeId}`);
  }

  /** Sends raw text (malformed frames, unknown types) without waiting for anything. */
  sendRaw(text: string): void {
    for (const s of this.sockets) s.send(text);
  }

  close(): void {
    for (const s of this.sockets) s.terminate();
    this.wss.close();
  }

  private onMessage(text: string): void {
    let message: { envelope_id?: unknown; payload?: unknown };
    try {
      message = JSON.parse(text) as typeof message;
    } catch {
      return;
    }
    if (typeof message.envelope_id !== 'string') return;
    const ack: SocketAck = {
      envelope_id: message.envelope_id,
      at: Date.now(),
      ...(message.payload !== undefined ? { payload: message.payload } : {}),
    };
    this.acks.push(ack);
    this.waiters.get(ack.envelope_id)?.(ack);
    this.waiters.delete(ack.envelope_id);
  }
}

async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
