// The one place that masks secrets before anything leaves the tool registry or the kubectl proxy.
// redactObject walks Kubernetes objects (Secrets, SecretLists, Tables, pods' env, last-applied
// annotations) and sends every string through redactText. Both are idempotent.
import { MASK } from './mask.js';
import { mightHoldSecret, redactText } from './redact-text.js';
import { isSecretName } from './secret-name.js';

export { MASK, redactText, isSecretName };

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';
/** Deeper than any Kubernetes object; a hostile answer nested deeper is masked, not walked. */
const MAX_DEPTH = 200;
/** `key: password` names a key (secretKeyRef, selectors, tolerations); it does not hold a secret. */
const STRUCTURAL_KEYS = new Set(['key', 'keys', 'Key', 'KEY']);
const FLAG = /^--?[A-Za-z][A-Za-z0-9_-]*$/;
/** Strings up to this length are remembered during one call: names, images, phases repeat a lot. */
const CACHED_STRING_LENGTH = 256;

/** `<redacted>` in base64: Secret `data` and ConfigMap `binaryData` hold bytes, and Go clients
 * such as `kubectl describe secret` refuse a value that is not base64. */
export const BASE64_MASK = Buffer.from(MASK).toString('base64');

export interface RedactOptions {
  /**
   * How byte fields (Secret `data`, ConfigMap `binaryData`) are masked: `mask` writes `<redacted>`
   * (tool results, logs), `base64` writes BASE64_MASK so kubectl can still decode API answers
   * (the kubectl proxy). Default `mask`.
   */
  bytes?: 'mask' | 'base64';
}

export function redactObject<T>(value: T, options: RedactOptions = {}): T {
  return new ObjectRedactor(options.bytes === 'base64' ? BASE64_MASK : MASK).walk(value, 0) as T;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function looksLikeSecret(obj: Record<string, unknown>): boolean {
  if (obj.kind === 'Secret') return true;
  if (obj.kind !== undefined) return false;
  // Items of a SecretList and objects in a Table's rows may come without `kind`.
  return (
    typeof obj.type === 'string' &&
    isRecord(obj.metadata) &&
    (isRecord(obj.data) || isRecord(obj.stringData))
  );
}

function emptyLike(obj: object): Record<string, unknown> {
  const proto: unknown = Object.getPrototypeOf(obj);
  return proto === Object.prototype || proto === null
    ? {}
    : (Object.create(proto as object) as Record<string, unknown>);
}

function maskValues(values: unknown, mask: string): unknown {
  if (values === null || values === undefined) return values;
  if (!isRecord(values)) return mask;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(values)) out[key] = values[key] === null ? null : mask;
  return out;
}

/** One walk; its caches live as long as the call, so nothing is shared between callers. */
class ObjectRedactor {
  private readonly strings = new Map<string, string>();
  private readonly secretKeys = new Map<string, boolean>();
  /** Objects on the current path: a cycle is cut instead of walked forever. */
  private readonly ancestors = new Set<object>();

  constructor(private readonly bytesMask: string) {}

  walk(value: unknown, depth: number, secretItems = false): unknown {
    if (typeof value === 'string') return this.text(value);
    if (value === null || typeof value !== 'object') return value;
    if (depth > MAX_DEPTH || this.ancestors.has(value)) return MASK;
    if (value instanceof Date || value instanceof RegExp || value instanceof ArrayBuffer)
      return value;
    if (value instanceof Uint8Array) return this.bytes(value);
    if (ArrayBuffer.isView(value)) return value;
    this.ancestors.add(value);
    try {
      if (Array.isArray(value)) return this.array(value, depth, secretItems);
      if (value instanceof Map) return this.map(value, depth);
      if (value instanceof Set) return new Set([...value].map((v) => this.walk(v, depth + 1)));
      const obj = value as Record<string, unknown>;
      return secretItems || looksLikeSecret(obj)
        ? this.secret(obj, depth)
        : this.object(obj, depth);
    } finally {
      this.ancestors.delete(value);
    }
  }

  private text(text: string): string {
    if (text.length > CACHED_STRING_LENGTH) return mightHoldSecret(text) ? redactText(text) : text;
    let out = this.strings.get(text);
    if (out === undefined) {
      out = mightHoldSecret(text) ? redactText(text) : text;
      this.strings.set(text, out);
    }
    return out;
  }

