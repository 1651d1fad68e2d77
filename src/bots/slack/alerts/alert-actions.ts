import type { Alert } from '../../../core/alerts/alert.js';
import type { Button } from '../../../core/messages/index.js';

/** Action ids of the buttons on an alert message. */
export const alertActions = {
  explain: 'alert.explain',
  logs: 'alert.logs',
  ack: 'alert.ack',
  silence1h: 'alert.silence.1h',
  silence24h: 'alert.silence.24h',
} as const;

export type AlertActionId = (typeof alertActions)[keyof typeof alertActions];

/** What a button click needs to know about its alert (kept in the button value, max 2,000 chars). */
export interface AlertRef {
  id: number;
  cluster: string;
  kind: string;
  namespace: string;
  name: string;
  reason: string;
  /** A pod whose logs tell the story, and whether they are the crashed container's. */
  pod?: string;
  previous?: boolean;
}

export function alertRefOf(alert: Alert): AlertRef {
  const { subject } = alert;
  const ref: AlertRef = {
    id: alert.id,
    cluster: subject.cluster,
    kind: subject.kind,
    namespace: subject.namespace,
    name: subject.name,
    reason: alert.reason,
  };
  const pod = alert.evidence?.logs?.pod ?? alert.evidence?.pods[0];
  if (pod) ref.pod = pod;
  if (alert.evidence?.logs) ref.previous = true;
  return ref;
}

export function alertButtons(alert: Alert): Button[] {
  const value = JSON.stringify(alertRefOf(alert));
  const buttons: Button[] = [
    { id: alertActions.explain, label: 'Explain', style: 'primary', value },
  ];
  if (alert.subject.kind !== 'Node' && alert.subject.namespace) {
    buttons.push({ id: alertActions.logs, label: 'Show logs', style: 'default', value });
  }
  buttons.push(
    { id: alertActions.ack, label: 'Acknowledge', style: 'default', value },
    { id: alertActions.silence1h, label: 'Silence 1h', style: 'default', value },
    { id: alertActions.silence24h, label: 'Silence 24h', style: 'default', value },
  );
  return buttons;
}

/** Reads a button value back; undefined when it is not one of ours (old or forged). */
export function parseAlertRef(value: string | undefined): AlertRef | undefined {
  if (!value) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return undefined;
  }
  const r = parsed as Partial<AlertRef>;
  const strings = [r.cluster, r.kind, r.namespace, r.name, r.reason];
  if (!Number.isInteger(r.id) || strings.some((s) => typeof s !== 'string')) return undefined;
  if (r.pod !== undefined && typeof r.pod !== 'string') return undefined;
  return r as AlertRef;
}

/**
 * The chat line a click stands for: the agent runs it with the clicking user's role, as if they
 * had typed it in the alert's thread. `private` answers go to the clicker only (the alert thread
 * already gets the acknowledgement as an update).
 */
export function alertCommandLine(
  action: AlertActionId,
  ref: AlertRef,
): { text: string; private: boolean } {
  const where = ref.namespace ? `${ref.namespace}/` : '';
  switch (action) {
    case alertActions.explain:
      return {
        text: `Explain alert ${ref.id}: ${ref.reason} on ${ref.kind} ${where}${ref.name}. What is the likely cause, and what should I do?`,
        private: false,
      };
    case alertActions.logs: {
      const target = `${where}${ref.pod ?? ref.name}`;
      return {
        text: `logs ${target} --tail 50${ref.previous ? ' --previous' : ''}`,
        private: false,
      };
    }
    case alertActions.ack:
      return { text: `ack ${ref.id}`, private: true };
    case alertActions.silence1h:
      return { text: `silence ${ref.id} 1h`, private: false };
    case alertActions.silence24h:
      return { text: `silence ${ref.id} 24h`, private: false };
  }
}
