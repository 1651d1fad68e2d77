import type { ScriptedBlock } from './script.js';

export interface WireUsage {
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
}

export interface WireMessage {
  id: string;
  type: 'message';
  role: 'assistant';
  model: string;
  content: (
    { type: 'text'; text: string } | { type: 'tool_use'; id: string; name: string; input: unknown }
  )[];
  stop_reason: string;
  stop_sequence: null;
  usage: WireUsage & { service_tier: 'standard' };
}

/** One server-sent event exactly as the API writes it: `event:` line, `data:` line, blank line. */
export function sseEvent(type: string, data: unknown): string {
  return `event: ${type}\ndata: ${JSON.stringify(data)}\n\n`;
}

/**
 * The event sequence the API streams for `message`: message_start (usage so far), per block
 * content_block_start / deltas / content_block_stop (a ping after the first start, tool input as
 * input_json_delta fragments), message_delta with the stop reason and final usage, message_stop.
 */
export function messageEvents(message: WireMessage): string[] {
  const events: string[] = [];
  const { usage } = message;
  events.push(
    sseEvent('message_start', {
      type: 'message_start',
      message: {
        ...message,
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: { ...usage, output_tokens: 1 },
      },
    }),
  );
  message.content.forEach((block, index) => {
    if (block.type === 'text') {
      events.push(
        sseEvent('content_block_start', {
          type: 'content_block_start',
          index,
          content_block: { type: 'text', text: '' },
        }),
      );
      if (index === 0) events.push(sseEvent('ping', { type: 'ping' }));
      for (const piece of chunks(block.text, 24)) {
        events.push(
          sseEvent('content_block_delta', {
            type: 'content_block_delta',
            index,
            delta: { type: 'text_delta', text: piece },
          }),
        );
      }
    } else {
      events.push(
        sseEvent('content_block_start', {
          type: 'content_block_start',
          index,
          content_block: { type: 'tool_use', id: block.id, name: block.name, input: {} },
        }),
      );
      if (index === 0) events.push(sseEvent('ping', { type: 'ping' }));
      // The API's first input delta is empty, then the JSON arrives in arbitrary fragments.
      for (const piece of ['', ...chunks(JSON.stringify(block.input), 11)]) {
        events.push(
          sseEvent('content_block_delta', {
            type: 'content_block_delta',
            index,
            delta: { type: 'input_json_delta', partial_json: piece },
          }),
        );
      }
    }
    events.push(sseEvent('content_block_stop', { type: 'content_block_stop', index }));
  });
  events.push(
    sseEvent('message_delta', {
      type: 'message_delta',
      delta: { stop_reason: message.stop_reason, stop_sequence: null },
      usage: {
        input_tokens: usage.input_tokens,
        cache_creation_input_tokens: usage.cache_creation_input_tokens,
        cache_read_input_tokens: usage.cache_read_input_tokens,
        output_tokens: usage.output_tokens,
      },
    }),
  );
  events.push(sseEvent('message_stop', { type: 'message_stop' }));
  return events;
}

function chunks(text: string, size: number): string[] {
  if (text.length === 0) return [];
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

export function estimateTokens(value: unknown): number {
  const s = typeof value === 'string' ? value : JSON.stringify(value ?? '');
  return Math.max(1, Math.ceil(s.length / 4));
}

export function outputTokens(content: ScriptedBlock[]): number {
  return content.reduce((n, b) => n + estimateTokens(b.type === 'text' ? b.text : b.input), 0);
}
