import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { useTempDir } from '../support/temp-dir.js';

const tempDir = useTempDir();
const noStackTrace = /^\s+at .+\(.+:\d+:\d+\)$/m;

describe('ai4k8s config check', () => {
  it('lists every problem of a file with several wrong values, exits 2, no stack trace', async () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'bad.yaml'),
      'port: 99999\nlog:\n  level: loud\nmcp:\n  stdioRole: god\nslack:\n  botToken: xoxb-planted-secret\n  colour: red\n',
    );
    const result = await runCli(['config', 'check', '--config', 'bad.yaml'], {
      cwd: dir,
      env: { ANTHROPIC_API_KEY: 'sk-ant-planted' },
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('4 problems');
    for (const where of ['port', 'log.level', 'mcp.stdioRole', 'slack.colour']) {
      expect(result.stderr).toContain(`- ${where}:`);
    }
    expect(result.stderr).toMatch(/Fix: /);
    expect(result.stderr).not.toMatch(noStackTrace);
    expect(result.stderr + result.stdout).not.toContain('xoxb-planted-secret');
    expect(result.stderr + result.stdout).not.toContain('sk-ant-planted');
  });

  it('reports a file that is not valid YAML, exits 2', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'ai4k8s.yaml'), 'port: 3000\n  log: [\n');
    const result = await runCli(['config', 'check'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/ai4k8s\.yaml:\d+:\d+: not valid YAML/);
    expect(result.stderr).not.toMatch(noStackTrace);
  });

  it('accepts a valid configuration without printing secrets', async () => {
    const dir = tempDir();
    const result = await runCli(['config', 'check'], {
      cwd: dir,
      env: { SLACK_BOT_TOKEN: 'xoxb-planted-secret', PORT: '4321' },
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('port: 4321');
    expect(result.stdout).toContain('bot token set');
    expect(result.stdout).not.toContain('xoxb-planted-secret');
  });

  it('refuses unknown commands and bad flags with one line and exit 2', async () => {
    const unknown = await runCli(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr.trim().split('\n')[0]).toMatch(/unknown command 'frobnicate'/);
    const badFlag = await runCli(['config', 'check', '--bogus']);
    expect(badFlag.code).toBe(2);
    expect(badFlag.stderr).toMatch(/unknown option '--bogus'/);
  });

  it('prints help for every command', async () => {
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    for (const command of ['demo', 'sim', 'config', 'db']) expect(help.stdout).toContain(command);
  });
});
