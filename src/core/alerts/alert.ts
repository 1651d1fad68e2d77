/** What an alert is about: one object in one cluster (a workload, a bare pod, a node). */
export interface AlertSubject {
  cluster: string;
  /** `Deployment`, `StatefulSet`, `DaemonSet`, `Job`, `Pod`, `Node`, ... */
  kind: string;
  /** Empty for cluster-scoped objects (nodes). */
  namespace: string;
  name: string;
}

export type AlertSeverity = 'info' | 'warning' | 'critical';
export type AlertState = 'firing' | 'acknowledged' | 'resolved';

const severityRanks: Record<AlertSeverity, number> = { info: 0, warning: 1, critical: 2 };

export function severityRank(severity: AlertSeverity): number {
  return severityRanks[severity];
}

export interface EvidenceEvent {
  /** ms since the epoch */
  at: number;
  type: string;
  reason: string;
  object: string;
  message: string;
  count: number;
}

/** What an on-call engineer needs to see first, attached when an incident opens. */
export interface Evidence {
  /** The owning workload, e.g. `Deployment shop/checkout (ready 0/3)`. */
  owner?: string;
  /** Affected pods (at most a few names). */
  pods: string[];
  /** The last lines of the previous (crashed) container's log. */
  logs?: { pod: string; container: string; lines: string[]; error?: string };
  events: EvidenceEvent[];
}

/**
 * A problem an analyzer, detector or forecaster sees right now. The lifecycle turns findings
 * into incidents: one per fingerprint (cluster, kind, namespace, object, reason).
 */
export interface Finding {
  subject: AlertSubject;
  /** Stable name of the problem (`CrashLoopBackOff`, `OOMKilled`, `NodeNotReady`, ...): part of the fingerprint. */
  reason: string;
  severity: AlertSeverity;
  /** One line: what is wrong. */
  summary: string;
  /** Short labelled facts (`restarts: 7`, `ready: 0/3`), shown with the alert. */
  facts: Record<string, string>;
  /** Gathered only when an incident opens or reopens (it may call the API). */
  gatherEvidence?: () => Promise<Evidence>;
}

/** An incident as stored. */
export interface Alert {
  id: number;
  fingerprint: string;
  /** Who produces it (`analyzer`, `anomaly`, `forecast`): a pass of one source resolves only its own. */
  source: string;
  subject: AlertSubject;
  reason: string;
  severity: AlertSeverity;
  state: AlertState;
  summary: string;
  facts: Record<string, string>;
  evidence?: Evidence;
  explanation?: string;
  firstSeenAt: number;
  lastSeenAt: number;
  /** Set while the condition is clear but the alert is not yet resolved. */
  clearSince?: number;
  resolvedAt?: number;
  ackedBy?: string;
  ackedAt?: number;
  /** Times the incident was reopened within the cooldown (for flap damping). */
  reopenTimes: number[];
  flapping: boolean;
  /** True once a `new` notification was written (false while silenced from the start). */
  notified: boolean;
  /** Number of notification events written so far; the next one gets `eventSeq + 1`. */
  eventSeq: number;
}

/** `Deployment shop/checkout`, `Node worker-1`. */
export function subjectLabel(subject: AlertSubject): string {
  return subject.namespace
    ? `${subject.kind} ${subject.namespace}/${subject.name}`
    : `${subject.kind} ${subject.name}`;
}
