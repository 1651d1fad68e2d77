// Core messages as the agent and the alert pipeline produce them, including cluster text that
// tries to ping or phish (log lines, event messages and names are attacker-controlled).
import type { Alert } from '../../../../src/core/alerts/alert.js';
import { approvalCard } from '../../../../src/core/agent/approval-card.js';
import {
  block,
  errorMessage,
  message,
  type CoreMessage,
} from '../../../../src/core/messages/index.js';

export const hostileLines = [
  'GET /healthz 200',
  '<!channel> the database is down, everyone look!',
  'click <https://evil.example/login|here to re-authenticate> & <@U_ADMIN> please approve',
  'rm -rf / ``` closing the code block early <!here>',
];

export const fixedNow = Date.parse('2025-03-01T10:00:00Z');

function podRows(n: number): string[][] {
  return Array.from({ length: n }, (_, i) => [
    `shop`,
    `web-${String(i).padStart(4, '0')}-7d9f8c6b5-x2k4q`,
    '1/1',
    'Running',
    String(i % 3),
    `${(i % 50) + 1}d`,
  ]);
}

export const fixtures: Record<string, () => CoreMessage> = {
  'pods-short': () =>
    message(
      'info',
      [
        block.table(
          ['NAMESPACE', 'NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'],
          podRows(3),
          '3 pods',
        ),
      ],
      'Pods in shop (sim)',
    ),
  'pods-long-file': () =>
    message(
      'info',
      [
        block.table(
          ['NAMESPACE', 'NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'],
          podRows(120),
          '120 pods',
        ),
      ],
      'Pods in all namespaces (sim)',
    ),
  'approval-card': () =>
    approvalCard(
      {
        id: 'apr_7f3k2m',
        tool: 'execute_kubectl',
        args: { command: 'kubectl scale deployment/web -n shop --replicas=5' },
        cluster: 'sim',
        risk: 'write',
        requiredRole: 'operator',
        requester: 'slack:U_OP',
        requesterName: 'otto',
        expiresAt: fixedNow + 15 * 60_000,
      },
      fixedNow,
    ),
  'hostile-logs': () =>
    message(
      'warning',
      [
        block.text('Logs of shop/<!channel>web-1 & friends'),
        block.code(hostileLines.join('\n'), 'log'),
        block.fields([{ label: 'Pod <b>', value: '<!everyone> web-1' }]),
        block.note('Events: <https://evil.example|Back-off restarting> failed container'),
      ],
      'Logs of <!here> web-1',
    ),
  'error-no-title': () =>
    errorMessage('There is no pod `web-9` in shop.', 'List them with `pods -n shop`.'),
  'many-blocks': () => {
    const blocks = Array.from({ length: 70 }, (_, i) =>
      block.text(`Finding ${i + 1}: pod web-${i} restarted ${i} times.`),
    );
    blocks.push({
      type: 'buttons',
      buttons: [{ id: 'approval.approve', label: 'Approve', style: 'primary', value: 'apr_1' }],
    });
    return message('info', blocks, 'Investigation');
  },
  'long-text-split': () =>
    message('info', [
      block.text(
        Array.from(
          { length: 90 },
          (_, i) => `Line ${i + 1}: the deployment rolled out revision ${i} & waited <2s>.`,
        ).join('\n'),
      ),
    ]),
  'fields-many': () =>
    message(
      'info',
      [
        block.fields(
          Array.from({ length: 13 }, (_, i) => ({
            label: `Label ${i + 1}`,
            value: i === 12 ? 'v'.repeat(2100) : `value ${i + 1}`,
          })),
        ),
      ],
      'Cluster info',
    ),
  'image-chart': () => {
    const m = message(
      'info',
      [block.text('Memory of shop/recommendations with the 6 h forecast.')],
      'Forecast',
    );
    m.image = {
      png: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      alt: 'memory forecast <of> web',
      filename: 'forecast.png',
    };
    m.partial = true;
    return m;
  },
};

export function fixtureAlert(overrides: Partial<Alert> = {}): Alert {
  return {
    id: 12,
    fingerprint: 'fp-12',
    source: 'analyzer',
    subject: { cluster: 'sim', kind: 'Deployment', namespace: 'shop', name: 'checkout' },
    reason: 'CrashLoopBackOff',
    severity: 'critical',
    state: 'firing',
    summary: 'checkout-7d9f-x2k4q keeps crashing (exit code 1) <!channel>',
    facts: { restarts: '7', ready: '0/3', exitCode: '1' },
    evidence: {
      owner: 'Deployment shop/checkout (ready 0/3)',
      pods: ['checkout-7d9f-x2k4q'],
      logs: { pod: 'checkout-7d9f-x2k4q', container: 'checkout', lines: hostileLines },
      events: [
        {
          at: fixedNow - 60_000,
          type: 'Warning',
          reason: 'BackOff',
          object: 'Pod/checkout-7d9f-x2k4q',
          message: 'Back-off restarting failed container <https://evil|x>',
          count: 7,
        },
      ],
    },
    firstSeenAt: fixedNow - 5 * 60_000,
    lastSeenAt: fixedNow,
    reopenTimes: [],
    flapping: false,
    notified: true,
    eventSeq: 1,
    ...overrides,
  };
}
