import { UserError } from '../../errors/user-error.js';
import type { Alert } from '../alert.js';

export type MatcherField =
  'cluster' | 'namespace' | 'kind' | 'name' | 'reason' | 'severity' | 'source';

/** One `field=value` (or `field!=value`) condition; `*` in the value matches any text. */
export interface Matcher {
  field: MatcherField;
  negate: boolean;
  value: string;
}

const aliases: Record<string, MatcherField> = {
  cluster: 'cluster',
  namespace: 'namespace',
  ns: 'namespace',
  kind: 'kind',
  name: 'name',
  object: 'name',
  reason: 'reason',
  alertname: 'reason',
  severity: 'severity',
  source: 'source',
};

const example = 'namespace=shop,reason=CrashLoopBackOff';

/** Parses `namespace=shop,reason=Crash*` (commas or spaces between conditions). */
export function parseMatchers(text: string): Matcher[] {
  const parts = text
    .split(/[,\s]+/)
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length === 0)
    throw new UserError('bad-input', 'The matcher is empty.', `Write it like ${example}.`);
  return parts.map((part) => {
    const m = /^([a-zA-Z]+)(!=|=)(.+)$/.exec(part);
    if (!m)
      throw new UserError(
        'bad-input',
        `"${part}" is not a matcher condition.`,
        `Write field=value, like ${example}.`,
      );
    const field = aliases[(m[1] as string).toLowerCase()];
    if (!field) {
      throw new UserError(
        'bad-input',
        `"${m[1]}" is not a field alerts can be matched on.`,
        'Use cluster, namespace, kind, name, reason, severity or source.',
      );
    }
    return { field, negate: m[2] === '!=', value: m[3] as string };
  });
}

export function formatMatchers(matchers: Matcher[]): string {
  return matchers.map((m) => `${m.field}${m.negate ? '!=' : '='}${m.value}`).join(',');
}

export function matchesAll(
  matchers: Matcher[],
  alert: Pick<Alert, 'subject' | 'reason' | 'severity' | 'source'>,
): boolean {
  return matchers.every((m) => glob(m.value, fieldOf(alert, m.field)) !== m.negate);
}

function fieldOf(
  alert: Pick<Alert, 'subject' | 'reason' | 'severity' | 'source'>,
  field: MatcherField,
): string {
  switch (field) {
    case 'cluster':
      return alert.subject.cluster;
    case 'namespace':
      return alert.subject.namespace;
    case 'kind':
      return alert.subject.kind;
    case 'name':
      return alert.subject.name;
    case 'reason':
      return alert.reason;
    case 'severity':
      return alert.severity;
    case 'source':
      return alert.source;
  }
}

function glob(pattern: string, text: string): boolean {
  if (!pattern.includes('*')) return pattern.toLowerCase() === text.toLowerCase();
  const regex = new RegExp(`^${pattern.split('*').map(escape).join('.*')}$`, 'i');
  return regex.test(text);
}

function escape(text: string): string {
  return text.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
}
