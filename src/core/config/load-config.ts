import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseDocument } from 'yaml';
import { type z } from 'zod';
import { applyEnv, type ConfigProblem } from './env.js';
import { fixFor } from './fix-hints.js';
import { configSchema, type Config } from './schema.js';

export type { ConfigProblem } from './env.js';

export interface LoadConfigOptions {
  /** `--config FILE`; when absent, ./ai4k8s.yaml is read if it exists. */
  file?: string;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

export type LoadConfigResult =
  | { ok: true; config: Config; file?: string }
  | { ok: false; problems: ConfigProblem[]; file?: string };

/** Reads file + environment and validates everything at once, so every problem is reported in one run. */
export function loadConfig(options: LoadConfigOptions = {}): LoadConfigResult {
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  const file = options.file ? resolve(cwd, options.file) : defaultFile(cwd);
  const problems: ConfigProblem[] = [];
  let raw: Record<string, unknown> = {};

  if (file !== undefined) {
    const read = readYaml(file);
    problems.push(...read.problems);
    raw = read.value;
  }
  const { origins, problems: envProblems } = applyEnv(raw, env);
  problems.push(...envProblems);

  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) problems.push(...parsed.error.issues.map((i) => describeIssue(i, origins)));
  if (problems.length > 0 || !parsed.success) return { ok: false, problems, file };
  return { ok: true, config: parsed.data, file };
}

function defaultFile(cwd: string): string | undefined {
  const candidate = resolve(cwd, 'ai4k8s.yaml');
  return existsSync(candidate) ? candidate : undefined;
}

function readYaml(file: string): { value: Record<string, unknown>; problems: ConfigProblem[] } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return {
      value: {},
      problems: [
        {
          where: file,
          what: code === 'ENOENT' ? 'file not found' : `cannot be read (${code ?? 'error'})`,
          fix: 'check the --config path, or copy ai4k8s.example.yaml to ai4k8s.yaml',
        },
      ],
    };
  }
  const doc = parseDocument(text, { uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      value: {},
      problems: doc.errors.map((e) => ({
        where: `${file}:${e.linePos?.[0]?.line ?? '?'}:${e.linePos?.[0]?.col ?? '?'}`,
        what: `not valid YAML: ${e.message.split('\n')[0]}`,
        fix: 'fix the YAML syntax (indentation with spaces, `key: value` pairs, quotes closed)',
      })),
    };
  }
  const value: unknown = doc.toJS();
  if (value === null || value === undefined) return { value: {}, problems: [] };
  if (typeof value !== 'object' || Array.isArray(value)) {
    return {
      value: {},
      problems: [
        { where: file, what: 'must be a mapping of settings', fix: 'see ai4k8s.example.yaml' },
      ],
    };
  }
  return { value: dropNulls(value) as Record<string, unknown>, problems: [] };
}

/** `redis:` with every child commented out is null in YAML; treat it as "not set". */
function dropNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(dropNulls);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, v]) => v !== null)
      .map(([k, v]) => [k, dropNulls(v)]),
  );
}

function describeIssue(issue: z.core.$ZodIssue, origins: Map<string, string>): ConfigProblem {
  const path = issue.path.map(String).join('.');
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.map((k) => (path ? `${path}.${k}` : k));
    return {
      where: keys.join(', '),
      what: keys.length > 1 ? 'unknown settings' : 'unknown setting',
      fix: 'remove it or check its spelling against ai4k8s.example.yaml',
    };
  }
  const origin = origins.get(path);
  return {
    where: origin ? `${origin} (${path})` : path || '(top level)',
    what: issue.message.replace(/^Invalid input: /, ''),
    fix: fixFor(path, issue),
  };
}
