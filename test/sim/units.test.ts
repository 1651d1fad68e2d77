// The simulator's small building blocks, table-driven.
import { describe, expect, it } from 'vitest';
import { runCommand, type ShellContext } from '../../src/sim/exec/shell.js';
import { crossingTime, usageAt } from '../../src/sim/behaviour/usage-models.js';
import { renderLogs } from '../../src/sim/behaviour/log-templates.js';
import { humanDuration, parseDuration } from '../../src/sim/util/duration.js';
import { jsonMergePatch, jsonPatch, strategicMergePatch } from '../../src/sim/util/patch.js';
import { formatCpu, formatMemory, parseQuantity } from '../../src/sim/util/quantity.js';
import { parseFieldSelector, parseLabelSelector } from '../../src/sim/util/selectors.js';

describe('durations', () => {
  it.each([
    ['90m', 5_400_000],
    ['1h30m', 5_400_000],
    ['-3h', -10_800_000],
    ['2d', 172_800_000],
    ['500ms', 500],
    [45, 45_000],
    ['45', 45_000],
  ])('parses %s', (input, ms) => expect(parseDuration(input)).toBe(ms));

  it('rejects junk with a hint', () =>
    expect(() => parseDuration('3 hours')).toThrow(/use e.g. "30s"/));

  it.each([
    [59_000, '59s'],
    [119_000, '119s'],
    [150_000, '2m30s'],
    [900_000, '15m'],
    [4 * 3_600_000 + 300_000, '4h5m'],
    [30 * 3_600_000, '30h'],
    [6 * 86_400_000, '6d'],
    [9 * 86_400_000, '9d'],
  ])('prints %d ms as %s (HumanDuration)', (ms, text) => expect(humanDuration(ms)).toBe(text));
});

describe('quantities', () => {
  it.each([
    ['250m', 0.25],
    ['2', 2],
    ['512Mi', 512 * 2 ** 20],
    ['1G', 1e9],
    ['1.5Gi', 1.5 * 2 ** 30],
  ])('parses %s', (q, v) => expect(parseQuantity(q)).toBeCloseTo(v));
  it('formats canonical forms', () => {
    expect(formatCpu(0.25)).toBe('250m');
    expect(formatCpu(2)).toBe('2');
    expect(formatMemory(512 * 2 ** 20)).toBe('512Mi');
  });
  it('rejects junk', () => expect(() => parseQuantity('lots')).toThrow(/invalid quantity/));
});

describe('selectors', () => {
  it.each([
    ['app=web', { app: 'web' }, true],
    ['app==web,tier!=db', { app: 'web', tier: 'front' }, true],
    ['tier in (front, back)', { tier: 'back' }, true],
    ['tier notin (front)', { tier: 'front' }, false],
    ['canary', { app: 'x' }, false],
    ['!canary', { app: 'x' }, true],
  ])('%s', (sel, labels, want) => expect(parseLabelSelector(sel)(labels)).toBe(want));

  it('field selectors know their fields', () => {
    const fields = {
      'status.phase': (o: { status?: Record<string, unknown> }) => String(o.status?.phase),
    };
    const m = parseFieldSelector('status.phase!=Running', fields as never);
    expect(m({ status: { phase: 'Pending' } } as never)).toBe(true);
    expect(() => parseFieldSelector('spec.colour=red', fields as never)).toThrow(
      'field label not supported: spec.colour',
    );
  });
});

describe('patches', () => {
  const dep = {
    metadata: { labels: { app: 'web' } },
    spec: {
      template: {
        spec: {
          containers: [
            { name: 'a', image: 'a:1' },
            { name: 'b', image: 'b:1' },
          ],
        },
      },
    },
  };
  it('merge patch replaces lists and deletes with null', () => {
    expect(jsonMergePatch(dep, { metadata: { labels: { app: null, tier: 'x' } } })).toMatchObject({
      metadata: { labels: { tier: 'x' } },
    });
  });
  it('strategic merge patch merges containers by name (kubectl set image, rollout restart)', () => {
    const out = strategicMergePatch(dep, {
      spec: {
        template: {
          metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': 'now' } },
          spec: { containers: [{ name: 'b', image: 'b:2' }] },
        },
      },
    }) as typeof dep;
    expect(out.spec.template.spec.containers).toEqual([
      { name: 'a', image: 'a:1' },
      { name: 'b', image: 'b:2' },
    ]);
  });
  it('JSON patch applies operations and fails a test op', () => {
    expect(
      jsonPatch({ spec: { replicas: 1 } }, [{ op: 'replace', path: '/spec/replicas', value: 3 }]),
    ).toEqual({ spec: { replicas: 3 } });
    expect(() => jsonPatch({ a: 1 }, [{ op: 'test', path: '/a', value: 2 }])).toThrow(
      /test failed/,
    );
  });
});

