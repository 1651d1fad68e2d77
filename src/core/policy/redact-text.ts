// Masks secrets found in free text: logs, describe output, env dumps, exec output. Every pattern
// is linear: quantifiers are bounded or follow a lookbehind that allows one start per run, and the
// scanners that need more than a pattern (private key blocks, `name=value` assignments) walk the
// text once with indexOf.
import { redactAssignments } from './redact-assignments.js';
import { isSecretName } from './secret-name.js';
import { MASK } from './mask.js';

const TOKEN_PATTERNS: RegExp[] = [
  // JWTs (service account tokens, OIDC id tokens): base64url header and payload, optional signature.
  /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/g,
  // AWS access key ids.
  /(?<![A-Za-z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Za-z0-9])/g,
  // GitHub, GitLab, npm, Slack, Google, Stripe, Anthropic and OpenAI tokens.
  /(?<![A-Za-z0-9_-])(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{30,}|glpat-[A-Za-z0-9_-]{20,}|npm_[A-Za-z0-9]{36,}|xox[abposr]-[A-Za-z0-9-]{10,}|xapp-[A-Za-z0-9-]{10,}|AIza[A-Za-z0-9_-]{35}|[rs]k_(?:live|test)_[A-Za-z0-9]{16,}|sk-(?:ant|proj|svcacct|admin)-[A-Za-z0-9_-]{20,}|sk-[A-Za-z0-9]{40,})/g,
];

// `Bearer <token>` anywhere; a short word after "bearer" is prose ("the bearer token expired").
const BEARER = /(?<![A-Za-z0-9_-])(bearer)[ \t]+[A-Za-z0-9._~+/-]{8,}=*/gi;

// scheme://user:password@host; anchored on the literal `://` so plain words cost nothing.
const URL_CREDENTIALS = /(:\/\/[^\s/:@]{0,200}):[^\s/@]{1,200}@/g;

// `--token abc` or `--password "a b"` on a command line.
const FLAG_WITH_VALUE =
  /(?<![A-Za-z0-9_-])(--?[A-Za-z][A-Za-z0-9_-]{0,80})([ \t]+)("[^"\r\n]*"|'[^'\r\n]*'|[^\s<"'-][^\s,;&"']*)/g;

const PRIVATE_KEY_HEADER = /-----BEGIN (?:[A-Z0-9]+ ){0,4}PRIVATE KEY(?: BLOCK)?-----/y;

/** Cheap first look for redactObject: a string without any of these has nothing to mask. */
const MIGHT_HOLD_SECRET =
  /[:=@]|eyJ|-----BEGIN|AKIA|ASIA|gh[pousr]_|github_pat_|glpat-|npm_|xox|xapp-|AIza|[rs]k_|sk-|bearer|(?:^|\s)--?[A-Za-z]/i;

export function mightHoldSecret(text: string): boolean {
  return MIGHT_HOLD_SECRET.test(text);
}

export function redactText(text: string): string {
  if (text.length === 0) return text;
  let out = redactPrivateKeys(text);
  for (const pattern of TOKEN_PATTERNS) out = out.replace(pattern, MASK);
  out = out.replace(BEARER, `$1 ${MASK}`);
  out = out.replace(URL_CREDENTIALS, `$1:${MASK}@`);
  out = out.replace(FLAG_WITH_VALUE, maskFlagValue);
  return redactAssignments(out);
}

function maskFlagValue(match: string, flag: string, space: string, value: string): string {
  if (!isSecretName(flag.replace(/^-+/, ''))) return match;
  const quote = value[0] === '"' || value[0] === "'" ? value[0] : '';
  if (value === `${quote}${MASK}${quote}`) return match;
  return `${flag}${space}${quote}${MASK}${quote}`;
}

/** Whole PEM private key blocks; a block with no END line is masked to the end of the text. */
function redactPrivateKeys(text: string): string {
  let begin = text.indexOf('-----BEGIN ');
  if (begin < 0) return text;
  const parts: string[] = [];
  let last = 0;
  while (begin >= 0) {
    PRIVATE_KEY_HEADER.lastIndex = begin;
    const header = PRIVATE_KEY_HEADER.exec(text);
    if (!header) {
      begin = text.indexOf('-----BEGIN ', begin + 11);
      continue;
    }
    const endLine = text.indexOf('-----END ', begin + header[0].length);
    const close = endLine < 0 ? -1 : text.indexOf('-----', endLine + 9);
    const stop = close < 0 || close - endLine > 80 ? text.length : close + 5;
    parts.push(text.slice(last, begin), MASK);
    last = stop;
    begin = text.indexOf('-----BEGIN ', stop);
  }
  parts.push(text.slice(last));
  return parts.join('');
}
