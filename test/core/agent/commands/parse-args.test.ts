import { describe, expect, it } from 'vitest';
import { UserError } from '../../../../src/core/errors/user-error.js';
import { parseDurationSeconds } from '../../../../src/core/agent/commands/duration.js';
import { closest, levenshtein } from '../../../../src/core/agent/commands/levenshtein.js';
import { parseArgs, type ArgsSpec } from '../../../../src/core/agent/commands/parse-args.js';
import { splitCommandLine } from '../../../../src/core/agent/commands/split-line.js';

const logs: ArgsSpec = {
  flags: [
    { name: 'namespace', long: 'namespace', short: 'n', type: 'string', description: '' },
    { name: 'tail', long: 'tail', type: 'int', description: '' },
    { name: 'since', long: 'since', type: 'duration', description: '' },
    { name: 'grep', long: 'grep', type: 'string', description: '' },
    { name: 'previous', long: 'previous', short: 'p', type: 'boolean', description: '' },
  ],
  positionals: [{ name: 'POD', required: true, description: '' }],
  acceptsRest: true,
};

function errorOf(fn: () => unknown): UserError {
  try {
    fn();
  } catch (error) {
    if (error instanceof UserError) return error;
    throw error;
  }
  throw new Error('expected a UserError');
}

describe('splitCommandLine', () => {
  it('splits like a shell, with the same rules as execute_kubectl, and accepts typographic quotes', () => {
    expect(splitCommandLine(`logs web --grep "time out|refused" -n 'shop'`)).toEqual([
      'logs',
      'web',
      '--grep',
      'time out|refused',
      '-n',
      'shop',
    ]);
    expect(splitCommandLine('logs web --grep \u201cconnection reset\u201d')).toEqual([
      'logs',
      'web',
      '--grep',
      'connection reset',
    ]);
  });

  it('refuses pipes and unclosed quotes with the reason', () => {
    expect(errorOf(() => splitCommandLine('logs web | grep x')).message).toMatch(/pipe/);
    expect(errorOf(() => splitCommandLine('logs web --grep "x')).message).toMatch(/never closed/);
  });
});

describe('parseArgs', () => {
  it('reads every kubectl flag spelling', () => {
    const words = ['web-1', '-n', 'shop', '--tail=50', '--since', '1h30m', '-p', '--grep', 'err'];
    expect(parseArgs('logs', words, logs)).toEqual({
      flags: { namespace: 'shop', tail: 50, since: 5400, previous: true, grep: 'err' },
      positionals: ['web-1'],
    });
    expect(parseArgs('logs', ['-nshop', 'web', '--previous=false'], logs).flags).toEqual({
      namespace: 'shop',
      previous: false,
    });
  });

  it('keeps everything after -- as the command', () => {
    expect(parseArgs('exec', ['web', '--', 'sh', '-c', 'env'], logs)).toEqual({
      flags: {},
      positionals: ['web'],
      rest: ['sh', '-c', 'env'],
    });
  });

  it('says what is wrong and how to fix it', () => {
    expect(errorOf(() => parseArgs('logs', ['web', '--tial', '5'], logs)).message).toBe(
      '`logs` has no flag --tial. Did you mean `--tail`?',
    );
    expect(errorOf(() => parseArgs('logs', ['web', '--tail', 'many'], logs)).message).toBe(
      '--tail takes a whole number, not "many".',
    );
    expect(errorOf(() => parseArgs('logs', ['web', '-n'], logs)).message).toBe(
      '-n/--namespace needs a value.',
    );
    expect(errorOf(() => parseArgs('logs', [], logs)).message).toBe('`logs` needs POD.');
    expect(errorOf(() => parseArgs('logs', ['a', 'b'], logs)).message).toBe(
      '`logs` does not take "b".',
    );
    expect(errorOf(() => parseArgs('logs', ['a', '--since', '10 minutes'], logs)).hint).toMatch(
      /30s, 10m/,
    );
  });
});

describe('durations and typos', () => {
  it('parses durations', () => {
    expect(parseDurationSeconds('90')).toBe(90);
    expect(parseDurationSeconds('10m')).toBe(600);
    expect(parseDurationSeconds('2d')).toBe(172_800);
    expect(() => parseDurationSeconds('10x')).toThrow(UserError);
  });

  it('measures edit distance and suggests only plausible typos', () => {
    expect(levenshtein('kitten', 'sitting')).toBe(3);
    expect(levenshtein('', 'abc')).toBe(3);
    expect(levenshtein('lgos', 'logs')).toBe(1);
    expect(closest('lgos', ['logs', 'pods', 'top'])).toEqual(['logs']);
    expect(closest('deploymnets', ['deployments', 'services'])).toEqual(['deployments']);
    expect(closest('banana', ['logs', 'pods'])).toEqual([]);
  });
});
