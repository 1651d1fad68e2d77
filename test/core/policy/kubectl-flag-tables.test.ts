// Checks the guard's tables against the real kubectl: every flag we allow exists on that verb with
// the same shorthand and arity, and every refused spelling in the hostile corpus is one kubectl
// itself accepts, so refusing it matters. `--help` makes kubectl parse the flags and stop there.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GLOBAL_FLAGS, REFUSED_FLAGS } from '../../../src/core/policy/kubectl-flags.js';
import { isVerbGroup, VERBS, type VerbSpec } from '../../../src/core/policy/kubectl-verbs.js';
import { splitShellWords } from '../../../src/core/policy/shell-words.js';
import { hostileKubectl } from './hostile-kubectl.js';
import { inBatches, runKubectl } from './support/run-kubectl.js';

interface HelpFlag {
  short?: string;
  bool: boolean;
}

/** Parses `    -A, --all-namespaces=false:` lines of `kubectl ... --help` and `kubectl options`. */
function parseHelp(text: string): Map<string, HelpFlag> {
  const flags = new Map<string, HelpFlag>();
  for (const match of text.matchAll(/^\s+(?:-(\w), )?--([\w-]+)=(.*):$/gm)) {
    const [, short, name, defaultValue] = match;
    flags.set(name as string, { short, bool: defaultValue === 'true' || defaultValue === 'false' });
  }
  return flags;
}

const env = {
  HOME: mkdtempSync(join(tmpdir(), 'ai4k8s-kubectl-home-')),
  KUBECONFIG: '/nonexistent/kubeconfig',
};

afterAll(() => rmSync(env.HOME, { recursive: true, force: true }));

const specs: VerbSpec[] = Object.values(VERBS).flatMap((entry) =>
  isVerbGroup(entry) ? [...new Set(Object.values(entry.subcommands))] : [entry],
);

describe('the flag tables match kubectl 1.35', () => {
  let globals: Map<string, HelpFlag>;
  beforeAll(async () => {
    globals = parseHelp((await runKubectl(['options'], env)).stdout);
  });

  it('knows every global flag it allows or refuses', () => {
    expect(globals.size).toBeGreaterThan(20);
    for (const flag of GLOBAL_FLAGS) expect(globals.get(flag.name)?.short).toBe(flag.short);
    for (const name of [
      'kubeconfig',
      'server',
      'token',
      'as',
      'as-group',
      'as-uid',
      'user',
      'context',
      'cluster',
    ]) {
      expect(REFUSED_FLAGS.some((f) => f.name === name)).toBe(true);
      expect(globals.has(name)).toBe(true);
    }
  });

  it.each(specs.map((spec) => [spec.verb, spec] as const))('kubectl %s', async (verb, spec) => {
    const words = verb.split(' ');
    const { code, stdout } = await runKubectl([...words, '--help'], env);
    expect(code).toBe(0);
    expect(stdout).toContain(`kubectl ${words.join(' ')}`);
    const help = parseHelp(stdout);
    for (const flag of spec.flags) {
      const known = help.get(flag.name);
      expect(known, `--${flag.name} on kubectl ${verb}`).toBeDefined();
      expect(known?.short, `shorthand of --${flag.name}`).toBe(flag.short);
      if (flag.type !== 'optional')
        expect(known?.bool, `arity of --${flag.name}`).toBe(flag.type === 'bool');
    }
  });
});

describe('the refused spellings are real kubectl spellings', () => {
  // These flags do not exist on get; kuberc cannot be combined with KUBERC=off, as our runner sets.
  const notOnGet = /--(?:from[-_]file|from[-_]env[-_]file|kuberc)\b/;
  const cases = hostileKubectl.filter(
    (c) => c.why.includes(' spelled as ') && c.line.includes('get pods') && !notOnGet.test(c.line),
  );

  it('covers every refused flag spelled on get', () => {
    expect(cases.length).toBeGreaterThan(80);
  });

  it('kubectl parses each of them without complaint, so each is a live way to pass the flag', async () => {
    const results = await inBatches(cases, 4, async (c) => {
      const split = splitShellWords(c.line);
      if (!split.ok) return `${c.line}: does not split`;
      const { code, stderr } = await runKubectl([...split.argv, '--help'], env);
      return code === 0 ? undefined : `${c.line}: ${stderr.split('\n')[0] ?? ''}`;
    });
    expect(results.filter(Boolean)).toEqual([]);
  });

  it('and kubectl rejects the spellings the guard calls syntax errors', async () => {
    for (const line of ['get pods ---kubeconfig=/x', 'get pods --=x', 'get pods -A=maybe']) {
      const split = splitShellWords(line);
      expect(split.ok).toBe(true);
      if (split.ok) expect((await runKubectl([...split.argv, '--help'], env)).code).not.toBe(0);
    }
  });
});
