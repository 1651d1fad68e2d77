import { parse as parseQuery } from 'node:querystring';

/** What Slack posts to the events URL, told apart by shape (Bolt routes them the same way). */
export type SlackPayload =
  | { kind: 'url_verification'; challenge: string }
  | { kind: 'ssl_check' }
  | { kind: 'event' | 'command' | 'interactive'; body: Record<string, unknown> };

export class MalformedPayloadError extends Error {}

const interactiveTypes = new Set([
  'block_actions',
  'block_suggestion',
  'interactive_message',
  'message_action',
  'shortcut',
  'view_submission',
  'view_closed',
]);

/**
 * Parses a (verified) request body: events arrive as JSON, slash commands as a form, and
 * interactions as a form with a JSON `payload` field. Anything else is malformed.
 */
export function parseSlackPayload(raw: Buffer, contentType: string | undefined): SlackPayload {
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase();
  const text = raw.toString('utf8');
  if (type === 'application/x-www-form-urlencoded') {
    const form = parseQuery(text);
    if (form.ssl_check === '1') return { kind: 'ssl_check' };
    if (typeof form.payload === 'string') return classify(parseJsonObject(form.payload));
    return classify(flatten(form));
  }
  if (type === 'application/json') return classify(parseJsonObject(text));
  throw new MalformedPayloadError(`unexpected content type "${contentType ?? ''}"`);
}

function classify(body: Record<string, unknown>): SlackPayload {
  if (body.type === 'url_verification') {
    if (typeof body.challenge !== 'string')
      throw new MalformedPayloadError('url_verification without a challenge');
    return { kind: 'url_verification', challenge: body.challenge };
  }
  if (body.type === 'event_callback') {
    const event = body.event;
    if (!isObject(event) || typeof event.type !== 'string')
      throw new MalformedPayloadError('event_callback without an event');
    return { kind: 'event', body };
  }
  if (typeof body.command === 'string') {
    for (const field of ['command', 'user_id', 'channel_id', 'response_url'] as const) {
      if (typeof body[field] !== 'string' || body[field] === '')
        throw new MalformedPayloadError(`slash command without ${field}`);
    }
    return { kind: 'command', body };
  }
  if (typeof body.type === 'string' && interactiveTypes.has(body.type)) {
    if (!isObject(body.user) || typeof body.user.id !== 'string')
      throw new MalformedPayloadError(`${body.type} without a user`);
    if (body.type === 'block_actions' && !Array.isArray(body.actions))
      throw new MalformedPayloadError('block_actions without actions');
    return { kind: 'interactive', body };
  }
  throw new MalformedPayloadError('not an event, slash command or interaction');
}

function parseJsonObject(text: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new MalformedPayloadError('the body is not valid JSON');
  }
  if (!isObject(value)) throw new MalformedPayloadError('the body is not a JSON object');
  return value;
}

/** A repeated form field would arrive as an array; Slack never repeats one, so keep the first. */
function flatten(form: NodeJS.Dict<string | string[]>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(form))
    out[key] = Array.isArray(value) ? value[0] : value;
  return out;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
