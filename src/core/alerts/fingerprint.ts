import { createHash } from 'node:crypto';
import type { AlertSubject } from './alert.js';

/**
 * The identity of an incident: (cluster, kind, namespace, object, reason). The same problem on
 * the same object is always the same incident, whatever changes in its details.
 */
export function fingerprintOf(subject: AlertSubject, reason: string): string {
  const canonical = [subject.cluster, subject.kind, subject.namespace, subject.name, reason].join(
    '\u0000',
  );
  return createHash('sha256').update(canonical).digest('hex').slice(0, 16);
}
