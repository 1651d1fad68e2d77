// Checks on the words of an execute_kubectl command once it is split: characters, flag values and
// what a delete may target. Each returns a refusal or undefined.

export type CheckCode = 'unicode' | 'output' | 'file-flag' | 'argument' | 'scope' | 'protected';

export interface CheckRefusal {
  code: CheckCode;
  reason: string;
}

const DASH_LOOKALIKES = /[\u00ad\u2010-\u2015\u2212\ufe58\ufe63\uff0d]/;
const INVISIBLE =
  /[\u00a0\u115f\u1160\u180e\u2000-\u200f\u2028-\u202f\u205f-\u206f\u3000\u3164\ufeff]/;

function codePoint(ch: string): string {
  return `U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** kubectl commands are ASCII; anything else is a look-alike, an invisible character or a typo. */
export function checkAscii(words: string[]): CheckRefusal | undefined {
  for (const word of words) {
    const match = /[^\x20-\x7e\t]/u.exec(word);
    if (!match) continue;
    const ch = match[0];
    let what = `the non-ASCII character ${codePoint(ch)}`;
    if (DASH_LOOKALIKES.test(ch)) {
      what = `${codePoint(ch)}, which looks like a dash but is not one (chat apps turn -- into a dash)`;
    } else if (INVISIBLE.test(ch)) {
      what = `the invisible character ${codePoint(ch)}`;
    } else if (ch >= '\uff01' && ch <= '\uff5e') {
      what = `${codePoint(ch)}, a full-width form of '${String.fromCharCode(ch.charCodeAt(0) - 0xfee0)}'`;
    }
    return {
      code: 'unicode',
      reason:
        `'${word}' contains ${what}. kubectl commands are plain ASCII: retype the command, or paste it ` +
        'inside a code block so your chat app leaves it alone.',
    };
  }
  return undefined;
}

const PLAIN_FORMATS = new Set([
  'wide',
  'name',
  'json',
  'yaml',
  'kyaml',
  'jsonpath',
  'jsonpath-as-json',
  'go-template',
  'template',
]);
const INLINE_TEMPLATE_FORMATS = new Set([
  'jsonpath',
  'jsonpath-as-json',
  'custom-columns',
  'go-template',
  'template',
]);
const FILE_FORMATS: Record<string, string> = {
  'go-template-file': 'go-template',
  templatefile: 'go-template',
  'jsonpath-file': 'jsonpath',
  'custom-columns-file': 'custom-columns',
};

export function checkOutputFormat(format: string): CheckRefusal | undefined {
  const eq = format.indexOf('=');
  const name = eq < 0 ? format : format.slice(0, eq);
  const inline = FILE_FORMATS[name.toLowerCase()];
  if (inline) {
    return {
      code: 'file-flag',
      reason: `-o ${name} reads the template from a local file; put the template inline instead: -o ${inline}=...`,
    };
  }
  const allowed =
    eq < 0 ? PLAIN_FORMATS.has(name) : INLINE_TEMPLATE_FORMATS.has(name) && eq < format.length - 1;
  if (allowed) return undefined;
  return {
    code: 'output',
    reason:
      `-o ${format} is not an output format execute_kubectl allows; use wide, name, json, yaml, ` +
      'jsonpath=..., jsonpath-as-json=..., custom-columns=... or go-template=...',
  };
}

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

export function checkNamespace(namespace: string): CheckRefusal | undefined {
  if (DNS_LABEL.test(namespace)) return undefined;
  return {
    code: 'argument',
    reason:
      `'${namespace}' is not a namespace name: use lower-case letters, digits and '-', ` +
      'at most 63 characters (e.g. -n shop).',
  };
}

export const PROTECTED_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

function isNamespaceType(type: string): boolean {
  const base = type.toLowerCase().split('.')[0] ?? '';
  return base === 'ns' || base === 'namespace' || base === 'namespaces';
}

/**
 * Writes that accept a bare type (`delete pods`, `rollout restart deployment`) act on every object
 * of that type, so they must name or select their targets; `delete` never removes the cluster's own
 * namespaces.
 */
export function checkWriteTargets(
  verb: string,
  positionals: string[],
  hasSelector: boolean,
): CheckRefusal | undefined {
  const howTo = `name the target (${verb} deploy web, ${verb} deploy/web) or select it (${verb} deploy -l app=web)`;
  if (positionals.length === 0) {
    return { code: 'scope', reason: `${verb} needs to know what to act on: ${howTo}.` };
  }
  const targets: { type: string; name?: string }[] = [];
  if (positionals.some((p) => p.includes('/'))) {
    for (const p of positionals) {
      const [type, name, ...rest] = p.split('/');
      if (!type || !name || rest.length > 0) {
        return {
          code: 'argument',
          reason: `'${p}' is not TYPE/NAME; write each target like deploy/web.`,
        };
      }
      targets.push({ type, name });
    }
  } else {
    const [typeList = '', ...names] = positionals;
    const types = typeList.split(',');
    if (names.length === 0 && !hasSelector) {
      return {
        code: 'scope',
        reason: `\`${verb} ${typeList}\` without a name acts on all of them; ${howTo}.`,
      };
    }
    for (const type of types) {
      if (names.length === 0) targets.push({ type });
      for (const name of names) targets.push({ type, name });
    }
  }
  for (const { type, name } of targets) {
    if (verb !== 'delete' || !isNamespaceType(type)) continue;
    if (name === undefined) {
      return {
        code: 'protected',
        reason:
          'Namespaces are deleted by name only, never by selector; name the namespace (delete namespace shop-old).',
      };
    }
    if (PROTECTED_NAMESPACES.includes(name)) {
      return {
        code: 'protected',
        reason: `The namespace ${name} belongs to the cluster itself and is never deleted through AI4K8s.`,
      };
    }
  }
  return undefined;
}
