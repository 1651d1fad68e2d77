import type { Logger } from '../log/logger.js';
import { subjectLabel } from './alert.js';
import type { Notifier, OutboundNotification } from './notifier.js';

/**
 * Writes alerts to the terminal log (stderr): the demo's channel when no chat platform is
 * configured. Message ids are the notification keys, so updates name their incident.
 */
export class LogNotifier implements Notifier {
  constructor(
    private readonly logger: Logger,
    readonly platform = 'cli',
  ) {}

  async deliver(n: OutboundNotification): Promise<{ messageId: string }> {
    const a = n.alert;
    const head = `[alert #${a.id} ${a.severity.toUpperCase()}] ${a.reason} on ${subjectLabel(a.subject)} (cluster ${a.subject.cluster})`;
    const facts = Object.entries(a.facts).map(([k, v]) => `${k}: ${v}`);
    const log = this.logger.child({ component: 'alerts', alert: a.id, notification: n.key });
    switch (n.kind) {
      case 'new': {
        const lines = [head, `  ${a.summary}`];
        if (facts.length) lines.push(`  ${facts.join(', ')}`);
        if (a.evidence?.owner) lines.push(`  owner: ${a.evidence.owner}`);
        for (const e of a.evidence?.events.slice(0, 3) ?? [])
          lines.push(`  event: ${e.reason}: ${e.message}`);
        const logs = a.evidence?.logs;
        if (logs && logs.lines.length)
          lines.push(
            `  last log lines of ${logs.pod}/${logs.container}:`,
            ...logs.lines.slice(-5).map((l) => `    ${l}`),
          );
        log.warn(lines.join('\n'));
        break;
      }
      case 'update':
        log.warn(`${head}: ${n.change ?? a.summary}`);
        break;
      case 'resolved':
        log.info(`${head}: resolved`);
        break;
    }
    return { messageId: n.key };
  }
}
