import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useSimTestCluster } from '../../support/sim.js';
import { useTempDir } from '../../support/temp-dir.js';
import { createAgentFixture, type AgentFixture } from './helpers/agent-fixture.js';

// Typical on-call questions against the demo scenario (payments/fraud-check crash-loops on a
// database password, payments/ledger is a replica short, shop/recommendations leaks memory),
// answered without an API key. Each checks the tool calls made and what the reply shows.

const sim = useSimTestCluster({ scenario: 'demo' });
const dir = useTempDir();
let f: AgentFixture;
beforeAll(async () => {
  f = await createAgentFixture(sim(), dir());
});
afterAll(async () => {
  await f.close();
});

interface Case {
  q: string;
  /** The tool calls made, in order, without the name lookups (get_pods/get_deployments limit 5000). */
  calls: string[];
  shows: RegExp[];
}

const crashPod = /fraud-check-[a-z0-9]+-[a-z0-9]+/;

const cases: Case[] = [
  {
    q: 'why is fraud-check crashing?',
    calls: ['get_pod_logs previous', 'execute_kubectl get events'],
    shows: [
      /Failing pods of deployment payments\/fraud-check/,
      /password authentication failed/,
      /BackOff/,
    ],
  },
  {
    q: 'Why is fraud check crashing',
    calls: ['get_pod_logs previous', 'execute_kubectl get events'],
    shows: [/password authentication failed/],
  },
  {
    q: "what's wrong with payments?",
    calls: [
      'get_pod_logs previous',
      'execute_kubectl get events',
      'get_pod_logs',
      'execute_kubectl get events',
    ],
    shows: [/Failing pods of namespace payments/, /ledger-/, /Readiness probe failed/],
  },
  {
    q: 'why does ledger have unavailable replicas?',
    calls: ['get_pod_logs', 'execute_kubectl get events'],
    shows: [
      /Failing pods of deployment payments\/ledger/,
      /Readiness probe failed: HTTP probe failed with statuscode: 503/,
    ],
  },
  {
    q: 'which pods are restarting?',
    calls: [
      'get_pod_logs previous',
      'execute_kubectl get events',
      'get_pod_logs',
      'execute_kubectl get events',
    ],
    shows: [/CrashLoopBackOff\s+\d+/],
  },
  {
    q: "what's wrong?",
    calls: [
      'get_pod_logs previous',
      'execute_kubectl get events',
      'get_pod_logs',
      'execute_kubectl get events',
    ],
    shows: [crashPod],
  },
  {
    q: 'why is checkout crashing?',
    calls: ['get_pods shop'],
    shows: [
      /No failing or unready pods found in deployment shop\/checkout/,
      /checkout-\S+\s+1\/1\s+Running/,
    ],
  },
  {
    q: 'is the cluster healthy?',
    calls: ['get_cluster_info', 'get_pods problems'],
    shows: [/4 nodes \(4 ready\)/, /deployment payments\/ledger 2\/3 ready/],
  },
  {
    q: 'give me an overview',
    calls: ['get_cluster_info', 'get_pods problems'],
    shows: [/Problems \(\d+\)/],
  },
  {
    q: "what's using the most memory?",
    calls: ['get_pod_top pods memory'],
    shows: [/prometheus-0/, /MEM\/LIM/],
  },
  {
    q: 'is recommendations going to run out of memory?',
    calls: ['get_pod_top pods memory'],
    shows: [/recommendations-\S+\s+\d+m\s+\d+%\s+\d+%\s+\d+Mi\s+\d+%\s+\d+%/],
  },
  { q: 'which pods use the most cpu?', calls: ['get_pod_top pods cpu'], shows: [/by cpu use/] },
  {
    q: 'top pods by cpu',
    calls: ['get_pod_top pods cpu'],
    shows: [/kube-apiserver-control-plane/],
  },
  {
    q: 'how much cpu are the nodes using?',
    calls: ['get_pod_top nodes cpu'],
    shows: [/worker-1\s+Ready/],
  },
  {
    q: 'are all nodes ready?',
    calls: ['get_cluster_info', 'get_pod_top nodes'],
    shows: [/4 nodes \(4 ready\)/],
  },
  {
    q: 'show me pending pods',
    calls: ['get_pods Pending', 'execute_kubectl get events'],
    shows: [/matching status\.phase=Pending/, /No pods match/],
  },
  {
    q: 'which deployments are degraded?',
    calls: ['get_deployments problems'],
    shows: [/fraud-check\s+0\/1/, /ledger\s+2\/3/],
  },
  { q: 'logs of ledger', calls: ['get_pod_logs'], shows: [/entry booked/] },
  {
    q: 'show me the previous logs of fraud-check',
    calls: ['get_pod_logs previous'],
    shows: [/previous instance/, /cannot start without database/],
  },
  {
    q: 'show me the error logs of fraud-check',
    calls: ['get_pod_logs previous grep'],
    shows: [/lines matching/, /"level":"fatal"/],
  },
  {
    q: 'which services have no endpoints?',
    calls: ['get_services problems'],
    shows: [/fraud-check\s+ClusterIP\s+\S+\s+<none>\s+80\/TCP\s+0\/1/],
  },
  {
    q: 'any warning events?',
    calls: ['execute_kubectl get events'],
    shows: [/Warning\s+BackOff/, /Warning\s+Unhealthy/],
  },
  {
    q: 'any image pull errors?',
    calls: ['get_docker_containers problems'],
    shows: [/Waiting: CrashLoopBackOff/],
  },
  {
    q: "what's running in shop?",
    calls: ['get_pods shop'],
    shows: [/Pods in namespace shop/, /frontend-/],
  },
  {
    q: 'list the deployments in monitoring',
    calls: ['get_deployments monitoring'],
    shows: [/grafana\s+1\/1/],
  },
  { q: 'what is waiting for approval?', calls: [], shows: [/No approval requests are waiting/] },
];

