import { describe, expect, it } from 'vitest';
import {
  NO_SHELL_MESSAGE,
  splitShellWords,
  type ShellWordsErrorCode,
} from '../../../src/core/policy/shell-words.js';

const splits: [line: string, argv: string[]][] = [
  ['get pods', ['get', 'pods']],
  ['  get \t pods  ', ['get', 'pods']],
  ["-l 'app in (a,b)'", ['-l', 'app in (a,b)']],
  ['-l "app in (a,b)"', ['-l', 'app in (a,b)']],
  ["'it''s'", ['its']],
  ['"say \\"hi\\""', ['say "hi"']],
  ['"a\\b"', ['a\\b']],
  ['"cost \\$5"', ['cost $5']],
  ["'$(not run)'", ['$(not run)']],
  ["'a|b;c&d>e<f`g`'", ['a|b;c&d>e<f`g`']],
  ['a\\ b', ['a b']],
  ['a\\;b', ['a;b']],
  ["''", ['']],
  ['x "" y', ['x', '', 'y']],
  ['pre"mid"post', ['premidpost']],
  ['jsonpath={$.items[*]}', ['jsonpath={$.items[*]}']],
  ['"{.items[?(@.x==\'y\')]}"', ["{.items[?(@.x=='y')]}"]],
  ['price$', ['price$']],
  ['#', ['#']],
];

describe('splitShellWords splits like a shell', () => {
  it.each(splits)('%j', (line, argv) => {
    expect(splitShellWords(line)).toEqual({ ok: true, argv });
  });
});

const errors: [line: string, code: ShellWordsErrorCode][] = [
  ['', 'empty'],
  ['   ', 'empty'],
  ['a'.repeat(2_001), 'too-long'],
  ['get\0pods', 'nul'],
  ['get\u0007pods', 'control-character'],
  ['get\u007fpods', 'control-character'],
  ['get\u009bpods', 'control-character'],
  ["'a\nb'", 'control-character'],
  ['a\\\u0001', 'control-character'],
  ['a; b', 'shell-metacharacter'],
  ['a | b', 'shell-metacharacter'],
  ['a && b', 'shell-metacharacter'],
  ['a > b', 'shell-metacharacter'],
  ['a < b', 'shell-metacharacter'],
  ['a `b`', 'shell-metacharacter'],
  ['a $(b)', 'shell-metacharacter'],
  ['a "$(b)"', 'shell-metacharacter'],
  ['a "`b`"', 'shell-metacharacter'],
  ['a $HOME', 'shell-metacharacter'],
  ['a "${HOME}"', 'shell-metacharacter'],
  ['a\nb', 'shell-metacharacter'],
  ['a\\\nb', 'shell-metacharacter'],
  ['(a)', 'shell-metacharacter'],
  ["'abc", 'unterminated-quote'],
  ['"abc', 'unterminated-quote'],
  ['abc\\', 'trailing-backslash'],
];

describe('splitShellWords refuses what a shell would do more with', () => {
  it.each(errors)('%j -> %s', (line, code) => {
    const result = splitShellWords(line);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe(code);
  });

  it('says why, once, in the words users will search for', () => {
    const result = splitShellWords('get pods | grep web');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.message).toContain(NO_SHELL_MESSAGE);
      expect(result.error.message).toContain('column 10');
      expect(result.error.index).toBe(9);
    }
  });

  it('accepts exactly 2,000 characters and refuses 2,001', () => {
    expect(splitShellWords('a'.repeat(2_000)).ok).toBe(true);
    expect(splitShellWords('a'.repeat(2_001)).ok).toBe(false);
  });

  it('points at the opening quote that is never closed', () => {
    const result = splitShellWords("get pods -l 'app=web");
    expect(!result.ok && result.error.message).toContain('column 13');
  });
});
