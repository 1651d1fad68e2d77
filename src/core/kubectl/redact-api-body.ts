import { MASK, redactObject } from '../policy/redact.js';

/** The mask as Secret data carries it: base64, so kubectl can still decode the object. */
export const MASK_BASE64 = Buffer.from(MASK).toString('base64');

/**
 * Redacts one API answer for kubectl. Secret `data` values become base64 of the mask, because
 * kubectl decodes them as bytes (`describe secret` would fail on a bare mask instead of showing it).
 */
export function redactApiBody(body: unknown): unknown {
  return encodeSecretMasks(redactObject(body), false, 0);
}

function encodeSecretMasks(node: unknown, inSecretList: boolean, depth: number): unknown {
  if (depth > 8 || node === null || typeof node !== 'object') return node;
  if (Array.isArray(node)) {
    for (const item of node) encodeSecretMasks(item, inSecretList, depth + 1);
    return node;
  }
  const obj = node as Record<string, unknown>;
  if (isRecord(obj.data) && (obj.kind === 'Secret' || (inSecretList && obj.kind === undefined))) {
    for (const [key, value] of Object.entries(obj.data))
      if (value === MASK) obj.data[key] = MASK_BASE64;
  }
  // Where Secrets sit inside answers: list items, Table rows, a row's object.
  if (Array.isArray(obj.items)) encodeSecretMasks(obj.items, obj.kind === 'SecretList', depth + 1);
  if (Array.isArray(obj.rows)) encodeSecretMasks(obj.rows, false, depth + 1);
  if (isRecord(obj.object)) encodeSecretMasks(obj.object, false, depth + 1);
  return obj;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
