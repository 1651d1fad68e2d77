import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

const goldenDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'golden');

/**
 * Compares `value` with `golden/<name>.json`. The files change only when UPDATE_GOLDEN=1 is set,
 * so a rendering change shows up as a reviewed diff, never silently.
 */
export function expectGolden(name: string, value: unknown): void {
  const path = join(goldenDir, `${name}.json`);
  const text = `${JSON.stringify(value, null, 2)}\n`;
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
    return;
  }
  if (!existsSync(path))
    throw new Error(
      `no golden file ${path}: run with UPDATE_GOLDEN=1 to create it, then review it`,
    );
  expect(JSON.parse(text)).toEqual(JSON.parse(readFileSync(path, 'utf8')));
}
