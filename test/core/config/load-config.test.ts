import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatProblems } from '../../../src/core/config/format-problems.js';
import { loadConfig } from '../../../src/core/config/load-config.js';
import { useTempDir } from '../../support/temp-dir.js';

const tempDir = useTempDir();

function writeConfig(text: string): { dir: string; file: string } {
  const dir = tempDir();
  const file = join(dir, 'ai4k8s.yaml');
  writeFileSync(file, text);
  return { dir, file };
}

describe('loadConfig', () => {
  it('gives defaults with no file and no environment', () => {
    const result = loadConfig({ env: {}, cwd: tempDir() });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config.port).toBe(3000);
    expect(result.config.database.path).toBe('./data/ai4k8s.db');
    expect(result.config.mcp.stdioRole).toBe('viewer');
    expect(result.config.cli.role).toBe('admin');
    expect(result.config.approvals.ttlMinutes).toBe(15);
    expect(result.config.roles.defaultRole).toBe('viewer');
  });

  it('reads ./ai4k8s.yaml by default and lets the environment override it', () => {
    const { dir } = writeConfig('port: 4000\nlog:\n  level: debug\n');
    const result = loadConfig({
      env: { PORT: '5000', REDIS_URL: 'redis://127.0.0.1:6390' },
      cwd: dir,
    });
    expect(result.ok && result.config.port).toBe(5000);
    expect(result.ok && result.config.log.level).toBe('debug');
    expect(result.ok && result.config.redis.url).toBe('redis://127.0.0.1:6390');
  });

  it('lists every problem of a file with several wrong values in one run', () => {
    const { file } = writeConfig(
      [
        'port: "eighty"',
        'log:',
        '  level: loud',
        'databse:',
        '  path: x.db',
        'mcp:',
        '  stdioRole: root',
        'approvals:',
        '  ttlMinutes: 0',
        'slack:',
        '  command: k8s',
      ].join('\n'),
    );
    const result = loadConfig({ file, env: { LOG_LEVEL: undefined } });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const where = result.problems.map((p) => p.where);
    expect(where).toEqual(
      expect.arrayContaining([
        'port',
        'log.level',
        'databse',
        'mcp.stdioRole',
        'approvals.ttlMinutes',
        'slack.command',
      ]),
    );
    const levelProblem = result.problems.find((p) => p.where === 'log.level');
    expect(levelProblem?.fix).toContain('debug');
    expect(result.problems.find((p) => p.where === 'databse')?.what).toBe('unknown setting');
  });

  it('reports YAML syntax errors with line and column', () => {
    const { file } = writeConfig('port: 3000\nlog:\n  level: [info\n');
    const result = loadConfig({ file, env: {} });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems[0]?.where).toMatch(/ai4k8s\.yaml:\d+:\d+$/);
    expect(result.problems[0]?.what).toMatch(/not valid YAML/);
  });

  it('names the environment variable when its value is wrong', () => {
    const result = loadConfig({ env: { PORT: 'abc', LOG_LEVEL: 'chatty' }, cwd: tempDir() });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.where)).toEqual(['PORT (port)', 'LOG_LEVEL (log.level)']);
  });

  it('never prints secret values in problems', () => {
    const { file } = writeConfig('secretKey: short-secret-value\nslack:\n  botToken: 42\n');
    const result = loadConfig({
      file,
      env: { ANTHROPIC_API_KEY: 'sk-ant-very-secret', ANTHROPIC_BASE_URL: 'not a url' },
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const text = formatProblems(result.problems, file);
    expect(text).toContain('secretKey');
    expect(text).toContain('slack.botToken');
    expect(text).not.toContain('short-secret-value');
    expect(text).not.toContain('sk-ant-very-secret');
  });

  it('reports a missing --config file', () => {
    const result = loadConfig({ file: '/nonexistent/ai4k8s.yaml', env: {} });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems[0]?.what).toBe('file not found');
  });
});
