// Request bodies of writes: the object itself, and the four patch types applied to a target.
import { parse as parseYaml } from 'yaml';
import type { KubeObject } from '../objects/types.js';
import { jsonMergePatch, jsonPatch, PatchError, strategicMergePatch } from '../util/patch.js';
import { isRecord, parseJsonBody } from './http-util.js';
import { ApiError, badRequest } from './status.js';

export function requireObject(body: unknown): KubeObject {
  if (!isRecord(body)) throw badRequest('the request body must be a JSON object');
  const obj = body as KubeObject;
  if (obj.metadata !== undefined && !isRecord(obj.metadata))
    throw badRequest('metadata must be an object');
  obj.metadata ??= { name: '', uid: '', resourceVersion: '', creationTimestamp: '' };
  return obj;
}

export function patchKind(
  contentType: string | undefined,
): 'merge' | 'strategic' | 'json' | 'apply' {
  const ct = (contentType ?? '').split(';')[0]?.trim();
  if (ct === 'application/merge-patch+json') return 'merge';
  if (ct === 'application/strategic-merge-patch+json') return 'strategic';
  if (ct === 'application/json-patch+json') return 'json';
  if (ct === 'application/apply-patch+yaml') return 'apply';
  throw new ApiError(
    415,
    'UnsupportedMediaType',
    `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json`,
  );
}

export function applyPatch(
  kind: 'merge' | 'strategic' | 'json' | 'apply',
  target: unknown,
  raw: string,
): unknown {
  try {
    if (kind === 'apply') return jsonMergePatch(target, parseYaml(raw));
    const patch = parseJsonBody(raw);
    if (kind === 'json') return jsonPatch(target, patch);
    if (!isRecord(patch)) throw badRequest('a merge patch must be a JSON object');
    return kind === 'merge' ? jsonMergePatch(target, patch) : strategicMergePatch(target, patch);
  } catch (err) {
    if (err instanceof PatchError)
      throw new ApiError(
        422,
        'Invalid',
        `the server rejected our request due to an error in our request: ${err.message}`,
      );
    if (err instanceof ApiError) throw err;
    throw badRequest(`error decoding patch: ${(err as Error).message}`);
  }
}
