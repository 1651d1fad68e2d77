import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useSimTestCluster } from '../../support/sim.js';
import { useTempDir } from '../../support/temp-dir.js';
import { createAgentFixture, type AgentFixture } from './helpers/agent-fixture.js';

// Every direct command against the demo scenario on the sim, through the real registry: what a
// user would check in the reply (the failing pod first, the crash reason in previous logs, ...).

const sim = useSimTestCluster({ scenario: 'demo' });
const tempDir = useTempDir();
let f: AgentFixture;
beforeEach(async () => {
  f = await createAgentFixture(sim(), tempDir(), { extraClusters: ['staging'] });
});
afterEach(async () => {
  await f.close();
});

const ask = async (line: string, who: Parameters<AgentFixture['ask']>[1] = 'admin') =>
  f.text(await f.ask(line, who));

describe('direct commands on the demo cluster', () => {
  it('pods: problems first, with the real reason, filtered by namespace, selector and --problems', async () => {
    const all = await ask('pods');
    expect(all).toMatch(/Pods in all namespaces \(sim\)/);
    const rows = all.split('\n').filter((l) => /^(shop|payments|monitoring)\s/.test(l));
    expect(rows[0]).toMatch(/^payments\s+fraud-check-\S+\s+0\/1\s+CrashLoopBackOff/);

    const problems = await ask('pods --problems');
    expect(problems).toMatch(/fraud-check-\S+\s+0\/1\s+CrashLoopBackOff/);
    expect(problems).toMatch(/ledger-\S+\s+0\/1\s+Running/);
    expect(problems).not.toMatch(/frontend-/);

    const shop = await ask('pods -n shop -l app=checkout');
    expect(shop).toMatch(/Pods in shop/);
    expect(shop.match(/checkout-\S+\s+1\/1\s+Running/g)).toHaveLength(2);
    expect(shop).not.toMatch(/cart-/);
  });

  it('logs: a deployment’s crashed container with --previous, --tail and --grep', async () => {
    const previous = await ask('logs payments/fraud-check --previous');
    expect(previous).toMatch(/Previous logs of payments\/fraud-check/);
    expect(previous).toContain('password authentication failed for user');
    expect(previous).toContain('cannot start without database');

    const grep = await ask('logs fraud-check -n payments --previous --tail 20 --grep fatal');
    expect(grep).toContain('cannot start without database');
    expect(grep).not.toContain('connecting to database');

    const missing = await ask('logs no-such-pod');
    expect(missing).toMatch(/^\[ERROR\]/);
    expect(missing).toMatch(/No pod or deployment named "no-such-pod"/);
  });

  it('top: pods by memory (the leaking recommendations pod near its limit shows), and nodes', async () => {
    const pods = await ask('top');
    expect(pods).toMatch(/Top pods \(sim\)/);
    expect(pods).toMatch(/recommendations-/);
    const nodes = await ask('top nodes');
    expect(nodes).toMatch(/worker-1\s+Ready/);
    expect(nodes).toMatch(/control-plane\s+Ready/);
    expect(await ask('top pods -n payments --sort-by cpu')).toMatch(/payments-db-0|payments-api-/);
    expect(await ask('top clusters')).toMatch(/`top` measures pods or nodes/);
  });

  it('deployments, services, cluster and containers', async () => {
    const deployments = await ask('deployments --problems');
    expect(deployments).toMatch(/fraud-check\s+0\/1/);
    expect(deployments).toMatch(/ledger\s+2\/3/);
    expect(deployments).not.toMatch(/frontend/);

    const services = await ask('services -n shop');
    expect(services).toMatch(/checkout\s+ClusterIP\s+\S+\s+<none>\s+80\/TCP\s+2\/2/);

    const cluster = await ask('cluster');
    expect(cluster).toMatch(/Cluster sim/);
    expect(cluster).toMatch(/fraud-check/);

    const containers = await ask('containers --problems');
    expect(containers).toMatch(
      /fraud-check\s+ghcr\.io\/acme\/fraud-check:2\.4\.1\s+Waiting: CrashLoopBackOff/,
    );
    expect(await ask('containers payments/fraud-check-nope')).not.toMatch(/ledger/);
  });

  it('kubectl: read verbs run, write verbs become an approval card, refused lines say why', async () => {
    const read = await ask('kubectl get deploy -n shop');
    expect(read).toMatch(/checkout\s+2\/2/);

    const messages = await f.ask('kubectl scale deploy checkout -n shop --replicas 3');
    expect(messages).toHaveLength(1);
    const card = messages[0];
    expect(card?.approvalId).toMatch(/^apr_/);
    expect(f.text(messages)).toContain('kubectl scale deploy checkout -n shop --replicas 3');
    expect(card?.blocks.find((b) => b.type === 'buttons')).toEqual({
      type: 'buttons',
      buttons: [
        { id: 'approval.approve', label: 'Approve', style: 'primary', value: card?.approvalId },
        { id: 'approval.deny', label: 'Deny', style: 'danger', value: card?.approvalId },
      ],
    });
    // Nothing changed yet.
    expect(await ask('kubectl get deploy checkout -n shop')).toMatch(/checkout\s+2\/2/);

    expect(await ask('kubectl get secrets -A --kubeconfig /etc/x')).toMatch(/refused/i);
    expect(await ask('kubectl')).toMatch(/needs a command/);
  });

  it('exec and run create approval requests for the exact call, with the pod’s namespace found', async () => {
    const pods = await f.registry.invoke(
      { tool: 'get_pods', args: { namespace: 'shop', labelSelector: 'app=frontend' } },
      { id: 'test', role: 'viewer', surface: 'system' },
    );
    const pod =
      pods.status === 'ok'
        ? (pods.result.data as { items: { name: string }[] }).items[0]?.name
        : undefined;
    expect(pod).toBeDefined();
    const exec = await f.ask(`exec ${pod} -c frontend -- env`);
    expect(exec[0]?.approvalId).toBeDefined();
    const approval = await f.registry.approvals.get(exec[0]?.approvalId as string);
    expect(approval).toMatchObject({
      tool: 'exec_into_pod',
      risk: 'exec',
      requiredRole: 'admin',
      args: { pod, namespace: 'shop', container: 'frontend', command: ['env'] },
    });

    const run = await f.ask('run busybox:1.36 -n shop -- nslookup checkout');
    const runApproval = await f.registry.approvals.get(run[0]?.approvalId as string);
    expect(runApproval).toMatchObject({
      tool: 'run_container_in_pod',
      risk: 'write',
      args: { image: 'busybox:1.36', namespace: 'shop', command: ['nslookup', 'checkout'] },
    });

    expect(await ask('exec frontend-nope -- env')).toMatch(
      /No pod named "frontend-nope" in cluster sim/,
    );
    // A namespace given with the pod is checked too: no approval for a pod that is not there.
    expect(await ask(`exec payments/${pod} -- env`)).toMatch(
      /No pod named "\S+" in namespace payments of cluster sim/,
    );
    expect(await ask(`exec ${pod}`)).toMatch(/needs the command after `--`/);
  });

  it('approvals lists pending requests as cards; clusters, use and whoami show and switch the cluster', async () => {
    expect(await ask('approvals')).toMatch(/No approval requests are waiting/);
    await f.ask('kubectl rollout restart deploy/cart -n shop', 'operator');
    const list = await f.ask('approvals', 'viewer');
    expect(list).toHaveLength(2);
    expect(list[1]?.approvalId).toMatch(/^apr_/);
    expect(f.text(list)).toContain('kubectl rollout restart deploy/cart -n shop');

    expect(await ask('clusters')).toMatch(/\* sim\s+default[\s\S]*staging/);
    expect(await ask('use nope')).toMatch(/There is no cluster named "nope"/);
    expect(await ask('use stagign')).toMatch(/Did you mean `staging`/);
    expect(await ask('use staging', 'admin')).toMatch(/Now using cluster staging in this channel/);
    expect(await ask('whoami')).toMatch(/Cluster:\s+staging — `use` in this channel by ada/);
    expect(await ask('pods -n shop')).toMatch(/\(staging\)/);
    // A thread can choose differently from its channel.
    await f.ask('use sim', 'admin', { threadId: 'T1' });
    expect(f.text(await f.ask('whoami', 'admin', { threadId: 'T1' }))).toMatch(
      /Cluster:\s+sim — `use` in this thread/,
    );
    expect(await ask('whoami', 'operator')).toMatch(
      /Role:\s+operator — from roles\.users \(slack U_OP\)/,
    );
  });

  it('help lists every command and explains one; typos get a suggestion', async () => {
    const help = await ask('help');
    for (const name of [
      'pods',
      'logs',
      'top',
      'deployments',
      'services',
      'cluster',
      'containers',
      'kubectl',
      'exec',
      'run',
      'approvals',
      'clusters',
      'use',
      'whoami',
      'help',
    ]) {
      expect(help).toMatch(new RegExp(`^${name}\\b`, 'm'));
    }
    expect(await ask('help logs')).toMatch(/--previous/);
    expect(await ask('help lgos')).toMatch(/There is no command `lgos`. Did you mean `logs`\?/);
    expect(await ask('lgos fraud-check')).toMatch(/Did you mean `logs`\?/);
    expect(await ask('deploymnets')).toMatch(/Did you mean `deployments`\?/);
    expect(await ask('pods -n')).toMatch(/-n\/--namespace needs a value/);
    expect(await ask('pods -n shop -A')).toMatch(/takes -n NS or -A, not both/);
  });

  it('audits every chat command with who, role, surface, cluster and outcome', async () => {
    await f.ask('pods --problems', 'viewer');
    await f.ask('kubectl scale deploy cart -n shop --replicas 1', 'operator');
    await f.ask('lgos x', 'viewer');
    const rows = (await f.audit.list({ limit: 50 })).filter((r) => r.action.startsWith('chat.'));
    expect(
      rows.map((r) => [r.actor, r.role, r.surface, r.action, r.tool, r.cluster, r.outcome]),
    ).toEqual([
      ['slack:U_VIEWER', 'viewer', 'slack', 'chat.command', undefined, 'sim', 'error:bad-input'],
      ['slack:U_OP', 'operator', 'slack', 'chat.command', 'kubectl', 'sim', 'approval_required'],
      ['slack:U_VIEWER', 'viewer', 'slack', 'chat.command', 'pods', 'sim', 'ok'],
    ]);
    expect(rows[1]?.args).toEqual({ text: 'kubectl scale deploy cart -n shop --replicas 1' });
    // The registry audited the tool call itself too.
    expect((await f.audit.list({ action: 'tool.invoke', actor: 'slack:U_OP' }))[0]).toMatchObject({
      tool: 'execute_kubectl',
      outcome: 'approval_required',
    });
  });
});
