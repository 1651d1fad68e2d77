import { afterEach, describe, expect, it } from 'vitest';
import { createBuiltinCommands } from '../../../src/core/agent/commands/builtin/index.js';
import { textMessage } from '../../../src/core/messages/build.js';
import { useSimTestCluster } from '../../support/sim.js';
import { useTempDir } from '../../support/temp-dir.js';
import {
  createAgentFixture,
  type AgentFixture,
  type AgentFixtureOptions,
} from './helpers/agent-fixture.js';

const sim = useSimTestCluster({ scenario: 'demo' });
const tempDir = useTempDir();
let f: AgentFixture | undefined;
afterEach(async () => {
  await f?.close();
  f = undefined;
});

async function fixture(options: AgentFixtureOptions): Promise<AgentFixture> {
  f = await createAgentFixture(sim(), tempDir(), options);
  return f;
}

describe('channel bindings, the command extension point and cluster errors', () => {
  it('a channel bound to a cluster (and a role) in the config uses it', async () => {
    const fx = await fixture({
      extraClusters: ['staging'],
      config: {
        roles: {
          channels: [
            { platform: 'discord', channel: 'D_STAGE', cluster: 'staging', role: 'operator' },
          ],
        },
      },
    });
    const reply = fx.text(
      await fx.agent.handle({
        platform: 'discord',
        channelId: 'D_STAGE',
        userId: 'someone',
        text: 'whoami',
      }),
    );
    expect(reply).toMatch(/Role:\s+operator — from roles\.channels \(discord D_STAGE\)/);
    expect(reply).toMatch(/Cluster:\s+staging — the channel binding in the config/);
    const elsewhere = fx.text(
      await fx.agent.handle({
        platform: 'discord',
        channelId: 'D_OTHER',
        userId: 'someone',
        text: 'whoami',
      }),
    );
    expect(elsewhere).toMatch(/Cluster:\s+sim — the default/);
    expect(elsewhere).toMatch(/Role:\s+viewer — from roles\.defaultRole/);
  });

  it('other modules register commands that help, typo suggestions and dispatch all see', async () => {
    const commands = createBuiltinCommands().register({
      name: 'alerts',
      summary: 'firing alerts',
      usage: 'alerts [--all]',
      args: {
        flags: [{ name: 'all', long: 'all', type: 'boolean', description: 'resolved ones too' }],
        positionals: [],
      },
      async run(ctx, args) {
        return [
          textMessage(
            `alerts for ${ctx.caller.id} on ${ctx.cluster.cluster}${args.flags.all ? ' (all)' : ''}`,
          ),
        ];
      },
    });
    const fx = await fixture({ commands });
    expect(fx.text(await fx.ask('alerts --all'))).toBe('alerts for slack:U_ADMIN on sim (all)');
    expect(fx.text(await fx.ask('help'))).toMatch(/^alerts \[--all\]\s+firing alerts$/m);
    expect(fx.text(await fx.ask('alrets'))).toMatch(/Did you mean `alerts`\?/);
    expect(() => commands.register({ ...commands.get('alerts')!, aliases: [] })).toThrow(
      /registered twice/,
    );
  });

  it('a cluster that does not answer gets a clear reply naming it; the others keep working', async () => {
    const fx = await fixture({ brokenClusters: ['prod-eu'] });
    await fx.ask('use prod-eu');
    const reply = await fx.ask('pods --problems');
    expect(reply[0]?.severity).toBe('error');
    expect(fx.text(reply)).toMatch(
      /cluster "prod-eu" is unreachable: connection refused[\s\S]*Check that its API server is running/,
    );
    expect(fx.text(reply)).not.toMatch(/at .*\.ts:\d+/);
    await fx.ask('use sim');
    expect(fx.text(await fx.ask('pods --problems'))).toMatch(/CrashLoopBackOff/);
  });
});