describe('usage models', () => {
  const start = Date.parse('2025-01-01T00:00:00Z');
  it('linear growth crosses the limit at an exact, computable time', () => {
    const m = { model: 'linear' as const, from: 100, perHour: 50, startAt: start + 3_600_000 };
    expect(crossingTime(m, 200, start, start)).toBe(start + 3 * 3_600_000);
    expect(usageAt(m, start + 2 * 3_600_000, start, 'k')).toBe(150);
    expect(usageAt(m, start + 10 * 3_600_000, start, 'k', 199)).toBe(199);
  });
  it('spikes and steps cross at the spike or the step', () => {
    expect(
      crossingTime(
        { model: 'spikes', base: 10, spike: 300, every: 600_000, duration: 60_000, offset: start },
        256,
        start,
        start + 120_000,
      ),
    ).toBe(start + 600_000);
    expect(
      crossingTime({ model: 'step', before: 10, after: 300, at: start + 5000 }, 256, start, start),
    ).toBe(start + 5000);
    expect(
      crossingTime({ model: 'daily', base: 10, amplitude: 5 }, 256, start, start),
    ).toBeUndefined();
  });
});

describe('logs', () => {
  const spec = { every: 1000, startup: ['boot'], lines: ['tick {n}'] };
  const inst = { key: 'k', startedAt: 0, finalLines: ['bye'], vars: {}, endedAt: 10_500 };
  it('are stable, tail-able and end with the final lines', () => {
    const all = renderLogs(spec, inst, 60_000, {}).trim().split('\n');
    expect(all[0]).toBe('boot');
    expect(all[all.length - 1]).toBe('bye');
    expect(all).toHaveLength(1 + 10 + 1);
    expect(renderLogs(spec, inst, 60_000, { tailLines: 2 })).toBe(`${all.slice(-2).join('\n')}\n`);
    expect(renderLogs(spec, inst, 60_000, {})).toBe(renderLogs(spec, inst, 99_000, {}));
  });
});

describe('exec shell', () => {
  const ctx: ShellContext = {
    env: [
      ['HOME', '/root'],
      ['A', '1'],
    ],
    hostname: 'web-0',
    files: { '/app/config.yaml': 'x: 1\n' },
    now: Date.parse('2025-01-01T10:00:00Z'),
    mainProcess: 'nginx',
  };
  it.each([
    [['env'], 'HOME=/root\nA=1\n', 0],
    [['sh', '-c', 'echo $A && exit 4'], '1\n', 4],
    [['sh', '-c', 'false || echo fallback; true'], 'fallback\n', 0],
    [['cat', '/app/config.yaml'], 'x: 1\n', 0],
    [['ls', '/app'], 'config.yaml\n', 0],
    [['hostname'], 'web-0\n', 0],
    [['date'], 'Wed Jan 01 10:00:00 UTC 2025\n', 0],
  ])('%j', (argv, stdout, code) => {
    const r = runCommand(argv, ctx);
    expect(r.stdout).toBe(stdout);
    expect(r.exitCode).toBe(code);
  });
  it('reports missing files and unknown commands', () => {
    expect(runCommand(['cat', '/nope'], ctx)).toMatchObject({
      exitCode: 1,
      stderr: "cat: can't open '/nope': No such file or directory\n",
    });
    expect(runCommand(['sh', '-c', 'curl x'], ctx)).toMatchObject({
      exitCode: 127,
      stderr: 'sh: curl: not found\n',
    });
    expect(runCommand(['curl'], ctx).notFound).toBe('curl');
  });
});
