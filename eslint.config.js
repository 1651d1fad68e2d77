// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Import boundaries from DESIGN.md, one entry per folder: what it must never import. */
const adapters = ['**/bots/**', '**/web/**', '**/mcp/**', '**/sim/**', '**/main.js', '**/cli.js'];
const platformSdks = [
  '@slack/*',
  'discord.js',
  'express',
  '@modelcontextprotocol/*',
  'playwright-core',
];

/**
 * @param {string[]} files
 * @param {string[]} forbidden
 * @param {string} why
 */
function boundary(files, forbidden, why) {
  return {
    files,
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: forbidden, message: why }] }],
    },
  };
}

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.tools/**', 'data/**', 'test-artifacts/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // Node's globals for the plain .js/.mjs scripts; TypeScript checks names in .ts files itself.
    languageOptions: {
      globals: Object.fromEntries(
        [
          'process',
          'console',
          'URL',
          'URLSearchParams',
          'Buffer',
          'setTimeout',
          'clearTimeout',
          'setInterval',
          'clearInterval',
          'fetch',
          'AbortController',
          'TextEncoder',
          'TextDecoder',
          'performance',
          'queueMicrotask',
          'structuredClone',
        ].map((name) => [name, 'readonly']),
      ),
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-console': 'off',
    },
  },
  boundary(
    ['src/core/**'],
    [...adapters, ...platformSdks],
    'core/ knows no adapter, HTTP framework or chat SDK (DESIGN.md, import boundaries).',
  ),
  boundary(
    ['src/sim/**'],
    ['**/core/**', '**/bots/**', '**/web/**', '**/mcp/**', '**/main.js', '**/cli.js'],
    'sim/ is stand-alone: it imports nothing of the rest (DESIGN.md).',
  ),
  boundary(
    ['src/bots/slack/**'],
    ['**/discord/**', '**/web/**', '**/mcp/**', '**/sim/**', '**/main.js', 'discord.js'],
    'bots/slack imports core/ and its own SDK only (DESIGN.md).',
  ),
  boundary(
    ['src/bots/discord/**'],
    ['**/slack/**', '**/web/**', '**/mcp/**', '**/sim/**', '**/main.js', '@slack/*'],
    'bots/discord imports core/ and its own SDK only (DESIGN.md).',
  ),
  boundary(
    ['src/web/**'],
    ['**/bots/**', '**/mcp/**', '**/sim/**', '**/main.js', '@slack/*', 'discord.js'],
    'web/ imports core/ only (DESIGN.md).',
  ),
  boundary(
    ['src/mcp/**'],
    ['**/bots/**', '**/web/**', '**/sim/**', '**/main.js', '@slack/*', 'discord.js'],
    'mcp/ imports core/ and the MCP SDK only (DESIGN.md).',
  ),
);
