import { PassThrough } from 'node:stream';
import { expect, it } from 'vitest';
import type { Alert } from '../../../src/core/alerts/alert.js';
import { LogNotifier } from '../../../src/core/alerts/log-notifier.js';
import { createLogger } from '../../../src/core/log/logger.js';

it('writes new, update and resolved notifications to the log, message id = notification key', async () => {
  const stream = new PassThrough();
  const lines: Array<{ level: number; msg: string; alert: number }> = [];
  stream.on('data', (d: Buffer) => {
    for (const l of d.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(l));
  });
  const notifier = new LogNotifier(createLogger({ destination: stream, pretty: false }));
  const alert: Alert = {
    id: 7,
    fingerprint: 'f',
    source: 'analyzer',
    subject: { cluster: 'prod', kind: 'Deployment', namespace: 'shop', name: 'worker' },
    reason: 'CrashLoopBackOff',
    severity: 'critical',
    state: 'firing',
    summary: 'worker-1 crash-looping: exited with code 1',
    facts: { restarts: '4' },
    evidence: {
      owner: 'Deployment shop/worker (ready 0/1)',
      pods: ['worker-1'],
      events: [
        {
          at: 0,
          type: 'Warning',
          reason: 'BackOff',
          object: 'Pod/worker-1',
          message: 'Back-off restarting',
          count: 3,
        },
      ],
      logs: {
        pod: 'worker-1',
        container: 'worker',
        lines: ['{"level":"fatal","msg":"giving up"}'],
      },
    },
    firstSeenAt: 0,
    lastSeenAt: 0,
    reopenTimes: [],
    flapping: false,
    notified: true,
    eventSeq: 1,
  };
  const channel = { platform: 'cli', channel: 'log' };
  expect(await notifier.deliver({ key: 'alert-7.1.cli.log', kind: 'new', alert, channel })).toEqual(
    { messageId: 'alert-7.1.cli.log' },
  );
  await notifier.deliver({
    key: 'alert-7.2.cli.log',
    kind: 'update',
    alert,
    channel,
    change: 'acknowledged by ada',
    previousMessageId: 'alert-7.1.cli.log',
  });
  await notifier.deliver({
    key: 'alert-7.3.cli.log',
    kind: 'resolved',
    alert,
    channel,
    previousMessageId: 'alert-7.1.cli.log',
  });
  await new Promise((r) => setImmediate(r));
  expect(lines.map((l) => l.msg.split('\n')[0])).toEqual([
    '[alert #7 CRITICAL] CrashLoopBackOff on Deployment shop/worker (cluster prod)',
    '[alert #7 CRITICAL] CrashLoopBackOff on Deployment shop/worker (cluster prod): acknowledged by ada',
    '[alert #7 CRITICAL] CrashLoopBackOff on Deployment shop/worker (cluster prod): resolved',
  ]);
  expect(lines[0]?.msg).toContain('event: BackOff: Back-off restarting');
  expect(lines[0]?.msg).toContain('{"level":"fatal","msg":"giving up"}');
  expect(lines.map((l) => l.alert)).toEqual([7, 7, 7]);
});
