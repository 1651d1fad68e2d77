import { describe, expect, it } from 'vitest';
import {
  alertOpenedMessage,
  alertResolvedMessage,
  alertUpdateMessage,
} from '../../../src/bots/slack/alerts/alert-message.js';
import { renderMessage, type RenderedMessage } from '../../../src/bots/slack/render.js';
import { blockProblems } from '../../fakes/slack/validate-blocks.js';
import { expectGolden } from './support/golden.js';
import { fixedNow, fixtureAlert, fixtures, hostileLines } from './support/render-fixtures.js';

/** The rendered message as stored in a golden file (file bytes as base64). */
function snapshot(r: RenderedMessage): unknown {
  return {
    text: r.text,
    blocks: r.blocks,
    files: r.files.map((f) => ({
      filename: f.filename,
      title: f.title,
      ...(f.altText ? { altText: f.altText } : {}),
      ...(typeof f.content === 'string'
        ? { lines: f.content.split('\n').length }
        : { base64: f.content.toString('base64') }),
    })),
  };
}

/** Every piece of text Slack would parse for mentions and links. */
function allText(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(allText);
  if (value && typeof value === 'object') return Object.values(value).flatMap(allText);
  return [];
}

describe('renderMessage (golden files; UPDATE_GOLDEN=1 rewrites them)', () => {
  for (const [name, build] of Object.entries(fixtures)) {
    it(`renders ${name} within Block Kit's limits`, () => {
      const rendered = renderMessage(build());
      expect(blockProblems(rendered.blocks)).toEqual([]);
      expectGolden(name, snapshot(rendered));
    });
  }

  it('renders an alert, its update and its resolution', () => {
    const alert = fixtureAlert();
    const opened = renderMessage(alertOpenedMessage(alert), { allowFiles: false });
    const update = renderMessage(
      alertUpdateMessage({
        key: 'k2',
        kind: 'update',
        alert: { ...alert, state: 'acknowledged', ackedBy: 'otto' },
        channel: { platform: 'slack', channel: 'C1' },
        change: 'acknowledged by otto',
      }),
    );
    const resolved = renderMessage(
      alertResolvedMessage({ ...alert, state: 'resolved', resolvedAt: fixedNow + 12 * 60_000 }),
    );
    for (const r of [opened, update, resolved]) expect(blockProblems(r.blocks)).toEqual([]);
    expectGolden('alert-opened', snapshot(opened));
    expectGolden('alert-update', snapshot(update));
    expectGolden('alert-resolved', snapshot(resolved));
    const buttons = opened.blocks
      .filter((b) => b.type === 'actions')
      .flatMap((b) => (b.type === 'actions' ? b.elements : []));
    expect(buttons.map((b) => ('action_id' in b ? b.action_id : ''))).toEqual([
      'alert.explain',
      'alert.logs',
      'alert.ack',
      'alert.silence.1h',
      'alert.silence.24h',
    ]);
  });

  it('renders a private answer without files: long output is cut with a hint', () => {
    const rendered = renderMessage(fixtures['pods-long-file']!(), {
      allowFiles: false,
      cutHint: 'Ask again without --private.',
    });
    expect(rendered.files).toEqual([]);
    expect(blockProblems(rendered.blocks)).toEqual([]);
    expectGolden('pods-long-private', snapshot(rendered));
  });
});

describe('escaping cluster text', () => {
  const cases = { ...fixtures, 'alert-opened': () => alertOpenedMessage(fixtureAlert()) };
  for (const [name, build] of Object.entries(cases)) {
    it(`${name}: nothing can mention, link or open an entity`, () => {
      const texts = allText(renderMessage(build()).blocks);
      for (const t of texts) {
        // Our only own markup is none here: every < and > must be escaped.
        expect(t).not.toMatch(/[<>]/);
        // Every & starts one of the three entities.
        expect(t.replace(/&(amp|lt|gt);/g, '')).not.toContain('&');
      }
    });
  }

  it('shows the hostile log lines verbatim once Slack decodes the entities', () => {
    const code = renderMessage(fixtures['hostile-logs']!()).blocks.find(
      (b) => b.type === 'section' && b.text?.text.startsWith('```'),
    );
    const shown = (code?.type === 'section' ? (code.text?.text ?? '') : '')
      .replace(/^```|```$/g, '')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&')
      .replace(/`\u200b`\u200b`/g, '```');
    expect(shown).toBe(hostileLines.join('\n'));
  });
});
