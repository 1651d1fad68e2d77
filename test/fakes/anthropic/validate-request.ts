import type { MessagesRequestBody } from './script.js';

/**
 * The checks the real API makes that our agent could get wrong, with its wording: a request the
 * real service would refuse is refused here too (400 invalid_request_error), so tests notice.
 */
export function validateRequest(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return 'request body must be a JSON object';
  const b = body as Partial<MessagesRequestBody>;
  if (typeof b.model !== 'string' || b.model.length === 0) return 'model: Field required';
  if (typeof b.max_tokens !== 'number' || b.max_tokens < 1) return 'max_tokens: Field required';
  if (!Array.isArray(b.messages) || b.messages.length === 0)
    return 'messages: at least one message is required';
  if (b.messages[0]?.role !== 'user') return 'messages: first message must use the "user" role';
  for (let i = 1; i < b.messages.length; i++) {
    if (b.messages[i]?.role === b.messages[i - 1]?.role) {
      return `messages: roles must alternate between "user" and "assistant", but found multiple "${b.messages[i]?.role}" roles in a row`;
    }
  }
  const cacheMarks = countCacheControl(b);
  if (cacheMarks > 4)
    return `A maximum of 4 blocks with cache_control may be provided. Found ${cacheMarks}.`;
  const toolNames = new Set((b.tools ?? []).map((t) => t.name));
  for (let i = 0; i < b.messages.length; i++) {
    const m = b.messages[i];
    if (!m || m.role !== 'assistant' || typeof m.content === 'string') continue;
    const uses = m.content.filter((c) => c.type === 'tool_use');
    for (const use of uses) {
      if (!toolNames.has(use.name))
        return `messages.${i}: tool_use names a tool that is not in \`tools\`: ${use.name}`;
    }
    if (uses.length === 0) continue;
    const next = b.messages[i + 1];
    const results =
      next && typeof next.content !== 'string'
        ? next.content.filter((c) => c.type === 'tool_result')
        : [];
    for (const use of uses) {
      if (!results.some((r) => r.type === 'tool_result' && r.tool_use_id === use.id)) {
        return `messages.${i + 1}: \`tool_use\` ids were found without \`tool_result\` blocks immediately after: ${use.id}. Each \`tool_use\` block must have a corresponding \`tool_result\` block in the next message.`;
      }
    }
  }
  return undefined;
}

function countCacheControl(b: Partial<MessagesRequestBody>): number {
  let n = 0;
  if (Array.isArray(b.system)) n += b.system.filter((s) => s.cache_control).length;
  n += (b.tools ?? []).filter((t) => t.cache_control).length;
  for (const m of b.messages ?? []) {
    if (typeof m.content === 'string') continue;
    n += m.content.filter((c) => (c as { cache_control?: unknown }).cache_control).length;
  }
  return n;
}
