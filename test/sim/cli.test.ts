// `ai4k8s sim` flag handling: bad flags are usage errors (commander InvalidArgumentError).
import { Command, CommanderError } from 'commander';
import { describe, expect, it } from 'vitest';
import { registerSimCommand } from '../../src/cli/sim.js';

function parse(args: string[]): CommanderError {
  const program = new Command()
    .exitOverride()
    .configureOutput({ writeErr: () => {}, writeOut: () => {} });
  registerSimCommand(program);
  for (const c of program.commands) c.exitOverride();
  try {
    program.parse(['node', 'ai4k8s', 'sim', ...args]);
  } catch (err) {
    if (err instanceof CommanderError) return err;
    throw err;
  }
  throw new Error('expected a usage error');
}

describe('ai4k8s sim flags', () => {
  it.each([
    [['--port', 'http'], "option '--port <n>' argument 'http' is invalid. must be a port number"],
    [['--port', '70000'], 'must be a port number'],
    [['--pods', '0'], 'must be a whole number of pods'],
    [['--pods', 'ten'], 'must be a whole number of pods'],
    [['--colour'], "unknown option '--colour'"],
  ])('%j is a one-line usage error', (args, message) => {
    const err = parse(args);
    expect(err.message).toContain(message);
    expect(err.message.split('\n')).toHaveLength(1);
  });
});
