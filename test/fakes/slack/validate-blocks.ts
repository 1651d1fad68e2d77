// Block Kit limits as Slack enforces them: a message breaking one is refused with invalid_blocks,
// so a renderer that passes against the fake passes against Slack.

type Json = Record<string, unknown>;

export function blockProblems(blocks: unknown): string[] {
  if (blocks === undefined) return [];
  if (!Array.isArray(blocks)) return ['blocks must be an array'];
  const problems: string[] = [];
  if (blocks.length > 50) problems.push(`${blocks.length} blocks (max 50)`);
  const blockIds = new Set<string>();
  blocks.forEach((raw, i) => {
    const b = raw as Json;
    const at = `blocks[${i}]`;
    if (typeof b.block_id === 'string') {
      if (blockIds.has(b.block_id)) problems.push(`${at}: duplicate block_id`);
      blockIds.add(b.block_id);
    }
    switch (b.type) {
      case 'header':
        checkText(b.text, `${at}.text`, 150, problems, 'plain_text');
        break;
      case 'section':
        if (b.text === undefined && b.fields === undefined)
          problems.push(`${at}: a section needs text or fields`);
        if (b.text !== undefined) checkText(b.text, `${at}.text`, 3000, problems);
        if (b.fields !== undefined) {
          const fields = b.fields as unknown[];
          if (!Array.isArray(fields) || fields.length > 10) problems.push(`${at}.fields: max 10`);
          else fields.forEach((f, j) => checkText(f, `${at}.fields[${j}]`, 2000, problems));
        }
        break;
      case 'context': {
        const elements = b.elements as unknown[];
        if (!Array.isArray(elements) || elements.length === 0 || elements.length > 10)
          problems.push(`${at}.elements: 1 to 10`);
        else elements.forEach((e, j) => checkText(e, `${at}.elements[${j}]`, 3000, problems));
        break;
      }
      case 'actions': {
        const elements = b.elements as Json[];
        if (!Array.isArray(elements) || elements.length === 0 || elements.length > 25) {
          problems.push(`${at}.elements: 1 to 25`);
          break;
        }
        const ids = new Set<string>();
        elements.forEach((e, j) => {
          const where = `${at}.elements[${j}]`;
          if (e.type !== 'button') return;
          checkText(e.text, `${where}.text`, 75, problems, 'plain_text');
          if (typeof e.value === 'string' && e.value.length > 2000)
            problems.push(`${where}.value: over 2000 characters`);
          if (typeof e.action_id === 'string') {
            if (e.action_id.length > 255) problems.push(`${where}.action_id: over 255 characters`);
            if (ids.has(e.action_id)) problems.push(`${where}.action_id: duplicate in block`);
            ids.add(e.action_id);
          }
          if (e.style !== undefined && e.style !== 'primary' && e.style !== 'danger')
            problems.push(`${where}.style: primary or danger`);
        });
        break;
      }
      case 'divider':
      case 'image':
      case 'rich_text':
        break;
      default:
        problems.push(`${at}: unknown block type ${String(b.type)}`);
    }
  });
  return problems;
}

function checkText(
  value: unknown,
  where: string,
  max: number,
  problems: string[],
  only?: 'plain_text',
): void {
  const t = value as Json | undefined;
  if (!t || (t.type !== 'plain_text' && t.type !== 'mrkdwn') || typeof t.text !== 'string') {
    problems.push(`${where}: not a text object`);
    return;
  }
  if (only && t.type !== only) problems.push(`${where}: must be ${only}`);
  if (t.text.length === 0) problems.push(`${where}: empty text`);
  if (t.text.length > max) problems.push(`${where}: ${t.text.length} characters (max ${max})`);
}
