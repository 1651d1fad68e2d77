import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { envBindings } from '../../../src/core/config/env.js';
import { loadConfig } from '../../../src/core/config/load-config.js';
import { listConfigPaths } from '../../../src/core/config/paths.js';

const root = join(import.meta.dirname, '..', '..', '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const reference = readme.slice(readme.indexOf('## Configuration reference'));

describe('configuration docs stay in step with the schema', () => {
  it.each(listConfigPaths())('README documents `%s`', (path) => {
    expect(reference).toContain(`\`${path}\``);
  });

  it.each(envBindings.map((b) => b.env))('README and .env.example document %s', (name) => {
    expect(reference).toContain(`\`${name}\``);
    expect(readFileSync(join(root, '.env.example'), 'utf8')).toContain(name);
  });

  it('ships an example config that is valid as it is', () => {
    const result = loadConfig({ file: join(root, 'ai4k8s.example.yaml'), env: {} });
    expect(result.ok ? 'valid' : result.problems).toBe('valid');
  });
});
