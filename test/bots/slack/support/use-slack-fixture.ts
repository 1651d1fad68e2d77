import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import type { SimTestCluster } from '../../../support/sim.js';
import {
  createSlackFixture,
  type SlackFixture,
  type SlackFixtureOptions,
} from './slack-fixture.js';

/** One Slack fixture (fake Slack, bot, agent, store) for the test file, on the file's sim. */
export function useSlackFixture(
  sim: () => SimTestCluster,
  options: SlackFixtureOptions | (() => SlackFixtureOptions) = {},
): () => SlackFixture {
  let fx: SlackFixture | undefined;
  let dir: string | undefined;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ai4k8s-slack-'));
    fx = await createSlackFixture(sim(), dir, typeof options === 'function' ? options() : options);
  });
  afterAll(async () => {
    await fx?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  return () => {
    if (!fx) throw new Error('the Slack fixture is not started yet (use it inside a test)');
    return fx;
  };
}
