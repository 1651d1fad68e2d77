import { afterEach, describe, expect, it } from 'vitest';
import type { Role } from '../../../src/core/policy/roles.js';
import type { CoreMessage } from '../../../src/core/messages/core-message.js';
import { useSimTestCluster, waitFor } from '../../support/sim.js';
import { useTempDir } from '../../support/temp-dir.js';
import {
  createAgentFixture,
  users,
  type AgentFixture,
  type AgentFixtureOptions,
  type UserKey,
} from './helpers/agent-fixture.js';

const sim = useSimTestCluster({ scenario: 'demo' });
const tempDir = useTempDir();
let f: AgentFixture | undefined;
afterEach(async () => {
  await f?.close();
  f = undefined;
});

async function fixture(options: AgentFixtureOptions = {}): Promise<AgentFixture> {
  f = await createAgentFixture(sim(), tempDir(), options);
  return f;
}

const userOf: Record<Role, UserKey> = { viewer: 'viewer', operator: 'operator', admin: 'admin' };

async function frontendPod(fx: AgentFixture): Promise<string> {
  const out = await fx.registry.invoke(
    { tool: 'get_pods', args: { namespace: 'shop', labelSelector: 'app=frontend' } },
    { id: 't', role: 'viewer', surface: 'system' },
  );
  if (out.status !== 'ok') throw new Error('no frontend pods');
  return (out.result.data as { items: { name: string }[] }).items[0]?.name as string;
}

async function replicas(fx: AgentFixture, deployment: string): Promise<string> {
  const out = await fx.registry.invoke(
    {
      tool: 'execute_kubectl',
      args: { command: `get deploy ${deployment} -n shop -o jsonpath={.spec.replicas}` },
    },
    { id: 't', role: 'viewer', surface: 'system' },
  );
  return out.status === 'ok'
    ? out.result.text.trim()
    : `error: ${out.status === 'error' ? out.error.message : ''}`;
}

const cardOf = (messages: CoreMessage[]) => messages.find((m) => m.approvalId);

describe('every role against every risk class', () => {
  const expected: Record<Role, Record<'read' | 'write' | 'exec', 'ok' | 'card' | 'forbidden'>> = {
    viewer: { read: 'ok', write: 'forbidden', exec: 'forbidden' },
    operator: { read: 'ok', write: 'card', exec: 'forbidden' },
    admin: { read: 'ok', write: 'card', exec: 'card' },
  };

  it.each(Object.keys(expected) as Role[])('%s', async (role) => {
    const fx = await fixture();
    const pod = await frontendPod(fx);
    const lines = {
      read: 'kubectl get pods -n shop',
      write: 'kubectl scale deploy cart -n shop --replicas 4',
      exec: `exec shop/${pod} -- hostname`,
    };
    for (const risk of ['read', 'write', 'exec'] as const) {
      const messages = await fx.ask(lines[risk], userOf[role]);
      const got = cardOf(messages)
        ? 'card'
        : /may not make/.test(fx.text(messages))
          ? 'forbidden'
          : messages[0]?.severity === 'info'
            ? 'ok'
            : fx.text(messages);
      expect({ risk, got }).toEqual({ risk, got: expected[role][risk] });
    }
    expect(await replicas(fx, 'cart')).toBe('2');
  });

  it('a user with role none (defaultRole: none) is refused and audited', async () => {
    const fx = await fixture({ config: { roles: { defaultRole: 'none' } } });
    const reply = await fx.ask('pods', 'stranger');
    expect(fx.text(reply)).toMatch(/You have no AI4K8s role here[\s\S]*slack id U_STRANGER/);
    const [row] = await fx.audit.list({ actor: 'slack:U_STRANGER' });
    expect(row).toMatchObject({ action: 'chat.refused', role: 'none', outcome: 'error:forbidden' });
    expect(await fx.audit.list({ action: 'tool.invoke', actor: 'slack:U_STRANGER' })).toEqual([]);
  });
});

