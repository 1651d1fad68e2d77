import { severityRank, type Alert, type Evidence, type Finding } from '../alert.js';
import type { NotificationKind } from '../notifier.js';

/** The lifecycle settings, in milliseconds. */
export interface LifecycleSettings {
  resolveAfterMs: number;
  cooldownMs: number;
  flapReopenCount: number;
  flapWindowMs: number;
  flapHoldMs: number;
}

export interface NotifyIntent {
  kind: NotificationKind;
  change?: string;
}

export interface Transition {
  alert: Alert;
  /** The row must be written (false for a finding that changes nothing worth storing). */
  write: boolean;
  notify?: NotifyIntent;
}

/** A new incident from a finding nobody has seen within the cooldown. */
export function openAlert(
  finding: Finding,
  fingerprint: string,
  source: string,
  now: number,
  evidence?: Evidence,
): Omit<Alert, 'id'> {
  const alert: Omit<Alert, 'id'> = {
    fingerprint,
    source,
    subject: { ...finding.subject },
    reason: finding.reason,
    severity: finding.severity,
    state: 'firing',
    summary: finding.summary,
    facts: { ...finding.facts },
    firstSeenAt: now,
    lastSeenAt: now,
    reopenTimes: [],
    flapping: false,
    notified: false,
    eventSeq: 0,
  };
  if (evidence) alert.evidence = evidence;
  return alert;
}

/** The same problem again within the cooldown: the old incident fires again (maybe flapping now). */
export function reopenAlert(
  previous: Alert,
  finding: Finding,
  now: number,
  settings: LifecycleSettings,
  evidence?: Evidence,
): Transition {
  const reopenTimes = [...previous.reopenTimes.filter((t) => now - t < settings.flapWindowMs), now];
  const flapping = reopenTimes.length >= settings.flapReopenCount;
  const alert: Alert = {
    ...previous,
    state: 'firing',
    severity: finding.severity,
    summary: finding.summary,
    facts: { ...finding.facts },
    lastSeenAt: now,
    reopenTimes,
    flapping,
  };
  delete alert.resolvedAt;
  delete alert.clearSince;
  delete alert.ackedBy;
  delete alert.ackedAt;
  if (evidence) alert.evidence = evidence;
  const minutes = Math.round(settings.flapWindowMs / 60_000);
  const hold = Math.round(settings.flapHoldMs / 60_000);
  const change = flapping
    ? `flapping: fired again ${reopenTimes.length} times in ${minutes} min; it resolves once clear for ${hold} min`
    : 'firing again';
  return { alert, write: true, notify: { kind: 'update', change } };
}

/**
 * A finding for an open incident: keeps it firing and reports a rise in severity. Severity never
 * drops within an incident: a crash loop whose pod is Ready for a moment between crashes would
 * otherwise post an update on every crash.
 */
export function refreshAlert(current: Alert, finding: Finding, now: number): Transition {
  const severity =
    severityRank(finding.severity) > severityRank(current.severity)
      ? finding.severity
      : current.severity;
  const alert: Alert = {
    ...current,
    lastSeenAt: now,
    summary: finding.summary,
    facts: { ...finding.facts },
    severity,
  };
  delete alert.clearSince;
  const severityChanged = severity !== current.severity;
  const write =
    severityChanged ||
    current.clearSince !== undefined ||
    current.summary !== finding.summary ||
    !sameFacts(current.facts, finding.facts);
  if (!severityChanged || current.state !== 'firing') return { alert, write };
  return {
    alert,
    write,
    notify: { kind: 'update', change: `severity ${current.severity} -> ${severity}` },
  };
}

/** No finding for an open incident: it starts clearing, and resolves once clear long enough. */
export function clearAlert(current: Alert, now: number, settings: LifecycleSettings): Transition {
  const clearSince = current.clearSince ?? now;
  const alert: Alert = { ...current, clearSince };
  const resolved = resolveIfDue(alert, now, settings);
  if (resolved) return resolved;
  return { alert, write: current.clearSince === undefined };
}

/** Resolves an incident whose condition has been clear for the hold time (longer when flapping). */
export function resolveIfDue(
  current: Alert,
  now: number,
  settings: LifecycleSettings,
): Transition | undefined {
  if (current.clearSince === undefined || current.state === 'resolved') return undefined;
  const hold = current.flapping ? settings.flapHoldMs : settings.resolveAfterMs;
  if (now - current.clearSince < hold) return undefined;
  const alert: Alert = { ...current, state: 'resolved', resolvedAt: now, flapping: false };
  delete alert.clearSince;
  return { alert, write: true, notify: { kind: 'resolved' } };
}

/** `firing -> acknowledged`; repeats and resolved incidents are refused by the caller. */
export function acknowledgeAlert(current: Alert, by: string, now: number): Transition {
  return {
    alert: { ...current, state: 'acknowledged', ackedBy: by, ackedAt: now },
    write: true,
    notify: { kind: 'update', change: `acknowledged by ${by}` },
  };
}

function sameFacts(a: Record<string, string>, b: Record<string, string>): boolean {
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => a[k] === b[k]);
}
