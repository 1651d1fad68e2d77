import { afterEach, describe, expect, it } from 'vitest';
import { createAlertCommands } from '../../../src/core/alerts/commands/alert-commands.js';
import { createBuiltinCommands } from '../../../src/core/agent/commands/builtin/index.js';
import { useSimTestCluster } from '../../support/sim.js';
import { useTempDir } from '../../support/temp-dir.js';
import { createAgentFixture, type AgentFixture } from '../agent/helpers/agent-fixture.js';
import { alertFixture, finding, type AlertFixture } from './alert-fixture.js';

const sim = useSimTestCluster({ scenario: 'healthy' });
const tempDir = useTempDir();
let agent: AgentFixture | undefined;
let alerts: AlertFixture | undefined;
afterEach(async () => {
  await agent?.close();
  await alerts?.db.close();
  agent = alerts = undefined;
});

async function setup(): Promise<{ fx: AgentFixture; al: AlertFixture }> {
  alerts = await alertFixture(tempDir(), { config: { alerts: { resolveAfterSeconds: 0 } } });
  const commands = createBuiltinCommands();
  for (const c of createAlertCommands({
    lifecycle: alerts.lifecycle,
    silences: alerts.silences,
    silenceRepo: alerts.silenceRepo,
    now: alerts.clock.now,
  })) {
    commands.register(c);
  }
  agent = await createAgentFixture(sim(), tempDir(), { commands });
  await alerts.lifecycle.reconcile(
    'analyzer',
    [
      finding(),
      finding({
        name: 'cart',
        reason: 'OOMKilled',
        severity: 'critical',
        summary: 'cart-1 OOM-killed',
      }),
    ],
    {
      all: true,
    },
  );
  return { fx: agent, al: alerts };
}

describe('alert chat commands', () => {
  it('lists open alerts, and resolved ones with --all', async () => {
    const { fx, al } = await setup();
    const open = fx.text(await fx.ask('alerts', 'viewer'));
    expect(open).toMatch(
      /#1\s+warning\s+firing\s+CrashLoopBackOff\s+Deployment shop\/checkout \(prod\)/,
    );
    expect(open).toMatch(/#2\s+critical\s+firing\s+OOMKilled/);
    await al.lifecycle.reconcile('analyzer', [finding()], { all: true });
    expect(fx.text(await fx.ask('alerts', 'viewer'))).not.toContain('OOMKilled');
    expect(fx.text(await fx.ask('alerts --all', 'viewer'))).toMatch(
      /#2\s+critical\s+resolved\s+OOMKilled/,
    );
  });

  it('acknowledges for operators only, once', async () => {
    const { fx, al } = await setup();
    expect(fx.text(await fx.ask('ack 1', 'viewer'))).toMatch(
      /Only operators and admins may acknowledge alerts; your role is viewer/,
    );
    expect(fx.text(await fx.ask('ack #1', 'operator'))).toBe(
      'Acknowledged #1 CrashLoopBackOff on Deployment shop/checkout.',
    );
    expect(fx.text(await fx.ask('ack 1', 'admin'))).toMatch(
      /already acknowledged by otto \(slack:U_OP\)/,
    );
    expect(fx.text(await fx.ask('ack 99', 'admin'))).toMatch(/There is no alert 99/);
    expect(fx.text(await fx.ask('ack web', 'admin'))).toMatch(/"web" is not an alert id/);
    expect(fx.text(await fx.ask('alerts', 'viewer'))).toMatch(/#1\s+warning\s+acked by otto/);
    expect((await al.lifecycle.outbox.list()).map((r) => r.change).filter(Boolean)).toEqual([
      'acknowledged by otto (slack:U_OP)',
    ]);
  });

  it('silences by id or matcher with expiry and author, and lifts silences', async () => {
    const { fx, al } = await setup();
    expect(fx.text(await fx.ask('silence 1 2h --comment deploying', 'operator'))).toBe(
      'Silenced #1 CrashLoopBackOff on Deployment shop/checkout (and its repeats) for 2h, until 2025-03-01 12:00 UTC (S1).',
    );
    expect(fx.text(await fx.ask('silence ns=shop,reason=OOM* 30m', 'operator'))).toMatch(
      /every alert matching namespace=shop,reason=OOM\* for 30m.*\(S2\)/,
    );
    const list = fx.text(await fx.ask('alerts', 'viewer'));
    expect(list).toMatch(/#1\s+warning\s+firing, silenced/);
    expect(list).toMatch(
      /S1 fingerprint [0-9a-f]{16} until 2025-03-01 12:00 UTC by otto \(slack:U_OP\)/,
    );
    expect(fx.text(await fx.ask('silence 1 45d', 'operator'))).toMatch(
      /between 1 second and 30 days/,
    );
    expect(fx.text(await fx.ask('silence colour=blue 1h', 'operator'))).toMatch(
      /"colour" is not a field alerts can be matched on/,
    );
    expect(fx.text(await fx.ask('unsilence 2', 'operator'))).toMatch(
      /silenced by S2, a matcher silence.\s+Lift it with `unsilence S2`/,
    );
    expect(fx.text(await fx.ask('unsilence S2', 'operator'))).toBe('Lifted silence S2.');
    expect(fx.text(await fx.ask('unsilence 1', 'operator'))).toBe('Lifted the silence of #1.');
    expect(fx.text(await fx.ask('unsilence S1', 'operator'))).toMatch(/no active silence S1/);
    // A silence made while an alert fired keeps its updates out; lifted, the next update goes out.
    await fx.ask('silence 1 1h', 'operator');
    await al.lifecycle.reconcile('analyzer', [finding({ severity: 'critical' })], { all: true });
    expect((await al.lifecycle.outbox.list()).filter((r) => r.kind === 'update')).toEqual([]);
  });
});
