import type { Notifier, OutboundNotification } from '../../../core/alerts/notifier.js';
import type { Logger } from '../../../core/log/logger.js';
import type { Alert } from '../../../core/alerts/alert.js';
import type { CoreMessage, MessageImage } from '../../../core/messages/index.js';
import { uploadFiles } from '../reply/upload-files.js';
import { renderMessage } from '../render.js';
import type { SlackClient } from '../reply/slack-client.js';
import {
  alertOpenedMessage,
  alertResolvedMessage,
  alertResolvedReply,
  alertUpdateMessage,
} from './alert-message.js';
import { findPostedNotification, notificationMetadata } from './find-posted.js';
import { classifySlackFailure } from './notifier-errors.js';

export interface SlackNotifierOptions {
  /** A client with its own retries off and rate-limited calls rejected (see createNotifierClient). */
  client: SlackClient;
  logger: Logger;
  /** Message ids remembered per notification key, so a repeated call does not post again. */
  rememberKeys?: number;
  /** A chart for an incident's first message (predictive alerts: history, forecast band, limit). */
  chartFor?: (alert: Alert) => Promise<MessageImage | undefined>;
}

const renderOptions = { allowFiles: false, cutHint: 'Press Show logs for more.' };

/**
 * Alerts in Slack: an incident's first notification is a message in the bound channel, updates
 * are replies in its thread, and resolution edits the first message and says so in the thread.
 * Every message carries its notification key in `metadata`; after a failure that may have posted
 * anyway (5xx, timeout), the channel is searched for that key before posting again, so the
 * outbox's at-least-once retries show up exactly once.
 */
export class SlackNotifier implements Notifier {
  readonly platform = 'slack';
  private readonly client: SlackClient;
  private readonly log: Logger;
  private readonly posted = new Map<string, string>();
  private readonly inDoubt = new Set<string>();
  private readonly inFlight = new Map<string, Promise<unknown>>();

  constructor(private readonly options: SlackNotifierOptions) {
    this.client = options.client;
    this.log = options.logger.child({ component: 'slack-notifier' });
  }

  async deliver(n: OutboundNotification): Promise<{ messageId: string }> {
    // The outbox may give up on a hung call and retry: let the first one settle before deciding.
    const earlier = this.inFlight.get(n.key);
    if (earlier) await earlier.catch(() => undefined);
    const attempt = this.attempt(n);
    this.inFlight.set(n.key, attempt);
    try {
      return await attempt;
    } finally {
      if (this.inFlight.get(n.key) === attempt) this.inFlight.delete(n.key);
    }
  }

  private async attempt(n: OutboundNotification): Promise<{ messageId: string }> {
    const known = this.posted.get(n.key);
    if (known) return { messageId: known };
    try {
      const ts = await this.send(n);
      this.remember(n.key, ts);
      return { messageId: ts };
    } catch (error) {
      const failure = classifySlackFailure(error);
      this.log.warn(
        { key: n.key, kind: n.kind, channel: n.channel.channel, error: failure.error.message },
        'Slack notification failed',
      );
      throw failure.error;
    }
  }

  private async send(n: OutboundNotification): Promise<string> {
    const channel = n.channel.channel;
    const root = n.previousMessageId;
    switch (n.kind) {
      case 'new': {
        const ts = await this.post(n.key, channel, undefined, alertOpenedMessage(n.alert));
        await this.attachChart(n.alert, channel, ts);
        return ts;
      }
      case 'update':
        return this.post(n.key, channel, root, alertUpdateMessage(n));
      case 'resolved':
        if (!root) return this.post(n.key, channel, undefined, alertResolvedMessage(n.alert));
        await this.editRoot(channel, root, alertResolvedMessage(n.alert));
        return this.post(n.key, channel, root, alertResolvedReply(n.alert));
    }
  }

  private async post(
    key: string,
    channel: string,
    threadTs: string | undefined,
    msg: CoreMessage,
  ): Promise<string> {
    if (this.inDoubt.has(key)) {
      const found = await findPostedNotification(this.client, {
        channel,
        key,
        ...(threadTs ? { threadTs } : {}),
      });
      this.inDoubt.delete(key);
      if (found) {
        this.log.info(
          { key, ts: found },
          'an earlier attempt had posted this notification; not posting again',
        );
        return found;
      }
    }
    const rendered = renderMessage(msg, renderOptions);
    try {
      const result = await this.client.chat.postMessage({
        channel,
        ...(threadTs ? { thread_ts: threadTs } : {}),
        text: rendered.text,
        blocks: rendered.blocks,
        metadata: notificationMetadata(key),
        unfurl_links: false,
        unfurl_media: false,
      });
      if (!result.ts) throw new Error('chat.postMessage answered without a message ts');
      return result.ts;
    } catch (error) {
      // Only a post that may have gone through makes the next attempt search before posting.
      if (classifySlackFailure(error).ambiguous) this.inDoubt.add(key);
      throw error;
    }
  }

  /** Resolution rewrites the first message; if it is gone, the thread reply still says it. */
  private async editRoot(channel: string, ts: string, msg: CoreMessage): Promise<void> {
    const rendered = renderMessage(msg, renderOptions);
    try {
      await this.client.chat.update({ channel, ts, text: rendered.text, blocks: rendered.blocks });
    } catch (error) {
      const failure = classifySlackFailure(error);
      if (failure.error.retryable) throw error;
      this.log.warn(
        { channel, ts, error: failure.error.message },
        'could not mark the alert message resolved; replying only',
      );
    }
  }

  /** Best effort: the alert is already posted, so a chart that fails is logged, never retried. */
  private async attachChart(alert: Alert, channel: string, threadTs: string): Promise<void> {
    const chartFor = this.options.chartFor;
    if (!chartFor) return;
    try {
      const image = await chartFor(alert);
      if (!image) return;
      const file = {
        filename: image.filename ?? 'forecast.png',
        title: image.alt,
        content: Buffer.from(image.png),
        altText: image.alt,
      };
      await uploadFiles(this.client, { channel, threadTs }, [file], this.log, { quiet: true });
    } catch (error) {
      this.log.warn({ err: error, alert: alert.id }, 'could not draw the alert chart');
    }
  }

  private remember(key: string, ts: string): void {
    this.posted.set(key, ts);
    const limit = this.options.rememberKeys ?? 5000;
    if (this.posted.size > limit) {
      const oldest = this.posted.keys().next().value;
      if (oldest !== undefined) this.posted.delete(oldest);
    }
  }
}
