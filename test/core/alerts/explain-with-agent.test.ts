import { afterEach, describe, expect, it } from 'vitest';
import type { Alert } from '../../../src/core/alerts/alert.js';
import { explainWithAgent } from '../../../src/core/alerts/explain-with-agent.js';
import {
  reply,
  startFakeAnthropic,
  text,
  toolUse,
  type FakeAnthropic,
} from '../../fakes/anthropic/index.js';
import { useSimTestCluster } from '../../support/sim.js';
import { useTempDir } from '../../support/temp-dir.js';
import { createAgentFixture, type AgentFixture } from '../agent/helpers/agent-fixture.js';

// The alert explainer with the real agent, the real Anthropic SDK against the local fake of the
// Messages API, and the real registry on the demo sim.
const sim = useSimTestCluster({ scenario: 'demo' });
const tempDir = useTempDir();
let fake: FakeAnthropic | undefined;
let f: AgentFixture | undefined;
afterEach(async () => {
  await f?.close();
  await fake?.stop();
});

const alert = {
  id: 7,
  fingerprint: 'sim|Deployment|payments|fraud-check|CrashLoopBackOff',
  source: 'analyzer',
  subject: { cluster: 'sim', kind: 'Deployment', namespace: 'payments', name: 'fraud-check' },
  reason: 'CrashLoopBackOff',
  severity: 'critical',
  state: 'firing',
  summary: 'fraud-check-x crash-looping: exited with code 1 (Error)',
  facts: {},
} as unknown as Alert;

describe('explainWithAgent', () => {
  it('asks Claude about the alert as a read-only caller and returns its answer', async () => {
    fake = await startFakeAnthropic({
      script: [
        reply(toolUse('get_pods', { namespace: 'payments', problemsOnly: true })),
        reply(text('The database rejects the password of fraud_svc; rotate the secret.')),
      ],
    });
    f = await createAgentFixture(sim(), tempDir(), { anthropicUrl: fake.url });
    const explanation = await explainWithAgent(f.agent)(alert);
    expect(explanation).toContain('The database rejects the password of fraud_svc');
    const first = JSON.stringify(fake.requests[0]?.body);
    expect(first).toContain('CrashLoopBackOff');
    expect(first).toContain('payments/fraud-check');
    // The tool call ran through the registry as a viewer from the web surface.
    const rows = await f.audit.list({ limit: 20 });
    expect(rows.some((r) => r.tool === 'get_pods' && r.role === 'viewer')).toBe(true);
  });
});