describe('approvals in conversation', () => {
  it('a second operator approves a write: it runs once, as stored, and the result goes where it was asked', async () => {
    const fx = await fixture();
    const card = cardOf(
      await fx.ask('kubectl scale deploy catalog -n shop --replicas 3', 'operator', {
        channelId: 'C_SHOP',
        threadId: 'T9',
      }),
    );
    const id = card?.approvalId as string;
    const result = await fx.agent.decide({
      approvalId: id,
      decision: 'approve',
      user: { platform: 'slack', ...users.operator2, channelId: 'C_OTHER' },
    });
    expect(result.decided).toBe(true);
    expect(result.postTo).toEqual({
      platform: 'slack',
      channelId: 'C_SHOP',
      threadId: 'T9',
      userId: 'U_OP',
    });
    expect(result.messages[0]?.title).toBe('Approved by olga and run on sim');
    expect(fx.text(result.messages)).toMatch(/deployment\.apps\/catalog scaled/);
    await waitFor(
      async () => (await replicas(fx, 'catalog')) === '3',
      5000,
      'catalog at 3 replicas',
    );

    const again = await fx.agent.decide({
      approvalId: id,
      decision: 'approve',
      user: { platform: 'slack', ...users.admin },
    });
    expect(again.decided).toBe(false);
    expect(fx.text(again.messages)).toMatch(/already used|already approved/);
    const decisions = await fx.audit.list({ action: 'approval.approve' });
    expect(decisions.map((d) => [d.actor, d.outcome])).toEqual([
      ['slack:U_ADMIN', 'error:conflict'],
      ['slack:U_OP2', 'ok'],
    ]);
  });

  it('approval by the wrong user: a viewer cannot approve a write, an operator cannot approve an exec', async () => {
    const fx = await fixture();
    const write = cardOf(await fx.ask('kubectl scale deploy cart -n shop --replicas 5', 'operator'))
      ?.approvalId as string;
    const byViewer = await fx.agent.decide({
      approvalId: write,
      decision: 'approve',
      user: { platform: 'slack', ...users.viewer },
    });
    expect(byViewer.decided).toBe(false);
    expect(fx.text(byViewer.messages)).toMatch(/needs the operator role; you have viewer/);

    const pod = await frontendPod(fx);
    const exec = cardOf(await fx.ask(`exec shop/${pod} -- hostname`, 'admin'))
      ?.approvalId as string;
    const byOperator = await fx.agent.decide({
      approvalId: exec,
      decision: 'approve',
      user: { platform: 'slack', ...users.operator },
    });
    expect(fx.text(byOperator.messages)).toMatch(/needs the admin role; you have operator/);

    const byAdmin = await fx.agent.decide({
      approvalId: exec,
      decision: 'approve',
      user: { platform: 'slack', ...users.admin2 },
    });
    expect(byAdmin.decided).toBe(true);
    expect(fx.text(byAdmin.messages)).toContain(pod);
    expect(await replicas(fx, 'cart')).toBe('2');
  });

  it('self-approval is refused unless approvals.allowSelf, and the terminal may approve its own', async () => {
    const fx = await fixture();
    const id = cardOf(await fx.ask('kubectl scale deploy cart -n shop --replicas 5', 'operator'))
      ?.approvalId as string;
    const self = await fx.agent.decide({
      approvalId: id,
      decision: 'approve',
      user: { platform: 'slack', ...users.operator },
    });
    expect(self.decided).toBe(false);
    expect(fx.text(self.messages)).toMatch(/You cannot approve your own request/);
    // Denying one's own request is fine.
    const denied = await fx.agent.decide({
      approvalId: id,
      decision: 'deny',
      user: { platform: 'slack', ...users.operator },
    });
    expect(denied.decided).toBe(true);
    expect(denied.messages[0]?.title).toBe('Denied by otto');

    const cli = await fx.agent.handle({
      platform: 'cli',
      channelId: 'terminal',
      userId: 'root',
      text: 'kubectl annotate deploy cart -n shop ai4k8s/test=1',
    });
    const cliId = cardOf(cli)?.approvalId as string;
    const mine = await fx.agent.decide({
      approvalId: cliId,
      decision: 'approve',
      user: { platform: 'cli', userId: 'root' },
    });
    expect(mine.decided).toBe(true);
    expect(fx.text(mine.messages)).toMatch(/annotated/);
    await f?.close();

    const lax = await fixture({ config: { approvals: { allowSelf: true } } });
    const laxId = cardOf(
      await lax.ask('kubectl scale deploy cart -n shop --replicas 2', 'operator'),
    )?.approvalId as string;
    const ok = await lax.agent.decide({
      approvalId: laxId,
      decision: 'approve',
      user: { platform: 'slack', ...users.operator },
    });
    expect(ok.decided).toBe(true);
  });

  it('an expired request cannot be approved', async () => {
    const fx = await fixture({ config: { approvals: { ttlMinutes: 5 } } });
    const id = cardOf(await fx.ask('kubectl scale deploy cart -n shop --replicas 5', 'operator'))
      ?.approvalId as string;
    fx.clock.offsetMs = 5 * 60_000 + 1;
    const late = await fx.agent.decide({
      approvalId: id,
      decision: 'approve',
      user: { platform: 'slack', ...users.admin },
    });
    expect(late.decided).toBe(false);
    expect(fx.text(late.messages)).toMatch(/has expired/);
    expect(fx.text(await fx.ask('approvals'))).toMatch(/No approval requests are waiting/);
    expect(await replicas(fx, 'cart')).toBe('2');
  });

  it('an unknown id and a role-less clicker get a clear answer', async () => {
    const fx = await fixture({ config: { roles: { defaultRole: 'none' } } });
    const unknown = await fx.agent.decide({
      approvalId: 'apr_0000000000',
      decision: 'approve',
      user: { platform: 'slack', ...users.admin },
    });
    expect(fx.text(unknown.messages)).toMatch(/There is no approval request apr_0000000000/);
    const stranger = await fx.agent.decide({
      approvalId: 'apr_0000000000',
      decision: 'approve',
      user: { platform: 'slack', ...users.stranger },
    });
    expect(fx.text(stranger.messages)).toMatch(/no AI4K8s role/);
    expect((await fx.audit.list({ actor: 'slack:U_STRANGER' }))[0]).toMatchObject({
      action: 'approval.approve',
      outcome: 'error:forbidden',
    });
  });
});
