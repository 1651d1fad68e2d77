import { describe, expect, it } from 'vitest';
import { inboundText, splitPrivateFlag } from '../../../src/bots/slack/inbound-text.js';

describe('inboundText: what the user typed, from what Slack sends', () => {
  const cases: Array<[string, string]> = [
    ['<@U_BOT> pods -n shop', 'pods -n shop'],
    ['<@U_BOT|ai4k8s> why is <#C123|ops> quiet?', 'why is #ops quiet?'],
    [
      'kubectl get pods -l <http://app.kubernetes.io/name=web|app.kubernetes.io/name=web>',
      'kubectl get pods -l app.kubernetes.io/name=web',
    ],
    [
      'logs web --grep "a &amp;&amp; b" --since 10m &gt; 5',
      'logs web --grep "a && b" --since 10m > 5',
    ],
    ['ask <@U123> or <!here>', 'ask @U123 or @here'],
    [
      'logs web --grep \u201Cerror\u201D and \u2018warn\u2019',
      'logs web --grep "error" and \'warn\'',
    ],
    ['mail <mailto:ops@example.com|ops@example.com>', 'mail ops@example.com'],
    ['   <@U_BOT>   ', ''],
  ];
  for (const [slack, typed] of cases) {
    it(`${JSON.stringify(slack)} -> ${JSON.stringify(typed)}`, () => {
      expect(inboundText(slack, 'U_BOT')).toBe(typed);
    });
  }
});

describe('splitPrivateFlag', () => {
  it.each([
    ['pods -n shop --private', { text: 'pods -n shop', private: true }],
    ['--private', { text: '', private: true }],
    ['pods --private -n shop', { text: 'pods --private -n shop', private: false }],
    ['logs web --grep private', { text: 'logs web --grep private', private: false }],
  ])('%s', (line, expected) => {
    expect(splitPrivateFlag(line)).toEqual(expected);
  });
});
