import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command, CommanderError } from 'commander';
import { afterAll, describe, expect, it } from 'vitest';
import { registerDetectCommand, runDetect } from '../../src/cli/detect.js';
import { parseDuration, registerForecastCommand, runForecast } from '../../src/cli/forecast.js';
import { DAY_MS, MINUTE_MS } from '../../src/core/monitor/detector/sampling.js';
import { generateSeries } from '../../src/core/monitor/synthetic.js';

const dir = mkdtempSync(join(tmpdir(), 'ai4k8s-detect-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/** Runs `ai4k8s <args>` through a real commander program with our commands registered. */
function cli(...args: string[]): { stdout: string; stderr: string; exitCode: number } {
  let stdout = '';
  let stderr = '';
  const program = new Command('ai4k8s')
    .exitOverride()
    .configureOutput({ writeOut: (s) => void (stdout += s), writeErr: (s) => void (stderr += s) });
  registerDetectCommand(program);
  registerForecastCommand(program);
  try {
    program.parse(['node', 'ai4k8s', ...args]);
    return { stdout, stderr, exitCode: 0 };
  } catch (error) {
    if (error instanceof CommanderError) return { stdout, stderr, exitCode: error.exitCode };
    throw error;
  }
}

/** NAB-style CSV: 5-minute rows, "YYYY-MM-DD HH:MM:SS", a level shift after 2.6 days. */
const step = 5 * MINUTE_MS;
const shifted = generateSeries({
  base: 50,
  dailyAmplitude: 30,
  noise: 2,
  wander: 2,
  seed: 5,
  stepMs: step,
  durationMs: 3.5 * DAY_MS,
  anomaly: { kind: 'shift', atMs: 2.6 * DAY_MS, size: 30 },
});
const nabCsv = [
  'timestamp,value',
  ...shifted.points.map(
    (p) => `${new Date(p.t).toISOString().slice(0, 19).replace('T', ' ')},${p.v.toFixed(3)}`,
  ),
].join('\r\n');

describe('ai4k8s detect', () => {
  it('prints one object per input row, timestamps as given, one alert right after the shift', () => {
    const { stdout, stderr, exitCode } = cli('detect', '--input', file('nab.csv', nabCsv));
    expect(exitCode).toBe(0);
    expect(stderr).toBe('');
    const rows = JSON.parse(stdout) as {
      timestamp: string;
      value: number;
      score: number;
      isAnomaly: boolean;
    }[];
    expect(rows.length).toBe(shifted.points.length);
    expect(rows[0]).toEqual({
      timestamp: '2024-01-01 00:00:00',
      value: Number((shifted.points[0]?.v ?? 0).toFixed(3)),
      score: 0,
      isAnomaly: false,
    });
    const fired = rows.filter((r) => r.isAnomaly).map((r) => Date.parse(`${r.timestamp}Z`));
    expect(fired.length).toBe(1);
    expect((fired[0] as number) - (shifted.anomalyAt as number)).toBeGreaterThanOrEqual(0);
    expect((fired[0] as number) - (shifted.anomalyAt as number)).toBeLessThanOrEqual(3 * step);
  });

  it('keeps epoch timestamps numbers', () => {
    const csv = shifted.points
      .slice(0, 50)
      .map((p) => `${p.t / 1000},${p.v}`)
      .join('\n');
    const rows = JSON.parse(cli('detect', '--input', file('epoch.csv', csv)).stdout) as {
      timestamp: unknown;
    }[];
    expect(rows[0]?.timestamp).toBe((shifted.points[0]?.t ?? 0) / 1000);
  });

  it('gives the same rows as runDetect', () => {
    const { stdout } = cli('detect', '--input', file('same.csv', nabCsv));
    expect(JSON.parse(stdout)).toEqual(runDetect(nabCsv));
  });
});

describe('ai4k8s forecast', () => {
  it('prints one point per sampling step after the last row, with ISO timestamps', () => {
    const { stdout, exitCode } = cli(
      'forecast',
      '--input',
      file('f.csv', nabCsv),
      '--horizon',
      '1h',
    );
    expect(exitCode).toBe(0);
    const result = JSON.parse(stdout) as {
      points: { timestamp: string; value: number; lower: number; upper: number }[];
    };
    expect(Object.keys(result)).toEqual(['points']);
    const last = shifted.points.at(-1)?.t as number;
    expect(result.points.map((p) => p.timestamp)).toEqual(
      Array.from({ length: 12 }, (_, i) => new Date(last + (i + 1) * step).toISOString()),
    );
    for (const p of result.points) expect(p.lower <= p.value && p.value <= p.upper).toBe(true);
  });

  it('forecasts 6 hours by default', () => {
    expect(runForecast(nabCsv).points.length).toBe(72);
    expect(JSON.parse(cli('forecast', '--input', file('d.csv', nabCsv)).stdout).points.length).toBe(
      72,
    );
  });

  it.each([
    ['6h', 6 * 3_600_000],
    ['90m', 90 * 60_000],
    ['1h30m', 90 * 60_000],
    ['2d', 2 * DAY_MS],
    ['45s', 45_000],
  ])('reads the horizon %s', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });
});

describe('bad input', () => {
  it.each([
    {
      name: 'a bad value',
      args: () => [
        'detect',
        '--input',
        file('bad.csv', 'timestamp,value\n2024-01-01 00:00:00,1\n2024-01-01 00:05:00,x\n'),
      ],
      error: /line 3: value "x" is not a number/,
    },
    {
      name: 'rows out of order',
      args: () => [
        'forecast',
        '--input',
        file('order.csv', '2024-01-01 00:05:00,1\n2024-01-01 00:00:00,2\n'),
      ],
      error: /line 2: .*earlier.*Sort the rows by time/,
    },
    {
      name: 'a missing file',
      args: () => ['detect', '--input', join(dir, 'nope.csv')],
      error: /cannot read .*nope\.csv: no such file/,
    },
    {
      name: 'a bad horizon',
      args: () => ['forecast', '--input', file('h.csv', nabCsv), '--horizon', 'soon'],
      error: /cannot read the duration "soon"/,
    },
    {
      name: 'a horizon under one step',
      args: () => ['forecast', '--input', file('h2.csv', nabCsv), '--horizon', '1m'],
      error: /shorter than the sampling step/,
    },
  ])('$name: one line on stderr, exit 2, nothing on stdout', ({ args, error }) => {
    const { stdout, stderr, exitCode } = cli(...args());
    expect(exitCode).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(error);
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/^error: /);
  });
});