  private isSecretKey(key: string): boolean {
    let verdict = this.secretKeys.get(key);
    if (verdict === undefined) {
      verdict = !STRUCTURAL_KEYS.has(key) && isSecretName(key);
      this.secretKeys.set(key, verdict);
    }
    return verdict;
  }

  private array(items: unknown[], depth: number, secretItems: boolean): unknown[] {
    const out: unknown[] = new Array<unknown>(items.length);
    let afterSecretFlag = false;
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      // `["--token", "abc"]` in a container's command or args.
      out[i] =
        afterSecretFlag && typeof item === 'string' && item !== ''
          ? MASK
          : this.walk(item, depth + 1, secretItems);
      afterSecretFlag =
        typeof item === 'string' && FLAG.test(item) && this.isSecretKey(item.replace(/^-+/, ''));
    }
    return out;
  }

  private map(map: Map<unknown, unknown>, depth: number): Map<unknown, unknown> {
    const out = new Map<unknown, unknown>();
    for (const [k, v] of map)
      out.set(k, typeof k === 'string' ? this.field(k, v, depth, false) : this.walk(v, depth + 1));
    return out;
  }

  private object(obj: Record<string, unknown>, depth: number): Record<string, unknown> {
    const out = emptyLike(obj);
    const secretList = obj.kind === 'SecretList';
    for (const key of Object.keys(obj)) {
      const v = obj[key];
      if (key === 'items' && secretList) out[key] = this.walk(v, depth + 1, true);
      else if (key === 'binaryData' && isRecord(v)) out[key] = this.binaryData(v);
      else out[key] = this.field(key, v, depth, false);
    }
    // `{name, value}` pairs: container env, HTTP headers of probes, parameters of custom resources.
    const pairName =
      typeof obj.name === 'string' ? obj.name : typeof obj.key === 'string' ? obj.key : undefined;
    if (
      pairName !== undefined &&
      typeof obj.value === 'string' &&
      obj.value !== '' &&
      isSecretName(pairName)
    ) {
      out.value = MASK;
    }
    return out;
  }

  private field(key: string, v: unknown, depth: number, inSecret: boolean): unknown {
    if (typeof v !== 'string') return this.walk(v, depth + 1);
    if (key === LAST_APPLIED) return inSecret ? MASK : this.embeddedJson(v, depth);
    if (v !== '' && v !== 'true' && v !== 'false' && this.isSecretKey(key)) return MASK;
    return this.text(v);
  }

  /** Secret `data`/`stringData` values are never shown; keys stay so users see what it holds. */
  private secret(secret: Record<string, unknown>, depth: number): Record<string, unknown> {
    const out = emptyLike(secret);
    for (const key of Object.keys(secret)) {
      const v = secret[key];
      if (key === 'data') out[key] = maskValues(v, this.bytesMask);
      else if (key === 'stringData') out[key] = maskValues(v, MASK);
      else if (key === 'metadata' && isRecord(v)) out[key] = this.secretMetadata(v, depth + 1);
      else out[key] = this.field(key, v, depth, true);
    }
    return out;
  }

  /** ConfigMap bytes: only secret-named keys are masked, and the mask must stay base64. */
  private binaryData(values: Record<string, unknown>): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(values)) {
      const v = values[key];
      out[key] = typeof v === 'string' && v !== '' && this.isSecretKey(key) ? this.bytesMask : v;
    }
    return out;
  }

  private secretMetadata(metadata: Record<string, unknown>, depth: number): unknown {
    const out = this.walk(metadata, depth);
    if (
      isRecord(out) &&
      isRecord(out.annotations) &&
      typeof out.annotations[LAST_APPLIED] === 'string'
    ) {
      out.annotations = { ...out.annotations, [LAST_APPLIED]: MASK };
    }
    return out;
  }

  /** last-applied-configuration is the whole object as JSON: redact it as an object. */
  private embeddedJson(text: string, depth: number): string {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return this.text(text);
    }
    return JSON.stringify(this.walk(parsed, depth + 1)) + (text.endsWith('\n') ? '\n' : '');
  }

  private bytes(bytes: Uint8Array): Uint8Array {
    const text = new TextDecoder().decode(bytes);
    const redacted = this.text(text);
    if (redacted === text) return bytes;
    return Buffer.isBuffer(bytes) ? Buffer.from(redacted) : new TextEncoder().encode(redacted);
  }
}
