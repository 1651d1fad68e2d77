import type { ChatRequest } from '../agent/chat-request.js';
import type { CoreMessage } from '../messages/core-message.js';
import { renderPlainTextAll } from '../messages/render-plain-text.js';
import { subjectLabel, type Alert } from './alert.js';

/** What of the agent the explainer uses (`Agent` fits). */
export interface QuestionAnswerer {
  handle(request: ChatRequest): Promise<CoreMessage[]>;
}

/**
 * The lifecycle's `explainer` when AI answers are on: Claude investigates the alert through the
 * same tools as a viewer (read-only, so nothing it reads can lead to a change), once per
 * fingerprint; the lifecycle caches the answer for every repeat.
 */
export function explainWithAgent(agent: QuestionAnswerer): (alert: Alert) => Promise<string> {
  return async (alert) => {
    const messages = await agent.handle({
      platform: 'web',
      role: 'viewer',
      channelId: 'alert-explanations',
      threadId: `alert-${alert.fingerprint}`,
      userId: 'ai4k8s-alerts',
      userName: 'AI4K8s alerts',
      cluster: alert.subject.cluster,
      text:
        `Why is this happening? Alert ${alert.reason} (${alert.severity}) on ` +
        `${alert.subject.kind} ${subjectLabel(alert.subject)} in cluster ${alert.subject.cluster}: ` +
        `${alert.summary}. Gather evidence with the tools, then give the likely cause and the next ` +
        'step for the on-call engineer in at most five sentences.',
    });
    return renderPlainTextAll(messages).trim();
  };
}