/** A short label for an audited call, so the table above stays readable. */
function label(tool: string | undefined, args: Record<string, unknown>): string {
  const parts = [tool ?? '?'];
  if (tool === 'execute_kubectl') parts.push(String(args.command).split(' ').slice(0, 2).join(' '));
  if (args.target) parts.push(String(args.target));
  if (args.sortBy) parts.push(String(args.sortBy));
  if (typeof args.namespace === 'string' && tool !== 'get_pod_logs' && tool !== 'get_pod_top')
    parts.push(args.namespace);
  if (typeof args.fieldSelector === 'string') parts.push(args.fieldSelector.split('=')[1] ?? '');
  if (args.problemsOnly) parts.push('problems');
  if (args.previous) parts.push('previous');
  if (args.grep) parts.push('grep');
  return parts.join(' ');
}

describe('offline intent router on the demo scenario', () => {
  it.each(cases)('$q', async ({ q, calls, shows }) => {
    const before = (await f.audit.list({ limit: 1 }))[0]?.id ?? 0;
    const reply = await f.ask(q, 'viewer');
    const text = f.text(reply);
    const made = (await f.audit.list({ action: 'tool.invoke', limit: 100 }))
      .filter((r) => r.id > before)
      .reverse()
      .filter((r) => (r.args as { limit?: number }).limit !== 5000)
      .map((r) => label(r.tool, r.args as Record<string, unknown>));
    expect(made).toEqual(calls);
    expect(reply[0]?.title).toBe('Offline answer');
    expect(text).toMatch(/AI answers are off[\s\S]*set ANTHROPIC_API_KEY/);
    expect(text).toMatch(/Same as: `/);
    for (const re of shows) expect(text).toMatch(re);
  });

  it('says so when it does not understand, and lists what it can do', async () => {
    const text = f.text(await f.ask('hello there, can you sing?', 'viewer'));
    expect(text).toMatch(/could not map this question/);
    expect(text).toMatch(/why is checkout crashing\?/);
    expect(text).toMatch(/set ANTHROPIC_API_KEY/);
  });

  it('is audited as an offline question', async () => {
    await f.ask('is the cluster healthy?', 'operator');
    expect((await f.audit.list({ actor: 'slack:U_OP', limit: 1 }))[0]).toMatchObject({
      action: 'chat.question.offline',
      outcome: 'ok',
      cluster: 'sim',
    });
  });
});
