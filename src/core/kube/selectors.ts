import type { V1LabelSelector } from '@kubernetes/client-node';
import { UserError } from '../errors/user-error.js';

type Labels = Record<string, string> | undefined;
export type LabelPredicate = (labels: Labels) => boolean;

const key = String.raw`[A-Za-z0-9]([-A-Za-z0-9_./]*[A-Za-z0-9])?`;
const value = String.raw`[A-Za-z0-9._-]*`;
const equality = new RegExp(String.raw`^(${key})\s*(==|=|!=)\s*(${value})$`);
const setBased = new RegExp(String.raw`^(${key})\s+(in|notin)\s*\((.*)\)$`);
const exists = new RegExp(String.raw`^(${key})$`);
const notExists = new RegExp(String.raw`^!\s*(${key})$`);
const numeric = new RegExp(String.raw`^(${key})\s*(<|>)\s*(-?\d+)$`);
const valueOnly = new RegExp(String.raw`^${value}$`);

const labelHint = 'Use the kubectl syntax, e.g. `app=web,tier!=cache` or `env in (prod,staging)`.';

/** Parses a kubectl label selector (`a=b,c!=d,e in (x,y),!f,g`); throws `UserError` when malformed. */
export function parseLabelSelector(text: string): LabelPredicate {
  const parts = splitTopLevel(text.trim());
  if (parts.length === 1 && parts[0] === '') return () => true;
  const tests = parts.map((raw): LabelPredicate => {
    const part = raw.trim();
    let m = equality.exec(part);
    if (m) {
      const [k, op, v] = [m[1] as string, m[3], m[4] as string];
      return op === '!=' ? (l) => l?.[k] !== v : (l) => l?.[k] === v;
    }
    m = setBased.exec(part);
    if (m) {
      const k = m[1] as string;
      const values = (m[4] as string).split(',').map((s) => s.trim());
      if (values.some((v) => !valueOnly.test(v))) throw badLabel(text, part);
      const set = new Set(values);
      return m[3] === 'in'
        ? (l) => l?.[k] !== undefined && set.has(l[k])
        : (l) => l?.[k] === undefined || !set.has(l[k]);
    }
    m = notExists.exec(part);
    if (m) {
      const k = m[1] as string;
      return (l) => l?.[k] === undefined;
    }
    m = exists.exec(part);
    if (m) {
      const k = m[1] as string;
      return (l) => l?.[k] !== undefined;
    }
    m = numeric.exec(part);
    if (m) {
      const [k, op, n] = [m[1] as string, m[3], Number(m[4])];
      return (l) => {
        const v = l?.[k] === undefined ? NaN : Number(l[k]);
        return Number.isInteger(v) && (op === '<' ? v < n : v > n);
      };
    }
    throw badLabel(text, part);
  });
  return (labels) => tests.every((test) => test(labels));
}

/** Does a workload's `spec.selector` (matchLabels + matchExpressions) select these labels? */
export function matchesSelector(selector: V1LabelSelector | undefined, labels: Labels): boolean {
  if (!selector) return false;
  const matchLabels = selector.matchLabels ?? {};
  const expressions = selector.matchExpressions ?? [];
  // An empty selector selects nothing for our purposes (Kubernetes forbids it on workloads).
  if (Object.keys(matchLabels).length === 0 && expressions.length === 0) return false;
  for (const [k, v] of Object.entries(matchLabels)) if (labels?.[k] !== v) return false;
  for (const e of expressions) {
    const current = labels?.[e.key];
    const values = e.values ?? [];
    switch (e.operator) {
      case 'In':
        if (current === undefined || !values.includes(current)) return false;
        break;
      case 'NotIn':
        if (current !== undefined && values.includes(current)) return false;
        break;
      case 'Exists':
        if (current === undefined) return false;
        break;
      case 'DoesNotExist':
        if (current !== undefined) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

/** Does a Service's plain `spec.selector` map select these labels? (An empty map selects nothing.) */
export function matchesLabelMap(
  selector: Record<string, string> | undefined,
  labels: Labels,
): boolean {
  const entries = Object.entries(selector ?? {});
  return entries.length > 0 && entries.every(([k, v]) => labels?.[k] === v);
}

/** Parses `field=value,field!=value` for the given fields; throws `UserError` naming the supported ones. */
export function parseFieldSelector<T>(
  text: string,
  fields: Record<string, (object: T) => string | undefined>,
): (object: T) => boolean {
  const supported = Object.keys(fields).join(', ');
  const parts = text
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
  const tests = parts.map((part) => {
    const m = /^([A-Za-z.]+)\s*(==|=|!=)\s*(.*)$/.exec(part);
    if (!m) {
      throw new UserError(
        'bad-input',
        `fieldSelector part "${part}" is not field=value or field!=value.`,
        `Supported fields: ${supported}.`,
      );
    }
    const [field, op, wanted] = [m[1] as string, m[2], (m[3] as string).trim()];
    const read = fields[field];
    if (!read)
      throw new UserError(
        'bad-input',
        `fieldSelector field "${field}" is not supported.`,
        `Supported fields: ${supported}.`,
      );
    return op === '!='
      ? (o: T) => (read(o) ?? '') !== wanted
      : (o: T) => (read(o) ?? '') === wanted;
  });
  return (object) => tests.every((test) => test(object));
}

/** Splits on commas that are not inside parentheses (`a in (x,y),b=c`). */
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
    } else {
      current += ch;
    }
  }
  parts.push(current);
  return parts;
}

function badLabel(text: string, part: string): UserError {
  return new UserError(
    'bad-input',
    `labelSelector "${text}" is not valid near "${part}".`,
    labelHint,
  );
}
