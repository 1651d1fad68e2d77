import { ESLint } from 'eslint';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const eslint = new ESLint({ cwd: root });

async function boundaryErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, file) });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'no-restricted-imports')
    .map((m) => m.message);
}

describe('import boundaries (DESIGN.md)', () => {
  it.each([
    ['src/core/agent/x.ts', "import { a } from '../../bots/slack/app.js';\nexport { a };\n"],
    ['src/core/tools/x.ts', "import { a } from '../../web/server.js';\nexport { a };\n"],
    ['src/core/alerts/x.ts', "import { App } from '@slack/bolt';\nexport { App };\n"],
    ['src/core/x.ts', "import express from 'express';\nexport { express };\n"],
    ['src/sim/x.ts', "import { a } from '../core/config/schema.js';\nexport { a };\n"],
    ['src/bots/slack/x.ts', "import { a } from '../discord/render.js';\nexport { a };\n"],
    ['src/bots/discord/x.ts', "import { a } from '../slack/render.js';\nexport { a };\n"],
    ['src/web/x.ts', "import { a } from '../mcp/server.js';\nexport { a };\n"],
    ['src/mcp/x.ts', "import { a } from '../web/app.js';\nexport { a };\n"],
  ])('refuses the forbidden import in %s', async (file, code) => {
    expect(await boundaryErrors(file, code)).toHaveLength(1);
  });

  it.each([
    ['src/bots/slack/x.ts', "import { a } from '../../core/agent/agent.js';\nexport { a };\n"],
    ['src/web/x.ts', "import { a } from '../core/store/database.js';\nexport { a };\n"],
    ['src/sim/x.ts', "import { a } from './clock.js';\nexport { a };\n"],
    ['src/main.ts', "import { a } from './bots/slack/app.js';\nexport { a };\n"],
  ])('allows the import in %s', async (file, code) => {
    expect(await boundaryErrors(file, code)).toEqual([]);
  });
});
