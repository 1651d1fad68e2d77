/** What the fake answers to one `POST /v1/messages`, in the order requests arrive. */
export type ScriptedReply = ScriptedMessage | ScriptedError | ScriptedStreamError | ScriptedHang;

export type ScriptedBlock =
  | { type: 'text'; text: string }
  | { type: 'tool_use'; name: string; input: Record<string, unknown>; id?: string };

export interface ScriptedUsage {
  input_tokens?: number;
  output_tokens?: number;
}

export interface ScriptedMessage {
  kind: 'message';
  content: ScriptedBlock[];
  /** Defaults to `tool_use` when a tool_use block is present, else `end_turn`. */
  stopReason?: 'end_turn' | 'tool_use' | 'max_tokens' | 'stop_sequence';
  usage?: ScriptedUsage;
}

export interface ScriptedError {
  kind: 'error';
  status: number;
  type:
    | 'invalid_request_error'
    | 'authentication_error'
    | 'rate_limit_error'
    | 'api_error'
    | 'overloaded_error';
  message?: string;
  /** Sent as the `retry-after` header (seconds), as the API does on 429. */
  retryAfterSeconds?: number;
}

/** A 200 SSE response that fails mid-stream with an `error` event, as the API does when overloaded. */
export interface ScriptedStreamError {
  kind: 'stream_error';
  type: 'overloaded_error' | 'api_error';
  message?: string;
}

/** Never answers within `ms`, to exercise the client's timeout. */
export interface ScriptedHang {
  kind: 'hang';
  ms: number;
}

/** A script entry may depend on the request (e.g. quote the tool_result it received). */
export type ScriptEntry = ScriptedReply | ((request: RecordedRequest) => ScriptedReply);

export interface RecordedRequest {
  headers: Record<string, string | string[] | undefined>;
  body: MessagesRequestBody;
  /** Which reply answered it (the index in the script). */
  index: number;
}

/** The parts of a Messages API request the fake reads. */
export interface MessagesRequestBody {
  model: string;
  max_tokens: number;
  stream?: boolean;
  system?: string | { type: 'text'; text: string; cache_control?: { type: string } }[];
  tools?: {
    name: string;
    description?: string;
    input_schema: unknown;
    cache_control?: { type: string };
  }[];
  messages: { role: 'user' | 'assistant'; content: string | ContentBlock[] }[];
}

export type ContentBlock =
  | { type: 'text'; text: string }
  | { type: 'tool_use'; id: string; name: string; input: unknown }
  | {
      type: 'tool_result';
      tool_use_id: string;
      content?: string | { type: 'text'; text: string }[];
      is_error?: boolean;
    };

export const text = (t: string): ScriptedBlock => ({ type: 'text', text: t });
export const toolUse = (
  name: string,
  input: Record<string, unknown>,
  id?: string,
): ScriptedBlock =>
  id === undefined ? { type: 'tool_use', name, input } : { type: 'tool_use', name, input, id };
export const reply = (...content: ScriptedBlock[]): ScriptedMessage => ({
  kind: 'message',
  content,
});
export const apiError = (
  status: number,
  type: ScriptedError['type'],
  retryAfterSeconds?: number,
): ScriptedError =>
  retryAfterSeconds === undefined
    ? { kind: 'error', status, type }
    : { kind: 'error', status, type, retryAfterSeconds };

/** The text of every tool_result in the last user turn, for replies that react to tool output. */
export function lastToolResults(
  body: MessagesRequestBody,
): { id: string; text: string; isError: boolean }[] {
  const last = body.messages.at(-1);
  if (!last || typeof last.content === 'string') return [];
  return last.content.flatMap((b) => {
    if (b.type !== 'tool_result') return [];
    const t =
      typeof b.content === 'string' ? b.content : (b.content ?? []).map((c) => c.text).join('\n');
    return [{ id: b.tool_use_id, text: t, isError: b.is_error === true }];
  });
}
