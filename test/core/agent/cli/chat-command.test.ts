import { Command } from 'commander';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { registerChatCommand, type ChatTerminal } from '../../../../src/cli/chat.js';
import { useSimTestCluster } from '../../../support/sim.js';
import { useTempDir } from '../../../support/temp-dir.js';
import { createAgentFixture, type AgentFixture } from '../helpers/agent-fixture.js';

// `ai4k8s chat` in-process: the real Commander command, the real agent and registry on the sim,
// a terminal made of streams (a TTY or not).

const sim = useSimTestCluster({ scenario: 'demo' });
const tempDir = useTempDir();
let f: AgentFixture | undefined;
afterEach(async () => {
  await f?.close();
  f = undefined;
});

function terminal(
  tty: boolean,
  input = '',
): ChatTerminal & { out: () => string; err: () => string } {
  const stdin = Object.assign(new PassThrough(), { isTTY: tty });
  stdin.end(input);
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d: Buffer) => (out += d.toString()));
  stderr.on('data', (d: Buffer) => (err += d.toString()));
  return { stdin, stdout, stderr, out: () => out, err: () => err };
}

async function runChat(args: string[], term: ReturnType<typeof terminal>): Promise<number> {
  f ??= await createAgentFixture(sim(), tempDir(), { extraClusters: ['staging'] });
  const fx = f;
  let code = -1;
  const program = new Command('ai4k8s').exitOverride().option('-c, --config <file>');
  registerChatCommand(program, {
    openAgent: async () => ({ agent: fx.agent, close: async () => undefined }),
    terminal: term,
    userName: () => 'root',
    setExitCode: (c) => (code = c),
  });
  await program.parseAsync(['node', 'ai4k8s', 'chat', ...args]);
  return code;
}

async function replicas(deployment: string): Promise<string> {
  const out = await f!.registry.invoke(
    {
      tool: 'execute_kubectl',
      args: { command: `get deploy ${deployment} -n shop -o jsonpath={.spec.replicas}` },
    },
    { id: 't', role: 'viewer', surface: 'system' },
  );
  return out.status === 'ok' ? out.result.text.trim() : 'error';
}

describe('ai4k8s chat', () => {
  it('answers a direct command, flags and all, as plain text', async () => {
    const term = terminal(false);
    expect(await runChat(['pods', '--problems', '-n', 'payments'], term)).toBe(0);
    expect(term.out()).toMatch(/fraud-check-\S+\s+0\/1\s+CrashLoopBackOff/);
    expect(term.err()).toBe('');
  });

  it('keeps `--` for exec and quoting for --grep', async () => {
    const term = terminal(false);
    await runChat(['logs', 'payments/fraud-check', '--previous', '--grep', 'cannot start'], term);
    expect(term.out()).toContain('cannot start without database');
    expect(term.out()).not.toContain('connecting to database');
  });

  it('without a terminal on stdin, prints the request id and does not run it', async () => {
    const term = terminal(false);
    expect(await runChat(['kubectl scale deploy cart -n shop --replicas 4'], term)).toBe(0);
    const id = /Request:\s+(apr_\S+)/.exec(term.out())?.[1];
    expect(id).toBeDefined();
    expect(term.err()).toContain(`Not run: approval request ${id} is waiting`);
    expect(await f!.registry.approvals.get(id!)).toMatchObject({
      state: 'pending',
      requester: 'cli:root',
    });
    expect(await replicas('cart')).toBe('2');
  });

  it('on a terminal, y approves the own request (cli.role admin) and runs it; n denies it', async () => {
    const yes = terminal(true, 'y\n');
    expect(
      await runChat(
        ['kubectl', 'scale', 'deploy', 'checkout', '-n', 'shop', '--replicas', '3'],
        yes,
      ),
    ).toBe(0);
    expect(yes.err()).toMatch(/Run this now \(approve apr_\S+ yourself\)\? \[y\/N\]/);
    expect(yes.out()).toMatch(
      /Approved by root and run on sim[\s\S]*deployment\.apps\/checkout scaled/,
    );

    const no = terminal(true, '\n');
    await runChat(['kubectl scale deploy checkout -n shop --replicas 1'], no);
    expect(no.out()).toMatch(/Denied by root/);
    const eof = terminal(true, '');
    await runChat(['kubectl scale deploy checkout -n shop --replicas 1'], eof);
    expect(eof.out()).toMatch(/Denied by root/);
    expect(await replicas('checkout')).toBe('3');
  });

  it('--cluster picks the cluster; an error reply exits 1', async () => {
    const term = terminal(false);
    await runChat(['--cluster', 'staging', 'whoami'], term);
    expect(term.out()).toMatch(/Cluster:\s+staging — --cluster/);
    expect(term.out()).toMatch(/Role:\s+admin — from cli\.role/);
    const bad = terminal(false);
    expect(await runChat(['logs', 'nope-nope'], bad)).toBe(1);
    expect(bad.out()).toMatch(/No pod or deployment named "nope-nope"/);
  });
});
