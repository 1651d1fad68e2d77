// Label selectors (the query-string syntax and the LabelSelector struct) and field selectors.
import type { KubeObject, LabelSelector } from '../objects/types.js';

type Requirement =
  | { op: 'eq' | 'neq'; key: string; value: string }
  | { op: 'in' | 'notin'; key: string; values: string[] }
  | { op: 'exists' | 'notexists'; key: string };

export type LabelMatcher = (labels: Record<string, string> | undefined) => boolean;

export class SelectorError extends Error {}

/** Splits on commas that are not inside parentheses ("a in (x,y),b=c"). */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts.map((p) => p.trim()).filter((p) => p.length > 0);
}

function parseRequirement(part: string): Requirement {
  let m = /^(\S+?)\s+(in|notin)\s+\(([^)]*)\)$/.exec(part);
  if (m) {
    const values = (m[3] ?? '')
      .split(',')
      .map((v) => v.trim())
      .filter(Boolean);
    return { op: m[2] === 'in' ? 'in' : 'notin', key: m[1] ?? '', values };
  }
  m = /^([^=!\s]+)\s*(==|=|!=)\s*(\S*)$/.exec(part);
  if (m) return { op: m[2] === '!=' ? 'neq' : 'eq', key: m[1] ?? '', value: m[3] ?? '' };
  m = /^!\s*([^=!\s]+)$/.exec(part);
  if (m) return { op: 'notexists', key: m[1] ?? '' };
  if (/^[A-Za-z0-9][-A-Za-z0-9_./]*$/.test(part)) return { op: 'exists', key: part };
  throw new SelectorError(
    `unable to parse requirement: found '${part}', expected: key, '=', '!=', 'in' or 'notin'`,
  );
}

function matcherOf(reqs: Requirement[]): LabelMatcher {
  return (labels) => {
    const l = labels ?? {};
    for (const r of reqs) {
      const has = Object.prototype.hasOwnProperty.call(l, r.key);
      const v = l[r.key];
      switch (r.op) {
        case 'eq':
          if (v !== r.value) return false;
          break;
        case 'neq':
          if (v === r.value) return false;
          break;
        case 'in':
          if (!has || !r.values.includes(v ?? '')) return false;
          break;
        case 'notin':
          if (has && r.values.includes(v ?? '')) return false;
          break;
        case 'exists':
          if (!has) return false;
          break;
        case 'notexists':
          if (has) return false;
          break;
      }
    }
    return true;
  };
}

/** Parses `app=web,tier in (a,b),!canary`. Empty selects everything. */
export function parseLabelSelector(text: string | undefined | null): LabelMatcher {
  if (!text) return () => true;
  return matcherOf(splitTopLevel(text).map(parseRequirement));
}

/** The LabelSelector struct of a workload spec. An empty struct selects everything. */
export function labelSelectorMatcher(sel: LabelSelector | undefined): LabelMatcher {
  if (!sel) return () => false;
  const reqs: Requirement[] = Object.entries(sel.matchLabels ?? {}).map(([key, value]) => ({
    op: 'eq',
    key,
    value,
  }));
  for (const e of sel.matchExpressions ?? []) {
    const op = e.operator.toLowerCase();
    if (op === 'in' || op === 'notin') reqs.push({ op, key: e.key, values: e.values ?? [] });
    else if (op === 'exists') reqs.push({ op: 'exists', key: e.key });
    else if (op === 'doesnotexist') reqs.push({ op: 'notexists', key: e.key });
  }
  return matcherOf(reqs);
}

/** `app=web,tier=front` from a LabelSelector, as the scale subresource and kubectl print it. */
export function selectorString(sel: LabelSelector | undefined): string {
  const parts = Object.entries(sel?.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
  for (const e of sel?.matchExpressions ?? []) {
    const op = e.operator.toLowerCase();
    if (op === 'exists') parts.push(e.key);
    else if (op === 'doesnotexist') parts.push(`!${e.key}`);
    else parts.push(`${e.key} ${op} (${(e.values ?? []).join(',')})`);
  }
  return parts.join(',');
}

export type FieldGetter = (obj: KubeObject) => string | undefined;
export type FieldMatcher = (obj: KubeObject) => boolean;

/**
 * Parses a field selector against the fields a resource supports; an unknown field is the
 * 400 BadRequest the API server answers ("field label not supported: X").
 */
export function parseFieldSelector(
  text: string | undefined | null,
  fields: Record<string, FieldGetter>,
): FieldMatcher {
  if (!text) return () => true;
  const checks: Array<{ get: FieldGetter; value: string; negate: boolean }> = [];
  for (const part of splitTopLevel(text)) {
    const m = /^([^=!]+)(==|=|!=)(.*)$/.exec(part);
    if (!m) throw new SelectorError(`invalid selector: '${text}'; can't understand '${part}'`);
    const field = (m[1] ?? '').trim();
    const get = fields[field];
    if (!get) throw new SelectorError(`field label not supported: ${field}`);
    checks.push({ get, value: (m[3] ?? '').trim(), negate: m[2] === '!=' });
  }
  return (obj) => checks.every((c) => ((c.get(obj) ?? '') === c.value) !== c.negate);
}
