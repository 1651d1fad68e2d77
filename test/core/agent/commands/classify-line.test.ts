import { describe, expect, it } from 'vitest';
import { createBuiltinCommands } from '../../../../src/core/agent/commands/builtin/index.js';
import { classifyLine } from '../../../../src/core/agent/commands/classify-line.js';

const table = createBuiltinCommands();
const kind = (line: string) => classifyLine(line, table).kind;

describe('classifyLine', () => {
  it('reads direct commands, aliases included, and keeps kubectl’s line raw', () => {
    expect(classifyLine('pods -n shop --problems', table)).toMatchObject({
      kind: 'command',
      command: { name: 'pods' },
      args: { flags: { namespace: 'shop', problems: true } },
    });
    expect(classifyLine('deploy -A', table)).toMatchObject({
      kind: 'command',
      command: { name: 'deployments' },
    });
    expect(classifyLine(`kubectl get pods -l 'app in (web)'`, table)).toMatchObject({
      kind: 'command',
      args: { positionals: [`get pods -l 'app in (web)'`] },
    });
  });

  it('suggests the command a typo meant, but reads sentences as questions', () => {
    expect(classifyLine('lgos web-1', table)).toEqual({
      kind: 'unknown-command',
      word: 'lgos',
      suggestions: ['logs'],
    });
    expect(classifyLine('podz -n shop', table)).toMatchObject({
      kind: 'unknown-command',
      suggestions: ['pods'],
    });
    expect(kind('why is checkout crashing?')).toBe('question');
    expect(kind('logs of checkout please')).toBe('question');
    expect(kind('top pods by memory')).toBe('question');
    expect(kind('hello')).toBe('question');
  });

  it('reports a bad flag of a command as an error, not a question', () => {
    const line = classifyLine('logs web-1 --tial 5', table);
    expect(line.kind).toBe('bad-command');
    expect(line.kind === 'bad-command' && line.error.message).toBe(
      '`logs` has no flag --tial. Did you mean `--tail`?',
    );
  });
});
