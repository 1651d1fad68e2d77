// Finds and parses a scenario: a name shipped in scenarios/ or a path to a YAML file.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { scenarioSchema, type Scenario } from './schema.js';

/** scenarios/ at the package root, found from this file in src/sim/scenario or dist/src/sim/scenario. */
export function scenariosDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'scenarios');
    if (existsSync(join(candidate, 'demo.yaml'))) return candidate;
    dir = dirname(dir);
  }
  throw new Error('cannot find the scenarios/ folder of the ai4k8s package');
}

export function shippedScenarios(): string[] {
  return readdirSync(scenariosDir())
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => f.replace(/\.yaml$/, ''))
    .sort();
}

export function parseScenario(text: string, source: string): Scenario {
  let raw: unknown;
  try {
    raw = parse(text);
  } catch (err) {
    throw new Error(`scenario ${source} is not valid YAML: ${(err as Error).message}`);
  }
  const result = scenarioSchema.safeParse(raw);
  if (!result.success) {
    const problems = result.error.issues.map(
      (i) => `  - ${i.path.join('.') || '(top)'}: ${i.message}`,
    );
    throw new Error(`scenario ${source} is invalid:\n${problems.join('\n')}`);
  }
  return result.data;
}

/** Loads `demo`, `healthy`, ... or a file path. The error lists the shipped names. */
export function loadScenario(nameOrPath: string): Scenario {
  const looksLikePath =
    nameOrPath.includes('/') || nameOrPath.endsWith('.yaml') || nameOrPath.endsWith('.yml');
  const path = looksLikePath ? resolve(nameOrPath) : join(scenariosDir(), `${nameOrPath}.yaml`);
  if (!existsSync(path)) {
    const hint = looksLikePath
      ? 'check the path'
      : `shipped scenarios: ${shippedScenarios().join(', ')}`;
    throw new Error(`unknown scenario "${nameOrPath}" (${hint})`);
  }
  return parseScenario(readFileSync(path, 'utf8'), looksLikePath ? path : nameOrPath);
}
